// Voice call figures with the tiny models: the pipeline's own overhead per turn (everything but
// the models: voice-detection hand-off, worker messaging, sentence splitting, audio scheduling)
// and barge-in (speech onset → the companion silent). Chromium's fake microphone plays
// tests/fixtures/audio/de-barge-in.wav in a loop, so the person also speaks over replies.
import { EMBED_ID, LLM_ID } from '../scripts/tiny-models/index.mjs';
import { openApp, putAll, storedMessages, useTinyModel, useTinySpeech } from './browser-app.mjs';
import { median, quantile, report, round } from './lib.mjs';

const CALL_SECONDS = 90;
const RECORD = process.argv.includes('--record');
// The overhead below subtracts each model's whole compute from its stage. A preemptive reply
// transcribes at the pause, before the end of the turn, and streaming recognition transcribes
// while the person speaks, so with them the sum goes negative: they are measured on their own
// (docs/performance.md, the latency cuts). `--cuts` keeps the app's defaults anyway.
const CUTS = process.argv.includes('--cuts');

export async function callPipeline() {
	const app = await openApp([
		'--use-fake-ui-for-media-stream',
		'--use-fake-device-for-media-stream',
		'--use-file-for-fake-audio-capture=tests/fixtures/audio/de-barge-in.wav',
		'--autoplay-policy=no-user-gesture-required'
	]);
	try {
		await useTinyModel(app, LLM_ID);
		await useTinySpeech(app);
		await putAll(app.page, 'settings', [
			{ key: 'memory.embedModel', value: EMBED_ID },
			...(CUTS
				? []
				: [
						{ key: 'speech.preemptiveReply', value: false },
						{ key: 'speech.streamingRecognition', value: 'off' }
					])
		]);
		await app.open('/companions/preset-lena/call');
		// `--record`: the same call while it is recorded (bench/recording.mjs has its own figures).
		if (RECORD) await app.page.getByTestId('record-start').click();
		await app.page.waitForTimeout(CALL_SECONDS * 1000);
		await app.page.getByRole('button', { name: 'End call' }).click();
		await app.page.waitForTimeout(500);
		/** @type {{ role: string, metrics?: Record<string, number> }[]} */
		const messages = /** @type {never} */ (await storedMessages(app.page));
		/** @type {Record<string, number>[]} */
		const turns = messages.flatMap((m) =>
			m.role === 'assistant' && m.metrics?.speechEndToTranscriptMs !== undefined ? [m.metrics] : []
		);
		if (process.env.BENCH_VERBOSE) console.log(turns);
		const full = turns.filter((t) => t.firstTokenToFirstAudioMs !== undefined);
		/** @param {string} key */
		const m = (key) => full.map((t) => t[key]);
		const stt = full.map((t) => t.speechEndToTranscriptMs - t.sttModelMs);
		// Memory recall runs on this path too; it has its own figure (bench/memory-recall.mjs).
		const recall = full.map((t) => t.recallMs ?? 0);
		const llm = full.map(
			(t, i) => t.transcriptToFirstTokenMs - t.modelTimeToFirstTokenMs - recall[i]
		);
		const tts = full.map(
			(t) => t.firstTokenToFirstAudioMs - t.firstTokenToFirstSentenceMs - t.ttsFirstSentenceMs
		);
		const total = full.map((_, i) => stt[i] + llm[i] + tts[i]);
		const bargeIns = messages.map((x) => x.metrics?.bargeInMs).filter((v) => v !== undefined);
		const label = `${RECORD ? ', recording' : ''}${CUTS ? ', latency cuts on' : ''}`;
		return report(`call pipeline (tiny models)${label}`, {
			turns: full.length,
			overheadMedianMs: round(median(total)),
			overheadP90Ms: round(quantile(total, 0.9)),
			overheadWithRecallMedianMs: round(median(total.map((t, i) => t + recall[i]))),
			overheadPartsMedianMs: {
				speechToText: round(median(stt)),
				toFirstToken: round(median(llm)),
				memoryRecall: round(median(recall)),
				toFirstAudio: round(median(tts))
			},
			stagesMedianMs: {
				silenceWaited: round(median(m('endOfTurnMs'))),
				endOfTurnToTranscript: round(median(m('speechEndToTranscriptMs'))),
				transcriptToFirstToken: round(median(m('transcriptToFirstTokenMs'))),
				firstTokenToFirstAudio: round(median(m('firstTokenToFirstAudioMs')))
			},
			bargeIns: bargeIns.length,
			bargeInMedianMs: bargeIns.length ? round(median(bargeIns)) : null,
			bargeInMaxMs: bargeIns.length ? Math.max(...bargeIns) : null
		});
	} finally {
		await app.close();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await callPipeline();
