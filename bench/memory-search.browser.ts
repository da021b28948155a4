// Memory search in a dedicated worker, as the app runs it: top-10 latency of the vector index
// (WebAssembly SIMD int8, and its JS fallback) against exact float32 brute force at 1k, 10k and
// 50k vectors of 384 dims, and the cold load of 50k vectors from IndexedDB (the page writes the
// packed blocks, a fresh worker reads them and builds the index).
import { expect, test } from 'vitest';
import { KompanionDb } from '$lib/db/database';
import { RpcClient } from '$lib/workers/client';
import type { MemorySearchBench } from './memory-search.worker';
import { quantile, round } from './stats.mjs';

const DIMS = 384;
const SIZES = [1_000, 10_000, 50_000];
const COLD_VECTORS = 50_000;
/** Cold loads per block size, each in a fresh worker. */
const COLD_RUNS = 3;

function worker(): RpcClient<MemorySearchBench> {
	return new RpcClient<MemorySearchBench>(
		() =>
			new Worker(new URL('./memory-search.worker.ts', import.meta.url), {
				type: 'module',
				name: 'memory-search-bench'
			}),
		(cause) => new Error('The benchmark worker crashed.', { cause })
	);
}

test('memory search', async () => {
	const client = worker();
	const search: Record<string, unknown> = {};
	for (const vectors of SIZES) {
		const figures = await client.call('search', {
			vectors,
			dims: DIMS,
			queries: 200,
			warmup: 30,
			k: 10
		});
		expect(figures.recall).toBeGreaterThan(0.5);
		search[`${vectors}`] = {
			...figures,
			wasmVsJs: round(figures.js.medianMs / figures.wasm.medianMs),
			wasmVsFloat32: round(figures.float32.medianMs / figures.wasm.medianMs),
			wasmVsFloat32All: round(figures.float32All.medianMs / figures.wasm.medianMs)
		};
	}
	client.terminate();
	console.log(`memory search: ${JSON.stringify(search)}`);

	const cold: Record<string, unknown> = {};
	for (const blockSize of [512, 1024, 2048]) {
		const loader = worker();
		const rows = await loader.call('blocks', { vectors: COLD_VECTORS, dims: DIMS, blockSize });
		loader.terminate();
		const dbName = `bench-${crypto.randomUUID()}`;
		const db = new KompanionDb(dbName);
		const writeStarted = performance.now();
		await db.memoryVectors.bulkPut(rows.map((row) => ({ ...row, model: 'bench' })));
		const writeMs = performance.now() - writeStarted;
		db.close();

		const runs = [];
		for (let run = 0; run < COLD_RUNS; run++) {
			const fresh = worker();
			const bootStarted = performance.now();
			await fresh.call('ping', null);
			const workerStartMs = performance.now() - bootStarted;
			const requestedAt = performance.timeOrigin + performance.now();
			const loaded = await fresh.call('coldLoad', { dbName, dims: DIMS, blockSize });
			const replyMs = performance.timeOrigin + performance.now() - requestedAt;
			fresh.terminate();
			expect(loaded.vectors).toBe(COLD_VECTORS);
			const { readyAt, ...figures } = loaded;
			runs.push({
				requestToReadyMs: round(readyAt - requestedAt),
				...figures,
				requestToFirstResultMs: round(replyMs),
				workerStartMs: round(workerStartMs)
			});
		}
		await new KompanionDb(dbName).delete();
		cold[`blockSize${blockSize}`] = {
			blocks: rows.length,
			writeMs: round(writeMs),
			medianRequestToReadyMs: quantile(
				runs.map((run) => run.requestToReadyMs),
				0.5
			),
			runs
		};
	}
	console.log(`memory cold load: ${JSON.stringify(cold)}`);
});
