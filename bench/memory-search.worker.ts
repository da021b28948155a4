// The memory-search benchmark's worker: the vector index runs in a worker in the app, so it is
// measured in one. bench/memory-search.browser.ts drives it through the app's RPC kit.
import { KompanionDb } from '$lib/db/database';
import { TopK } from '$lib/memory/top-k';
import { VectorIndex, type PackedBlock, type VectorEntry } from '$lib/memory/vector-index';
import type { RpcMethod } from '$lib/workers/protocol';
import { serveRpc, withTransfer, type Handlers } from '$lib/workers/server';
import { mulberry32 as seeded } from '../scripts/tiny-models/prng.mjs';

export interface Latency {
	medianMs: number;
	p90Ms: number;
	/** Runs per timed sample (see `timeQueries`). */
	reps?: number;
}

export interface SearchFigures {
	vectors: number;
	/** The index's SIMD int8 search, and the same index on the JS fallback kernel. */
	wasm: Latency;
	js: Latency;
	/** Exact float32 cosine over a contiguous Float32Array, same filter, same top-k selection. */
	float32: Latency;
	/** The same over every vector (no namespace filter), as a plain brute force does. */
	float32All: Latency;
	/** Share of the exact top-k the wasm index found. */
	recall: number;
	/** Upserting all vectors into an empty index. */
	buildMs: number;
}

export interface ColdLoadFigures {
	blocks: number;
	vectors: number;
	/** Handler start → `toArray()` done (opening the database included). */
	readMs: number;
	/** `fromBlocks` (kernel compile and instantiation included). */
	buildMs: number;
	/** The first search after loading. */
	searchMs: number;
	/** `performance.timeOrigin + now()` when the index was ready, to compare with the page's. */
	readyAt: number;
}

export type MemorySearchBench = {
	ping: RpcMethod<null, null>;
	search: RpcMethod<
		{ vectors: number; dims: number; queries: number; warmup: number; k: number },
		SearchFigures
	>;
	blocks: RpcMethod<{ vectors: number; dims: number; blockSize?: number }, PackedBlock[]>;
	coldLoad: RpcMethod<{ dbName: string; dims: number; blockSize?: number }, ColdLoadFigures>;
};

/** Five namespaces; searches ask for two of them, as a companion sees its own and shared ones. */
const NAMESPACES = ['shared', 'companion:a', 'companion:b', 'companion:c', 'companion:d'];
const FILTER = ['shared', 'companion:a'];

/** `count` random unit vectors, row after row in one array. */
function unitVectors(seed: number, count: number, dims: number): Float32Array {
	const random = seeded(seed);
	const data = new Float32Array(count * dims);
	for (let i = 0; i < count; i++) {
		let squares = 0;
		for (let j = 0; j < dims; j++) {
			const x = random() - 0.5;
			data[i * dims + j] = x;
			squares += x * x;
		}
		const norm = Math.sqrt(squares);
		for (let j = 0; j < dims; j++) data[i * dims + j] /= norm;
	}
	return data;
}

function entries(data: Float32Array, dims: number): (VectorEntry & { vector: Float32Array })[] {
	return Array.from({ length: data.length / dims }, (_, i) => ({
		id: `memory-${i}`,
		namespace: NAMESPACES[i % NAMESPACES.length],
		vector: data.subarray(i * dims, (i + 1) * dims)
	}));
}

function latency(times: number[]): Latency {
	const sorted = [...times].sort((a, b) => a - b);
	const at = (q: number) => Number(sorted[Math.floor(q * (sorted.length - 1))].toFixed(4));
	return { medianMs: at(0.5), p90Ms: at(0.9) };
}

/**
 * Times `run` on each query after `warmup` untimed runs. Without cross-origin isolation the clock
 * ticks in 0.1 ms steps, so each sample repeats its query until it lasts about 2 ms and counts
 * the mean: `reps` runs per sample, the same for every query of one measurement.
 */
