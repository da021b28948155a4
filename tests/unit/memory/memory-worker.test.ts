import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EMBED_ID } from '../../../scripts/tiny-models/index.mjs';
import { createMemoryHandlers } from '$lib/memory/worker/handler';
import { makeTestDb } from '../../helpers/factories';
import { memoryWorker } from '../../helpers/memory-worker';
import { startModelServer } from '../../helpers/model-server';
import { driveHandlers } from '../../helpers/rpc';

let server: Awaited<ReturnType<typeof startModelServer>>;
beforeAll(async () => (server = await startModelServer()));
afterAll(() => server.close());

type Ctx = ReturnType<typeof makeTestDb>;
const contexts: Ctx[] = [];
const workers: ReturnType<typeof memoryWorker>[] = [];
afterEach(async () => {
	for (const worker of workers.splice(0)) worker.close();
	for (const ctx of contexts.splice(0)) await ctx.db.delete();
});

function setup() {
	const ctx = makeTestDb();
	contexts.push(ctx);
	const worker = memoryWorker(ctx.db.name, server.source);
	workers.push(worker);
	const search = (text: string, namespaces = ['shared']) =>
		worker.call('search', { text, namespaces, k: 3 });
	return { ...ctx, ...worker, search };
}

const fact = (text: string, namespace = 'shared') => ({
	kind: 'semantic' as const,
	namespace,
	text,
	importance: 0.5
});

describe('memory worker (tiny embedding model, fake IndexedDB)', () => {
	it('indexes, finds across German and English, persists packed and reconciles on load', async () => {
		const w = setup();
		const hamburg = await w.repos.memories.add(fact('Anna lives in Hamburg.'), 'model');
		const dog = await w.repos.memories.add(fact('Anna has a dog.'), 'model');
		const secret = await w.repos.memories.add(fact('She drinks tea.', 'companion:lena'), 'model');

		// Memories written before the worker ran are embedded on load.
		expect(await w.load()).toMatchObject({ dims: 384 });
		expect(await w.settled()).toEqual({ indexed: 3, pending: 0 });
		const found = (await w.search('Wo wohnst du?')).hits;
		expect(found[0]).toMatchObject({ id: hamburg.id });
		expect(found[0].score).toBeGreaterThan(0.3);
		expect((await w.search('Ich habe einen Hund')).hits[0].id).toBe(dog.id);
		// Namespaces filter: Lena's private memory only with her namespace.
		expect((await w.search('Trinkst du Tee?')).hits.map((h) => h.id)).not.toContain(secret.id);
		expect((await w.search('Trinkst du Tee?', ['companion:lena'])).hits[0].id).toBe(secret.id);

		// Vectors are stored packed (one row for a few memories) and load back without embedding.
		expect(await w.db.memoryVectors.count()).toBe(1);
		const [block] = await w.db.memoryVectors.toArray();
		expect(block).toMatchObject({ model: EMBED_ID, dims: 384, count: 3 });
		expect(block.vectors).toBeInstanceOf(Int8Array);

		// A memory deleted while the worker was away is dropped on the next load.
		await w.repos.memories.remove([dog.id], 'person');
		expect(await w.load()).toMatchObject({ indexed: 2, pending: 0 });
		expect((await w.search('Ich habe einen Hund')).hits.map((h) => h.id)).not.toContain(dog.id);
		expect(w.errors).toEqual([]);
	});

	it('follows changes, finds near-duplicates, rebuilds after a reload', async () => {
		const w = setup();
		await w.load();
		const memory = await w.repos.memories.add(fact('Anna lives in Hamburg.'), 'model');
		await w.call('index', { memories: [memory] });
		const near = await w.call('nearest', {
			texts: ['Anna wohnt in Hamburg.', 'Anna has a cat.'],
			namespaces: ['shared'],
			k: 1
		});
		expect(near.hits[0][0]).toMatchObject({ id: memory.id });
		expect(near.hits[0][0].score).toBeGreaterThan(0.9);
		expect(near.hits[1][0]?.score ?? 0).toBeLessThan(0.5);

		await w.repos.memories.update(memory.id, { text: 'Anna has a cat.' }, 'person');
		await w.call('index', {
			memories: [{ id: memory.id, namespace: 'shared', text: 'Anna has a cat.' }]
		});
		expect((await w.search('Katze')).hits[0]).toMatchObject({ id: memory.id });

		await w.call('remove', { ids: [memory.id] });
		expect((await w.search('Katze')).hits).toEqual([]);

		// An import replaced everything (vector blocks emptied): reload rebuilds from the memories.
		const other = await w.repos.memories.add(fact('Anna plays the guitar.'), 'model');
		await w.db.memoryVectors.clear();
		await w.call('reload', {});
		await w.settled();
		expect((await w.search('Gitarre')).hits[0]).toMatchObject({ id: other.id });
	});

	it('a damaged vector row costs a rebuild, not a failed load', async () => {
		const w = setup();
		const memory = await w.repos.memories.add(fact('Anna lives in Hamburg.'), 'model');
		await w.db.memoryVectors.put({
			block: 0,
			model: EMBED_ID,
			dims: 384,
			count: 2,
			ids: [memory.id],
			namespaces: ['shared'],
			vectors: new Int8Array(10),
			scales: new Float32Array(1)
		});
		await w.load();
		expect(await w.settled()).toEqual({ indexed: 1, pending: 0 });
		expect((await w.search('Wo wohnst du?')).hits[0]).toMatchObject({ id: memory.id });
		expect(w.errors).toHaveLength(1);
		expect(w.errors[0]).toMatchObject({ code: 'memory/vector-blocks' });
	});

	it('says clearly when used before loading', async () => {
		const w = setup();
		const result = await (
			await driveHandlers(createMemoryHandlers()).call('search', {
				text: 'x',
				namespaces: [],
				k: 1
			})
		).done;
		expect(result).toMatchObject({ kind: 'error', error: { code: 'model/not-loaded' } });
		expect(w.errors).toEqual([]);
	});
});
