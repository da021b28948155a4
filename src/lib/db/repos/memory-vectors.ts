import type { KompanionDb } from '../database';
import type { MemoryVectorBlock } from '../rows';
import { writeTx } from '../write';

/**
 * The packed memory embeddings (see `MemoryVectorBlockSchema`). Used by the memory worker only:
 * it owns the search index and persists the blocks it changed. Derived data: losing it costs a
 * rebuild, never a memory.
 */
export class MemoryVectorRepo {
	constructor(private readonly db: KompanionDb) {}

	/** Every block, in block order. */
	async blocks(): Promise<MemoryVectorBlock[]> {
		return this.db.memoryVectors.orderBy('block').toArray();
	}

	/** Writes changed blocks in one transaction (all or none). */
	async save(blocks: readonly MemoryVectorBlock[]): Promise<void> {
		if (blocks.length === 0) return;
		await writeTx(this.db, [this.db.memoryVectors], () =>
			this.db.memoryVectors.bulkPut([...blocks])
		);
	}

	async clear(): Promise<void> {
		await writeTx(this.db, [this.db.memoryVectors], () => this.db.memoryVectors.clear());
	}

	/** Every memory id, for reconciling the index with the memories that exist. */
	async memoryIds(): Promise<string[]> {
		return this.db.memories.toCollection().primaryKeys();
	}

	/** Id, namespace and text of some memories (those the index lacks). */
	async memoryRefs(ids: readonly string[]) {
		const rows = await this.db.memories.bulkGet([...ids]);
		return rows.flatMap((row) =>
			row ? [{ id: row.id, namespace: row.namespace, text: row.text }] : []
		);
	}
}
