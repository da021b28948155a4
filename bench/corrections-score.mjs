// Scores the deterministic correction layer against a gold set, edit by edit as the
// grammatical-error-correction shared tasks do (precision, recall, F0.5), and times it.
//   node bench/corrections-score.mjs [GOLD.jsonl] [--output SYSTEM.jsonl]
// GOLD defaults to tests/fixtures/tutor/learner-sentences.jsonl. Without --output it runs
// bench/corrections.mjs over GOLD itself; with it, it scores that file (any system's output in
// the same line format: {"id", "corrected", "flags": [{"text", "category"}]}).
//
// A gold edit counts as corrected when the system's changes inside its span turn the span into
// the gold replacement exactly; changes outside every gold span are false positives. System
// changes come from a word-level diff of input and `corrected` (the `diff` package), so any
// system can be scored. Flags are scored apart, as detections: a flag or change touching a gold
// span detects it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { diffArrays } from 'diff';
import { quantile, round } from './stats.mjs';

const args = process.argv.slice(2);
const outputAt = args.indexOf('--output');
const outputFile = outputAt >= 0 ? args[outputAt + 1] : undefined;
const goldFile =
	args.find((a, i) => !a.startsWith('--') && (outputAt < 0 || i !== outputAt + 1)) ??
	'tests/fixtures/tutor/learner-sentences.jsonl';

/** @param {string} text */
const jsonLines = (text) =>
	text
		.split('\n')
		.filter((l) => l.trim())
		.map((l) => JSON.parse(l));

const gold = jsonLines(readFileSync(goldFile, 'utf8'));
let systemText;
if (outputFile) {
	systemText = readFileSync(outputFile, 'utf8');
} else {
	const run = spawnSync('node', ['bench/corrections.mjs', goldFile], { encoding: 'utf8' });
	if (run.status !== 0) throw new Error(`bench/corrections.mjs failed:\n${run.stderr}`);
	systemText = run.stdout;
}
const system = new Map(jsonLines(systemText).map((s) => [String(s.id), s]));

