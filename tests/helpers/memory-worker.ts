import { EMBED_ID } from '../../scripts/tiny-models/index.mjs';
import type { ModelSource } from '$lib/ai/source';
import { KompanionDb } from '$lib/db/database';
import { createMemoryHandlers } from '$lib/memory/worker/handler';
import type { IndexStatus, MemoryProtocol } from '$lib/memory/worker/protocol';
import { driveHandlers } from './rpc';

/**
 * The memory worker's real handlers (tiny embedding model, the test's fake IndexedDB) driven
 * without a Worker. The worker gets its own database connection, as in a browser.
 */
export function memoryWorker(dbName: string, source: ModelSource) {
	const connections: KompanionDb[] = [];
	const errors: unknown[] = [];
	const rpc = driveHandlers(
		createMemoryHandlers({
			openDb: (name) => {
				const db = new KompanionDb(name);
				connections.push(db);
				return db;
			},
			onBackgroundError: (error) => errors.push(error)
		})
	);
	async function call<K extends keyof MemoryProtocol & string>(
		type: K,
		payload: MemoryProtocol[K]['in']
	): Promise<MemoryProtocol[K]['out']> {
		const result = await (await rpc.call(type, payload)).done;
		if (result.kind !== 'result') throw new Error(JSON.stringify(result));
		return result.data as MemoryProtocol[K]['out'];
	}
	return {
		call,
		errors,
		load: () => call('load', { model: EMBED_ID, device: 'cpu', source, dbName }),
		/** Waits until the background catch-up has embedded every memory. */
		async settled(): Promise<IndexStatus> {
			for (let i = 0; i < 300; i++) {
				const status = await call('status', {});
				if (status.pending === 0) return status;
				await new Promise((done) => setTimeout(done, 10));
			}
			throw new Error('The memory worker did not catch up.');
		},
		close: () => connections.splice(0).forEach((db) => db.close())
	};
}
