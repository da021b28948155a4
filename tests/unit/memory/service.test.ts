import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ModelStatus, WorkerModel } from '$lib/ai/worker-model.svelte';
import { MemoryService, type MemoryServiceDeps } from '$lib/memory/service.svelte';
import type { MemoryProtocol } from '$lib/memory/worker/protocol';
import { abortError } from '$lib/workers/client';
import { companionDraft, makeTestDb } from '../../helpers/factories';

/**
 * A stand-in for the memory worker (our own WorkerModel interface) that records what was asked
 * of it. Search answers after `searchMs` (or never, with Infinity).
 */
function standInWorker({ searchMs = 0 } = {}) {
	const loads: unknown[] = [];
	const calls: string[] = [];
	const worker = {
		status: 'idle' as ModelStatus,
		async ensure(request: unknown) {
			loads.push(request);
			worker.status = 'ready';
		},
		call(type: string) {
			calls.push(type);
			if (type !== 'search') return Promise.resolve({});
			return new Promise((done) => {
				if (searchMs !== Infinity)
					setTimeout(() => done({ hits: [], embedMs: 1, searchMs: 1 }), searchMs);
			});
		}
	};
	return { worker, loads, calls };
}

const services: MemoryService[] = [];
afterEach(() => services.splice(0).forEach((service) => service.stop()));

type Generate = MemoryServiceDeps['llm']['generate'];

async function setUp(options?: { searchMs?: number; generate?: Generate }) {
	const t = makeTestDb();
	const stand = standInWorker(options);
	const service = new MemoryService({
		repos: t.repos,
		bus: t.bus,
		llm: {
			status: 'ready',
			generate: options?.generate ?? (() => Promise.reject(new Error('not in this test')))
		},
		worker: stand.worker as unknown as WorkerModel<MemoryProtocol>,
		request: async () => ({ model: 'test', device: 'cpu', source: {}, dbName: t.db.name }) as never
	});
	services.push(service);
	const companion = await t.repos.companions.create(companionDraft());
	const ask = (text = 'Wo wohne ich?') =>
		service.recall({ companion, conversationId: 'c1', text, budgetTokens: 500 });
	return { ...t, ...stand, service, companion, ask };
}

const settle = () => new Promise((done) => setTimeout(done, 20));

describe('MemoryService', () => {
	it('does not load the embedding model while there is no memory to search', async () => {
		const t = await setUp();
		expect(await t.ask()).toMatchObject({ pinned: [], relevant: [], memoryIds: [] });
		expect(await t.service.nearest(['Ich heiße Anna.'], ['shared'], 5)).toEqual([[]]);
		await settle();
		expect(t.loads).toEqual([]);
	});

	it('starts loading search once a memory exists, and recalls by importance meanwhile', async () => {
		const t = await setUp();
		const fact = await t.repos.memories.add(
			{ kind: 'semantic', namespace: 'shared', text: 'Anna lives in Hamburg.', importance: 0.8 },
			'person'
		);
		const first = await t.ask();
		expect(first.memoryIds).toEqual([fact.id]);
		expect(first.relevant.map((m) => m.text)).toEqual(['Anna lives in Hamburg.']);
		await settle();
		expect(t.loads).toHaveLength(1);
		// Loaded now: the next reply searches.
		await t.ask();
		expect(t.calls).toContain('search');
	});

	it('does not keep a reply waiting for a slow search', async () => {
		const t = await setUp({ searchMs: Infinity });
		await t.repos.memories.add(
			{ kind: 'semantic', namespace: 'shared', text: 'Anna has a dog.', importance: 0.5 },
			'person'
		);
		await t.service.ensureSearch();
		const started = performance.now();
		const recalled = await t.ask();
		expect(performance.now() - started).toBeLessThan(1000);
		expect(recalled.relevant.map((m) => m.text)).toEqual(['Anna has a dog.']); // by importance instead
	});
});

describe('MemoryService formation', () => {
	afterEach(() => vi.useRealTimers());

	it('reads a conversation a reply interrupted only after the next quiet pause, not between turns', async () => {
		const prompts: string[] = [];
		const t = await setUp({
			generate: async (messages) => {
				prompts.push(messages.at(-1)!.content);
				throw abortError(); // a reply the person waits for needed the model
			}
		});
		const left = await t.repos.conversations.create(t.companion.id, 'chat');
		await t.repos.messages.add({
			conversationId: left.id,
			role: 'user',
			content: 'Ich heiße Anna.',
			status: 'complete'
		});
		t.service.closed(left.id); // the chat was left: read now…
		await vi.waitFor(() => expect(prompts).toHaveLength(1)); // …and cut short by a reply

		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		const quietMs = (await t.repos.settings.get('memory.quietSeconds')) * 1000;
		// The person goes on talking elsewhere: each reply starts the pause again.
		for (let turn = 0; turn < 3; turn++) {
			t.service.replied('another-conversation');
			await vi.advanceTimersByTimeAsync(quietMs / 2);
		}
		expect(prompts).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(quietMs);
		await vi.waitFor(() => expect(prompts).toHaveLength(2));
		expect(prompts[1]).toContain('Ich heiße Anna.');
	});
});