/** Words and punctuation with their offsets. @param {string} text */
const tokens = (text) =>
	[...text.matchAll(/[\p{L}\p{M}\d]+(?:[-'’][\p{L}\p{M}\d]+)*|[^\s\p{L}\p{M}\d]/gu)].map((m) => ({
		text: m[0],
		start: m.index,
		end: m.index + m[0].length
	}));

/**
 * Word-level changes between input and corrected (a token diff from the `diff` package), as
 * spans of the input and their replacement text.
 * @param {string} input @param {string} corrected
 */
function hunks(input, corrected) {
	const before = tokens(input);
	const after = tokens(corrected);
	/** @type {{ start: number, end: number, replacement: string }[]} */
	const out = [];
	let i = 0;
	let j = 0;
	/** @type {{ start: number, end: number, added: typeof after } | null} */
	let open = null;
	const close = () => {
		if (!open) return;
		const { start, end, added } = open;
		const replacement = added.length
			? corrected.slice(added[0].start, added[added.length - 1].end)
			: '';
		out.push({ start, end, replacement });
		open = null;
	};
	for (const part of diffArrays(
		before.map((t) => t.text),
		after.map((t) => t.text)
	)) {
		const count = part.value.length;
		if (!part.added && !part.removed) {
			close();
			i += count;
			j += count;
			continue;
		}
		const at = before[i]?.start ?? input.length;
		open ??= {
			start: i > 0 ? before[i - 1].end : 0,
			end: i > 0 ? before[i - 1].end : 0,
			added: []
		};
		if (part.removed) {
			if (open.start === open.end && open.added.length === 0) open.start = at;
			open.end = before[i + count - 1].end;
			i += count;
		} else {
			open.added.push(...after.slice(j, j + count));
			j += count;
		}
	}
	close();
	return out;
}

/** Where `word` occurs in `text` as whole words, from `from` on. @param {string} text @param {string} word @param {number} from */
function findWord(text, word, from) {
	for (let at = text.indexOf(word, from); at >= 0; at = text.indexOf(word, at + 1)) {
		const before = text[at - 1];
		const after = text[at + word.length];
		if (!(before && /\p{L}/u.test(before)) && !(after && /\p{L}/u.test(after))) return at;
	}
	return -1;
}

/** @param {string} s */
const norm = (s) => s.replace(/\s+/g, '');

const categories = new Map();
/** @param {string} c */
const cat = (c) => {
	if (!categories.has(c)) categories.set(c, { tp: 0, fp: 0, fn: 0, detected: 0, gold: 0 });
	return categories.get(c);
};
let correct = 0;
let falseAlarmEdits = 0;
let falseAlarmAny = 0;
let flagsTotal = 0;
let flagsOnGold = 0;
const misses = [];
const wrong = [];

for (const item of gold) {
	const out = system.get(String(item.id));
	const input = item.input;
	const corrected = out?.corrected ?? input;
	const changes = hunks(input, corrected);
	const systemEdits = out?.edits ?? [];
	const flags = (out?.flags ?? []).map((/** @type {any} */ f) => {
		const start = typeof f.start === 'number' ? f.start : input.indexOf(f.text);
		return { start, end: start + f.text.length, category: f.category };
	});
	/** @param {number} start @param {number} end */
	const systemCategory = (start, end) =>
		systemEdits.find((/** @type {any} */ e) => e.start < end && start < e.start + e.original.length)
			?.category ?? 'unknown';

	let cursor = 0;
	const spans = item.edits.map((/** @type {any} */ e) => {
		let start = findWord(input, e.original, cursor);
		if (start < 0) start = findWord(input, e.original, 0);
		cursor = start + e.original.length;
		// The span with the spaces around it: a word diff moves spaces with the words.
		let from = start;
		let to = start + e.original.length;
		while (from > 0 && input[from - 1] === ' ') from--;
		while (to < input.length && input[to] === ' ') to++;
		return { ...e, start, end: start + e.original.length, from, to };
	});
	if (spans.length === 0) {
		correct++;
		if (changes.length > 0) falseAlarmEdits++;
		if (changes.length > 0 || flags.length > 0) falseAlarmAny++;
	}
	const used = new Set();
	for (const span of spans) {
		const stats = cat(span.category);
		stats.gold++;
		const touching = changes.filter((h) =>
			h.start === h.end
				? h.start >= span.from && h.start <= span.to
				: h.start < span.end && span.start < h.end
		);
		touching.forEach((h) => used.add(h));
		const flagged = flags.some(
			(/** @type {{ start: number, end: number }} */ f) => f.start < span.end && span.start < f.end
		);
		if (touching.length > 0 || flagged) stats.detected++;
		if (touching.length === 0) {
			stats.fn++;
			if (!flagged)
				misses.push(`${item.id} ${span.category}: ${span.original} → ${span.replacement}`);
			continue;
		}
		let text = input.slice(span.from, span.to);
		const ordered = [...touching].sort((a, b) => b.start - a.start);
		const fitsInside = touching.every((h) => h.start >= span.from && h.end <= span.to);
		for (const h of ordered) {
			text = text.slice(0, h.start - span.from) + h.replacement + text.slice(h.end - span.from);
		}
		if (fitsInside && norm(text) === norm(span.replacement)) {
			stats.tp++;
		} else {
			stats.fn++;
			cat(systemCategory(span.start, span.end)).fp++;
			wrong.push(`${item.id} ${span.category}: gold "${span.replacement}", got "${corrected}"`);
		}
	}
	for (const h of changes) {
		if (used.has(h)) continue;
		cat(systemCategory(h.start, h.end)).fp++;
		wrong.push(
			`${item.id} extra: "${input.slice(h.start, h.end)}" → "${h.replacement}" in "${input}"`
		);
	}
	for (const f of flags) {
		flagsTotal++;
		if (spans.some((/** @type {any} */ s) => f.start < s.end && s.start < f.end)) flagsOnGold++;
	}
}

/** @param {number} tp @param {number} fp @param {number} fn */
function prf(tp, fp, fn) {
	const p = tp + fp ? tp / (tp + fp) : NaN;
	const r = tp + fn ? tp / (tp + fn) : NaN;
	const f = p + r ? (1.25 * p * r) / (0.25 * p + r) : NaN;
	return { p: round(p, 3), r: round(r, 3), f05: round(f, 3) };
}

const total = { tp: 0, fp: 0, fn: 0, detected: 0, gold: 0 };
console.log('category            gold  TP  FP  FN  precision recall F0.5  detected');
for (const [name, s] of [...categories].sort((a, b) => b[1].gold - a[1].gold)) {
	for (const k of Object.keys(total)) total[/** @type {keyof typeof total} */ (k)] += s[k];
	const { p, r, f05 } = prf(s.tp, s.fp, s.fn);
	console.log(
		`${name.padEnd(18)} ${String(s.gold).padStart(5)} ${String(s.tp).padStart(3)} ${String(s.fp).padStart(3)} ${String(s.fn).padStart(3)}  ${String(p).padEnd(9)} ${String(r).padEnd(6)} ${String(f05).padEnd(5)} ${s.detected}`
	);
}
const overall = prf(total.tp, total.fp, total.fn);
console.log(
	`${'overall'.padEnd(18)} ${String(total.gold).padStart(5)} ${String(total.tp).padStart(3)} ${String(total.fp).padStart(3)} ${String(total.fn).padStart(3)}  ${String(overall.p).padEnd(9)} ${String(overall.r).padEnd(6)} ${String(overall.f05).padEnd(5)} ${total.detected}`
);
console.log(
	`false alarms on ${correct} correct sentences: ${falseAlarmEdits} with an edit (${round((100 * falseAlarmEdits) / correct, 1)} %), ${falseAlarmAny} with an edit or flag (${round((100 * falseAlarmAny) / correct, 1)} %)`
);
console.log(`flags: ${flagsTotal}, ${flagsOnGold} on a gold edit's span`);
if (args.includes('--details')) {
	console.log('\nwrong or extra:\n' + wrong.join('\n'));
	console.log('\nmissed (no change, no flag):\n' + misses.join('\n'));
}

if (!outputFile) {
	const times = [...system.values()].map((s) => s.ms).filter((ms) => typeof ms === 'number');
	times.sort((a, b) => a - b);
	const worker = await workerHop(gold.slice(0, 200));
	console.log(
		`timing (Node ${process.version}): dictionary load ${round(worker.loadMs, 0)} ms; check per sentence p50 ${round(quantile(times, 0.5), 2)} ms, p90 ${round(quantile(times, 0.9), 2)} ms, max ${round(times[times.length - 1], 2)} ms; through a worker_threads worker p50 ${round(worker.p50, 2)} ms, p90 ${round(worker.p90, 2)} ms`
	);
}

/** Round trips to a worker thread that runs the checker, one message at a time. @param {any[]} items */
async function workerHop(items) {
	const worker = new Worker(new URL('./tutor-check-thread.mjs', import.meta.url));
	const ready = await new Promise((resolve, reject) => {
		worker.once('message', resolve);
		worker.once('error', reject);
	});
	const times = [];
	for (let round = 0; round < 2; round++) {
		for (const [id, item] of items.entries()) {
			const started = performance.now();
			await new Promise((resolve) => {
				const onMessage = (/** @type {any} */ m) => {
					if (m.id === id) {
						worker.off('message', onMessage);
						resolve(m);
					}
				};
				worker.on('message', onMessage);
				worker.postMessage({ id, text: item.input, mode: item.mode ?? 'typed' });
			});
			// The first round warms the caches and the JIT; the second is timed.
			if (round === 1) times.push(performance.now() - started);
		}
	}
	await worker.terminate();
	times.sort((a, b) => a - b);
	return {
		loadMs: /** @type {any} */ (ready).loadMs,
		p50: quantile(times, 0.5),
		p90: quantile(times, 0.9)
	};
}
