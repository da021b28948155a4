// Prints the cached results of one configuration as the table docs/performance.md shows.
import { median, quantile } from '../stats.mjs';
import { configKey, readResults } from './results.mjs';

const ms = (/** @type {number | undefined} */ v) =>
	v === undefined || Number.isNaN(v) ? '—' : `${Math.round(v).toLocaleString('en')} ms`;
const med = (/** @type {number[]} */ values) => (values?.length ? median(values) : undefined);

/**
 * @param {import('./results.mjs').Config} config
 * @returns {Promise<string[]>} the lines printed
 */
export async function printReport(config) {
	const r = await readResults(configKey(config));
	const lines = [
		`Voice latency, ${config.path}: ${config.stt}, ${config.voice}, ${config.promptTokens}-token prompt, ${config.silenceMs} ms end-of-turn silence`
	];
	const row = (
		/** @type {string} */ stage,
		/** @type {string} */ value,
		/** @type {string} */ note = ''
	) => lines.push(`| ${stage} | ${value} | ${note} |`);
	lines.push('| stage | median | note |', '| --- | --- | --- |');
	for (const stt of ['whisper-tiny', 'whisper-base']) {
		const s = r[`stt:${stt}`];
		if (s)
			row(
				`${stt}: 3 s utterance (30 s encoder window + ~15 tokens)`,
				ms(med(s.utteranceMs)),
				`load ${ms(s.loadMs)}; a 1 s streaming piece ${ms(med(s.pieceMs))}`
			);
	}
	if (r.llm) {
		row(
			`LLM prefill, ${r.llm.prefill[0]?.promptTokens} tokens`,
			ms(med(r.llm.prefill.map((/** @type {{ms: number}} */ p) => p.ms))),
			`load ${ms(r.llm.loadMs)}`
		);
		row(
			'LLM decode',
			`${r.llm.decodeTokensPerSecond?.toFixed(1)} tokens/s`,
			`${r.llm.decodeTokens} tokens`
		);
	}
	if (r['llm-prefix'])
		row(
			`LLM prefill with the prefix reused (${r['llm-prefix'].newTokens} new tokens at ${r['llm-prefix'].contextTokens})`,
			ms(r['llm-prefix'].reuseMs),
			`without reuse ${ms(r['llm-prefix'].fullMs)}`
		);
	for (const voice of ['vits', 'kokoro']) {
		const v = r[`voice:${voice}`];
		if (v) {
			const first = v.firstClause.map((/** @type {{ms: number}} */ f) => f.ms);
			row(
				`${voice}: first clause (${v.firstClause[0].audioSeconds.toFixed(2)} s of audio)`,
				ms(med(first)),
				`RTF ${v.long.rtf.toFixed(2)} on ${v.long.audioSeconds.toFixed(1)} s; load ${ms(v.loadMs)}`
			);
		}
	}
	if (r.embed) row('query embedding', ms(med(r.embed.queryMs)), `load ${ms(r.embed.loadMs)}`);
	/** @type {{ tText: number, tRecall: number, tFirstToken: number, tClause: number, tAudio: number, reusedTokens?: number }[]} */
	const turns = r.turns ?? [];
	if (turns.length) {
		const total = turns.map((t) => t.tAudio + config.silenceMs);
		row(
			`whole turn, end of speech → first audio (${turns.length} turns)`,
			ms(median(total)),
			`p90 ${ms(quantile(total, 0.9))}; compute ${ms(median(turns.map((t) => t.tAudio)))} + ${config.silenceMs} ms silence`
		);
		row('  of which: recognised text', ms(median(turns.map((t) => t.tText))), '');
		row('  first token', ms(median(turns.map((t) => t.tFirstToken))), '');
		row('  first clause written', ms(median(turns.map((t) => t.tClause))), '');
		// Turns the engine answered with the prompt's prefix reused, and those it prefilled whole.
		const reused = turns.filter((t) => (t.reusedTokens ?? 0) > 0);
		const whole = turns.filter((t) => t.reusedTokens === 0);
		if (reused.length && whole.length) {
			const prefill = (/** @type {typeof turns} */ list) =>
				median(list.map((t) => t.tFirstToken - t.tRecall));
			const total = (/** @type {typeof turns} */ list) =>
				median(list.map((t) => t.tAudio + config.silenceMs));
			row(
				`  prompt prefilled whole (${whole.length} turns)`,
				ms(total(whole)),
				`to the first token ${ms(prefill(whole))}`
			);
			row(
				`  prompt prefix reused (${reused.length} turns)`,
				ms(total(reused)),
				`to the first token ${ms(prefill(reused))}`
			);
		}
		const preemptive = turns.map((t) => Math.max(config.silenceMs, t.tAudio));
		row(
			'  with a preemptive reply (compute overlaps the silence)',
			ms(median(preemptive)),
			`saves ${ms(median(total) - median(preemptive))} (composed from the same turns)`
		);
		const prefix = r['llm-prefix'];
		if (prefix) {
			const saved = prefix.fullMs - prefix.reuseMs;
			const both = turns.map((t) => Math.max(config.silenceMs, t.tAudio - saved));
			row(
				'  … and prefix reuse',
				ms(median(both)),
				`saves a further ${ms(median(preemptive) - median(both))}`
			);
		}
	}
	for (const line of lines) console.log(line);
	return lines;
}
