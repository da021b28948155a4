import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Memory } from '$lib/db';
import { MIN_SIMILARITY, rankMemories, recall } from '$lib/memory/recall';
import { companionDraft, makeTestDb, memoryRow } from '../../helpers/factories';
import { memoryWorker } from '../../helpers/memory-worker';
import { startModelServer } from '../../helpers/model-server';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 21);

const memory = (overrides: Partial<Memory>): Memory =>
	memoryRow(overrides.text ?? 'A fact.', {
		id: overrides.text ?? 'm',
		createdAt: NOW,
		updatedAt: NOW,
		...overrides
	});

describe('rankMemories', () => {
	it('puts pinned and procedural memories first, then relevance, importance and recency', () => {
		const ranked = rankMemories(
			[
				{ memory: memory({ text: 'relevant' }), similarity: 0.8 },
				{ memory: memory({ text: 'pinned', pinned: true }), similarity: 0.1 },
				{ memory: memory({ text: 'how to treat', kind: 'procedural' }), similarity: 0 },
				{ memory: memory({ text: 'important', importance: 0.9 }), similarity: 0.3 },
				{ memory: memory({ text: 'less important', importance: 0.2 }), similarity: 0.3 },
				{ memory: memory({ text: 'old', updatedAt: NOW - 365 * DAY }), similarity: 0.3 },
				{ memory: memory({ text: 'recent' }), similarity: 0.3 }
			],
			NOW
		);
		expect(ranked.map((r) => r.memory.text)).toEqual([
			'pinned',
			'how to treat',
			'relevant',
			'important',
			'recent',
			'less important',
			'old'
		]);
	});

	it('leaves out off-topic memories unless they are core facts', () => {
		const below = MIN_SIMILARITY - 0.05;
		const ranked = rankMemories(
			[
				{ memory: memory({ text: 'off-topic' }), similarity: below },
				{ memory: memory({ text: 'name', importance: 0.9 }), similarity: below }
			],
			NOW
		);
		expect(ranked.map((r) => r.memory.text)).toEqual(['name']);
	});
});

describe('recall (memory search through the worker, tiny embedding model)', () => {
	let server: Awaited<ReturnType<typeof startModelServer>>;
	beforeAll(async () => (server = await startModelServer()));
	afterAll(() => server.close());
	const cleanups: (() => unknown)[] = [];
	afterEach(async () => {
		for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
	});

	async function setup() {
		const ctx = makeTestDb();
		const worker = memoryWorker(ctx.db.name, server.source);
		cleanups.push(() => ctx.db.delete(), worker.close);
		await worker.load();
		const lena = await ctx.repos.companions.create(companionDraft({ name: 'Lena' }));
		const add = async (draft: Partial<Memory> & { text: string }) => {
			const saved = await ctx.repos.memories.add(
				{
					kind: draft.kind ?? 'semantic',
					namespace: draft.namespace ?? 'shared',
					text: draft.text,
					importance: draft.importance ?? 0.5,
					pinned: draft.pinned,
					sourceConversationId: draft.sourceConversationId
				},
				'model'
			);
			await worker.call('index', { memories: [saved] });
			return saved;
		};
		let searchable = true;
		const recallFor = (text: string, budgetTokens = 500, companion = lena) =>
			recall(
				{ companion, conversationId: 'current', text, budgetTokens },
				{
					repos: ctx.repos,
					search: async (query, namespaces, k) =>
						searchable
							? worker.call('search', { text: query, namespaces: [...namespaces], k })
							: null
				}
			);
		return { ...ctx, lena, add, recallFor, offline: () => (searchable = false) };
	}

	it('chooses what is pinned, the last episode and what is relevant now, within budget', async () => {
		const t = await setup();
		const hamburg = await t.add({ text: 'Anna lives in Hamburg.' });
		await t.add({ text: 'Anna drinks tea every morning.', importance: 0.3 });
		const pinned = await t.add({ text: 'Anna is a nurse.', pinned: true });
		const episode = await t.add({
			kind: 'episodic',
			namespace: `companion:${t.lena.id}`,
			text: 'We practised ordering coffee.',
			sourceConversationId: 'earlier'
		});
		await t.add({
			kind: 'episodic',
			namespace: `companion:${t.lena.id}`,
			text: 'This very conversation.',
			sourceConversationId: 'current'
		});
		await t.add({ namespace: 'companion:someone-else', text: 'Anna lives in Hamburg, says Sam.' });

		const recalled = await t.recallFor('Wo wohne ich?');
		expect(recalled.memoryIds).toEqual([pinned.id, episode.id, hamburg.id]);
		expect(recalled.pinned.map((m) => m.text)).toEqual(['Anna is a nurse.']);
		expect(recalled.episode?.text).toBe('We practised ordering coffee.');
		expect(recalled.relevant.map((m) => m.text)).toEqual(['Anna lives in Hamburg.']);
		expect(recalled.embedMs).toBeGreaterThan(0);

		// A tight budget keeps the best.
		const tight = await t.recallFor('Wo wohne ich?', 12);
		expect(tight.memoryIds).toEqual([pinned.id]);
	});

	it('keeps pinned memories in one order whatever was said, apart from the relevant ones', async () => {
		const t = await setup();
		const nurse = await t.add({ text: 'Anna is a nurse.', pinned: true });
		const hamburg = await t.add({ text: 'Anna lives in Hamburg.', pinned: true });
		for (const said of ['Wo wohne ich?', 'Was bin ich von Beruf?', 'Ich wohne in Hamburg.']) {
			const recalled = await t.recallFor(said);
			expect(recalled.pinned.map((m) => m.id)).toEqual([nurse.id, hamburg.id]);
			expect(recalled.relevant).toEqual([]);
		}
	});

	it('without search, falls back to the most important memories', async () => {
		const t = await setup();
		const name = await t.add({ text: 'Anna is from Canada.', importance: 0.9 });
		await t.add({ text: 'Anna drinks tea.', importance: 0.1 });
		t.offline();
		const recalled = await t.recallFor('Wo wohne ich?', 15);
		expect(recalled.memoryIds).toEqual([name.id]);
	});

	it('recalls nothing for a companion whose memory is off', async () => {
		const t = await setup();
		await t.add({ text: 'Anna lives in Hamburg.', pinned: true });
		const off = await t.repos.companions.update(t.lena.id, {
			...companionDraft({ name: 'Lena' }),
			memoryEnabled: false
		});
		expect(await t.recallFor('Wo wohne ich?', 500, off)).toMatchObject({
			pinned: [],
			relevant: [],
			memoryIds: []
		});
	});
});
