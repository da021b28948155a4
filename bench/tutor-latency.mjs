// The tutor's cost in a chat, through the whole app path with the tiny models (ONNX/WASM):
// - message → correction card, rules layer: from the learner message being stored to its
//   correction record being stored (the check runs in its worker; the card renders from the record);
// - the LLM pass: from the reply being stored to the LLM's changes merged into the record;
// - the next reply's time to first token when the person answers while the LLM pass is still
//   running (the reply stops it) against answering once it is done.
import { LLM_ID, LLM_LEARNER_SENTENCE } from '../scripts/tiny-models/index.mjs';
import { openApp, readAll, sendAndWait, useTinyModel } from './browser-app.mjs';
import { median, quantile, report, round } from './lib.mjs';

const TURNS = 12;

/** @param {import('playwright').Page} page @param {string} text */
async function send(page, text) {
	await page.getByLabel('Your message').fill(text);
	await page.getByRole('button', { name: 'Send', exact: true }).click();
}

export async function tutorLatency() {
	const app = await openApp();
	const { page } = app;
	try {
		await useTinyModel(app, LLM_ID);
		await app.open('/companions/preset-lena/chat');
		await sendAndWait(page, 'Hallo!'); // loads the model and the dictionary
		for (let i = 0; i < TURNS; i++) {
			await sendAndWait(page, LLM_LEARNER_SENTENCE);
			if (i % 2 === 1) {
				// Answer once the LLM pass has merged its changes into this message's record.
				await page.waitForFunction(
					() => !document.querySelector('[data-testid=correction-card] .hint'),
					undefined,
					{ timeout: 60_000 }
				);
			}
		}
		await send(page, 'Danke!');
		await page.waitForTimeout(3000);
		/** @type {any[]} */
		const messages = await readAll(page, 'messages');
		/** @type {any[]} */
		const records = await readAll(page, 'corrections');
		/** @type {any[]} */
		const samples = await readAll(page, 'levelSamples');
		const byId = new Map(messages.map((m) => [m.id, m]));
		const learner = records.filter((r) => r.text.startsWith('Gestern'));
		const rules = learner.map((r) => r.createdAt - byId.get(r.messageId).createdAt);
		const replyDone = samples
			.filter((s) => s.role === 'companion')
			.map((s) => s.createdAt)
			.sort((a, b) => a - b);
		const llm = learner
			.filter((r) => r.llm === 'done')
			.map((r) => r.updatedAt - (replyDone.find((at) => at >= r.createdAt) ?? r.createdAt));
		const ordered = messages.sort((a, b) => a.createdAt - b.createdAt);
		const replies = ordered.filter((m) => m.role === 'assistant' && m.metrics?.timeToFirstTokenMs);
		// replies[k] answers turn k - 1 (replies[0] answers "Hallo!"). Turn i was sent while the
		// pass over turn i - 1 ran when i - 1 is even (odd turns waited for their pass).
		/** @param {(k: number) => boolean} keep */
		const ttft = (keep) =>
			replies.filter((_, k) => k >= 2 && keep(k)).map((m) => m.metrics.timeToFirstTokenMs);
		const during = ttft((k) => k % 2 === 0);
		const after = ttft((k) => k % 2 === 1);
		return report('tutor latency (tiny models, ONNX/WASM)', {
			messages: learner.length,
			rulesCardP50Ms: round(median(rules)),
			rulesCardP90Ms: round(quantile(rules, 0.9)),
			llmPassesMerged: llm.length,
			llmPassP50Ms: round(median(llm)),
			llmPassP90Ms: round(quantile(llm, 0.9)),
			firstTokenWhilePassRunsMedianMs: round(median(during)),
			firstTokenAfterPassMedianMs: round(median(after))
		});
	} finally {
		await app.close();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await tutorLatency();
