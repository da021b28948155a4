// Memory on the reply path, through the whole app with the tiny models: how long recalling
// memories takes for each reply (searching 10k memories in the worker, reading the hits, ranking),
// beyond embedding the query; and the time to first token it is part of.
import { EMBED_DICTIONARY, EMBED_ID, LLM_ID } from '../scripts/tiny-models/index.mjs';
import {
	openApp,
	putAll,
	readAll,
	sendAndWait,
	storedMessages,
	useTinyModel
} from './browser-app.mjs';
import { median, quantile, report, round } from './lib.mjs';

const MEMORIES = 10_000;
const TURNS = 10;
const LENA = 'preset-lena';

/** Varied facts from the tiny embedding model's dictionary, so similarities spread. @param {number} count */
function memories(count) {
	const words = EMBED_DICTIONARY.map((entry) => entry.en[0]);
	const now = Date.now();
	return Array.from({ length: count }, (_, i) => ({
		id: `bench-${i}`,
		kind: 'semantic',
		namespace: i % 3 ? 'shared' : `companion:${LENA}`,
		text: `Anna mentioned ${words[i % words.length]} and ${words[(i * 7 + 3) % words.length]} (${i}).`,
		importance: (i % 10) / 10,
		pinned: false,
		version: 1,
		createdBy: 'model',
		createdAt: now - i * 60_000,
		updatedAt: now - i * 60_000
	}));
}

/** @param {import('playwright').Page} page */
async function indexedCount(page) {
	const blocks = /** @type {{ count: number }[]} */ (await readAll(page, 'memoryVectors'));
	return blocks.reduce((sum, block) => sum + block.count, 0);
}

/** @param {Awaited<ReturnType<typeof openApp>>} app @param {string} label */
async function replies(app, label) {
	await app.open(`/companions/${LENA}/chat`);
	await sendAndWait(app.page, 'Hallo!'); // a new conversation; loads what is not loaded yet
	for (let i = 0; i < TURNS; i++) {
		await app.page.waitForTimeout(400);
		await sendAndWait(app.page, `Was weißt du über meinen Hund und meine Arbeit? (${label} ${i})`);
	}
	/** @type {{ role: string, content: string, createdAt: number, recalled?: string[], metrics?: Record<string, number> }[]} */
	const messages = /** @type {never} */ (await storedMessages(app.page));
	const asked = messages.filter((m) => m.role === 'user' && m.content.includes(`(${label} `));
	const first = Math.min(...asked.map((m) => m.createdAt));
	return messages.flatMap((m) =>
		m.role === 'assistant' && m.createdAt > first && m.metrics
			? [{ metrics: m.metrics, recalled: m.recalled ?? [] }]
			: []
	);
}

export async function memoryRecall() {
	const app = await openApp();
	try {
		await useTinyModel(app, LLM_ID);
		await putAll(app.page, 'settings', [{ key: 'memory.embedModel', value: EMBED_ID }]);
		await putAll(app.page, 'memories', memories(MEMORIES));
		await app.reload();
		// The first reply loads memory search; the worker then embeds the 10k memories.
		await app.open(`/companions/${LENA}/chat`);
		await sendAndWait(app.page, 'Hallo!');
		const started = Date.now();
		while ((await indexedCount(app.page)) < MEMORIES) {
			if (Date.now() - started > 240_000) throw new Error('Memories were not indexed in time.');
			await app.page.waitForTimeout(500);
		}
		const indexSeconds = (Date.now() - started) / 1000;

		const on = await replies(app, 'on');
		const recall = on.map((m) => m.metrics.recallMs);
		const embed = on.map((m) => m.metrics.recallEmbedMs);
		const beyond = on.map((m) => m.metrics.recallMs - m.metrics.recallEmbedMs);
		const recalled = on.map((m) => m.recalled.length);

		if (process.env.BENCH_VERBOSE) console.log(on.map((m) => m.metrics));

		return report('memory recall (10k memories, tiny models)', {
			memories: MEMORIES,
			turns: on.length,
			recalledPerReplyMedian: median(recalled),
			recallMedianMs: round(median(recall)),
			queryEmbeddingMedianMs: round(median(embed)),
			beyondEmbeddingMedianMs: round(median(beyond)),
			beyondEmbeddingP90Ms: round(quantile(beyond, 0.9)),
			// Whole path as the person waits (recall runs while the conversation is read).
			timeToFirstTokenMedianMs: round(median(on.map((m) => m.metrics.timeToFirstTokenMs))),
			indexingSeconds: round(indexSeconds)
		});
	} finally {
		await app.close();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await memoryRecall();
