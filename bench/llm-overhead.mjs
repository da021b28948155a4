// Engine overhead through the whole app path with the tiny model: from pressing Send to the first
// token on the main thread, minus the time the engine itself took to the first token (prompt
// processing and first decoding step, measured inside the worker). Also decode speed.
import { LLM_ID } from '../scripts/tiny-models/index.mjs';
import { openApp, sendAndWait, storedMessages, useTinyModel } from './browser-app.mjs';
import { median, quantile, report, round } from './lib.mjs';

const TURNS = 10;

export async function llmOverhead() {
	const app = await openApp();
	try {
		await useTinyModel(app, LLM_ID);
		await app.open('/companions/preset-lena/chat');
		await sendAndWait(app.page, 'Hallo!'); // loads and warms up the model
		for (let i = 0; i < TURNS; i++) {
			// A person reads the reply before answering; the app settles (saves, re-renders) meanwhile.
			await app.page.waitForTimeout(500);
			await sendAndWait(app.page, `Frage ${i}: Wie geht es dir?`);
		}
		/** @type {{ role: string, createdAt: number, metrics: Record<string, number> }[]} */
		const messages = /** @type {never} */ (await storedMessages(app.page));
		// Oldest first; the first reply also loaded the model and is left out.
		const replies = messages
			.filter((m) => m.role === 'assistant' && m.metrics?.timeToFirstTokenMs !== undefined)
			.sort((a, b) => a.createdAt - b.createdAt)
			.slice(1);
		const app_ = replies.map((m) => m.metrics.timeToFirstTokenMs);
		const model = replies.map((m) => m.metrics.modelTimeToFirstTokenMs);
		const overhead = replies.map(
			(m) => m.metrics.timeToFirstTokenMs - m.metrics.modelTimeToFirstTokenMs
		);
		return report('llm overhead (tiny model, ONNX/WASM)', {
			turns: replies.length,
			sendToFirstTokenMedianMs: round(median(app_)),
			modelFirstTokenMedianMs: round(median(model)),
			overheadMedianMs: round(median(overhead)),
			overheadP90Ms: round(quantile(overhead, 0.9)),
			decodeTokensPerSecondMedian: round(median(replies.map((m) => m.metrics.tokensPerSecond)))
		});
	} finally {
		await app.close();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await llmOverhead();
