import type { Embedder } from '$lib/ai/embed/embedder';
import { loadEmbedder } from '$lib/ai/embed/embedder';
import { notLoadedError } from '$lib/ai/load-errors';
import { KompanionDb } from '$lib/db/database';
import { MemoryVectorRepo } from '$lib/db/repos/memory-vectors';
import type { MemoryRef } from '$lib/events';
import type { Handlers } from '$lib/workers/server';
import { VectorIndex } from '../vector-index';
import { VectorIndexError } from '../vector-index-error';
import type { IndexStatus, MemoryProtocol } from './protocol';

/** Memories embedded per step while catching up; a search waits at most one step. */
const BACKFILL_BATCH = 8;

interface Loaded {
	embedder: Embedder;
	index: VectorIndex;
	vectors: MemoryVectorRepo;
	db: KompanionDb;
}

/** One throwaway search, so the first real one does not pay for compiling the scan. */
function warm(index: VectorIndex): VectorIndex {
	if (index.size > 0) index.search(new Float32Array(index.dims).fill(1), { k: 1 });
	return index;
}

export interface MemoryHandlerOptions {
	openDb?: (name: string) => KompanionDb;
	/** Told when catching up fails (the worker logs it); the next load tries again. */
	onBackgroundError?: (error: unknown) => void;
}

/**
 * The memory worker's handlers. The index mirrors the `memories` table: changes arrive through
 * `index`/`remove`, and every load reconciles (vectors of deleted memories dropped, memories
 * without a vector embedded in the background), so a crash or a missed message heals itself.
 * Model runs and index writes go through one queue; a search waits at most one small step.
 */
export function createMemoryHandlers({
	openDb = (name) => new KompanionDb(name),
	onBackgroundError = (error) => console.error('Memory search could not catch up:', error)
}: MemoryHandlerOptions = {}): Handlers<MemoryProtocol> {
	let loaded: Loaded | null = null;
	let queue: Promise<unknown> = Promise.resolve();
	let pending = new Set<string>();
	let backfill: Promise<void> | null = null;

	const serial = <T>(work: () => Promise<T>): Promise<T> => {
		const run = queue.then(work);
		queue = run.catch(() => undefined);
		return run;
	};

	const need = (): Loaded => {
		if (!loaded) throw notLoadedError('memory search model');
		return loaded;
	};

	const status = (): IndexStatus => ({ indexed: loaded?.index.size ?? 0, pending: pending.size });

	async function persist({ index, vectors, embedder }: Loaded) {
		const dirty = index.takeDirty();
		await vectors.save(dirty.map((block) => ({ ...block, model: embedder.model })));
	}

	async function indexRefs(state: Loaded, refs: readonly MemoryRef[]) {
		if (refs.length === 0) return;
		const vectors = await state.embedder.embed(refs.map((ref) => ref.text));
		state.index.upsert(
			refs.map((ref, i) => ({ id: ref.id, namespace: ref.namespace, vector: vectors[i] }))
		);
		for (const ref of refs) pending.delete(ref.id);
		await persist(state);
	}

	/** Drops vectors of memories that are gone; queues memories that have no vector. */
	async function reconcile(state: Loaded) {
		const ids = new Set(await state.vectors.memoryIds());
		const stale = state.index.ids().filter((id) => !ids.has(id));
		if (stale.length > 0) {
			state.index.remove(stale);
			await persist(state);
		}
		pending = new Set([...ids].filter((id) => !state.index.has(id)));
		catchUp(state);
	}

	function catchUp(state: Loaded) {
		if (backfill || pending.size === 0) return;
		backfill = (async () => {
			while (pending.size > 0 && loaded === state) {
				const batch = [...pending].slice(0, BACKFILL_BATCH);
				await serial(async () => {
					const refs = await state.vectors.memoryRefs(batch);
					for (const id of batch) pending.delete(id);
					await indexRefs(state, refs);
				});
			}
		})()
			.catch(onBackgroundError)
			.finally(() => (backfill = null));
	}

	async function openIndex(state: Omit<Loaded, 'index'>): Promise<VectorIndex> {
		const { embedder, vectors } = state;
		const blocks = await vectors.blocks();
		const usable = blocks.every((b) => b.model === embedder.model && b.dims === embedder.dims);
		try {
			if (usable) return warm(await VectorIndex.fromBlocks(embedder.dims, blocks));
		} catch (error) {
			// A damaged row costs a rebuild, never a failed load (vectors are derived data).
			if (!(error instanceof VectorIndexError)) throw error;
			onBackgroundError(error);
		}
		// Another model's vectors cannot be compared with this one's: rebuild them all.
		await vectors.clear();
		return VectorIndex.create(embedder.dims);
	}

	return {
		async load(request, { progress }) {
			const { dbName, ...model } = request;
			const embedder = await loadEmbedder(model, progress);
			return serial(async () => {
				const started = performance.now();
				await loaded?.embedder.dispose();
				loaded?.db.close();
				loaded = null;
				const db = openDb(dbName);
				const vectors = new MemoryVectorRepo(db);
				const index = await openIndex({ embedder, vectors, db });
				const state: Loaded = { embedder, index, vectors, db };
				loaded = state;
				await reconcile(state);
				return { ...status(), dims: embedder.dims, loadMs: performance.now() - started };
			});
		},

		async embed({ texts }) {
			const { embedder } = need();
			const started = performance.now();
			const vectors = await serial(() => embedder.embed(texts));
			return { vectors, ms: performance.now() - started };
		},

		async search({ text, namespaces, k, minScore }) {
			const state = need();
			const started = performance.now();
			const [query] = await serial(() => state.embedder.embed([text]));
			const embedded = performance.now();
			const hits = state.index.search(query, { k, namespaces, minScore });
			return { hits, embedMs: embedded - started, searchMs: performance.now() - embedded };
		},

		async nearest({ texts, namespaces, k }) {
			const state = need();
			const queries = await serial(() => state.embedder.embed(texts));
			return { hits: queries.map((query) => state.index.search(query, { k, namespaces })) };
		},

		async index({ memories }) {
			const state = need();
			await serial(() => indexRefs(state, memories));
			return status();
		},

		async remove({ ids }) {
			const state = need();
			await serial(async () => {
				state.index.remove(ids);
				for (const id of ids) pending.delete(id);
				await persist(state);
			});
			return status();
		},

		async reload() {
			const state = need();
			await serial(async () => {
				const index = await openIndex(state);
				const next = { ...state, index };
				loaded = next;
				await reconcile(next);
			});
			return status();
		},

		async status() {
			return status();
		}
	};
}