function timeQueries<T>(queries: Float32Array[], warmup: number, run: (q: Float32Array) => T) {
	const warmupStarted = performance.now();
	for (let i = 0; i < warmup; i++) run(queries[i % queries.length]);
	const estimate = (performance.now() - warmupStarted) / warmup;
	const reps = Math.max(1, Math.round(2 / Math.max(estimate, 0.001)));
	const results: T[] = [];
	const times = queries.map((query) => {
		const started = performance.now();
		results.push(run(query));
		for (let r = 1; r < reps; r++) run(query);
		return (performance.now() - started) / reps;
	});
	return { results, latency: { ...latency(times), reps } };
}

/** The exact float32 search the index replaces: every row, every time. */
function floatSearch(data: Float32Array, dims: number, k: number, filter?: readonly string[]) {
	const count = data.length / dims;
	const allowed = Uint8Array.from({ length: count }, (_, i) =>
		!filter || filter.includes(NAMESPACES[i % NAMESPACES.length]) ? 1 : 0
	);
	const top = new TopK((ref) => `memory-${ref}`);
	return (query: Float32Array) => {
		top.reset(k);
		for (let i = 0; i < count; i++) {
			if (allowed[i] === 0) continue;
			let score = 0;
			const at = i * dims;
			for (let j = 0; j < dims; j++) score += query[j] * data[at + j];
			if (score >= top.threshold) top.offer(score, i);
		}
		return top.drain().map(({ ref }) => `memory-${ref}`);
	};
}

const handlers: Handlers<MemorySearchBench> = {
	async ping() {
		return null;
	},

	async search({ vectors, dims, queries: queryCount, warmup, k }) {
		const data = unitVectors(1, vectors, dims);
		const items = entries(data, dims);
		const queries = entries(unitVectors(2, queryCount, dims), dims).map((e) => e.vector);
		const started = performance.now();
		const wasm = await VectorIndex.create(dims);
		wasm.upsert(items);
		const buildMs = performance.now() - started;
		const js = await VectorIndex.create(dims, { kernel: 'js' });
		js.upsert(items);
		if (wasm.kernel !== 'wasm') throw new Error('WebAssembly SIMD is not available here.');

		const options = { k, namespaces: FILTER };
		const simd = timeQueries(queries, warmup, (q) => wasm.search(q, options));
		const fallback = timeQueries(queries, warmup, (q) => js.search(q, options));
		const exact = timeQueries(queries, warmup, floatSearch(data, dims, k, FILTER));
		const exactAll = timeQueries(queries, warmup, floatSearch(data, dims, k));
		let found = 0;
		simd.results.forEach((hits, i) => {
			const expected = new Set(exact.results[i]);
			found += hits.filter((hit) => expected.has(hit.id)).length;
		});
		return {
			vectors,
			wasm: simd.latency,
			js: fallback.latency,
			float32: exact.latency,
			float32All: exactAll.latency,
			recall: found / (queryCount * k),
			buildMs: Math.round(buildMs)
		};
	},

	async blocks({ vectors, dims, blockSize }) {
		const index = await VectorIndex.create(dims, { blockSize });
		index.upsert(entries(unitVectors(3, vectors, dims), dims));
		const blocks = index.toBlocks();
		return withTransfer(
			blocks,
			blocks.flatMap((block) => [block.vectors.buffer, block.scales.buffer])
		);
	},

	async coldLoad({ dbName, dims, blockSize }) {
		const started = performance.now();
		const db = new KompanionDb(dbName);
		const rows = await db.memoryVectors.toArray();
		db.close();
		const read = performance.now();
		const index = await VectorIndex.fromBlocks(dims, rows, { blockSize });
		const built = performance.now();
		const readyAt = performance.timeOrigin + built;
		index.search(unitVectors(4, 1, dims), { k: 10, namespaces: FILTER });
		return {
			blocks: rows.length,
			vectors: index.size,
			readMs: Number((read - started).toFixed(1)),
			buildMs: Number((built - read).toFixed(1)),
			searchMs: Number((performance.now() - built).toFixed(2)),
			readyAt
		};
	}
};

serveRpc(handlers);
