/**
 * The persisted form of one block of the vector index (a `memoryVectors` row without its `model`),
 * and the checks a cold load runs on such rows before trusting them.
 */
import { VectorIndexError } from './vector-index-error';

/** One block as persisted: a `memoryVectors` row without its `model`. Arrays hold `count` items. */
export interface PackedBlock {
	block: number;
	dims: number;
	count: number;
	ids: string[];
	namespaces: string[];
	/** `count × dims` int8 components, vector after vector (no padding). */
	vectors: Int8Array;
	scales: Float32Array;
}

/**
 * The rows sorted by block number, after checking that they fit together and fit an index of
 * `dims` dimensions and `blockSize` entries per block. Ids repeated across blocks are caught while
 * loading. Throws a `VectorIndexError` ('memory/vector-blocks') naming the first problem.
 */
export function checkPackedBlocks(
	rows: readonly PackedBlock[],
	dims: number,
	blockSize: number
): PackedBlock[] {
	const sorted = [...rows].sort((a, b) => a.block - b.block);
	for (const [i, row] of sorted.entries()) {
		checkBlock(row, dims, blockSize);
		if (i > 0 && sorted[i - 1].block === row.block) {
			throw blocksError(`Block ${row.block} appears twice.`);
		}
	}
	return sorted;
}

function checkBlock(row: PackedBlock, dims: number, blockSize: number): void {
	const where = `Block ${row.block}`;
	if (!Number.isInteger(row.block) || row.block < 0) {
		throw blocksError(`${where} has an invalid number.`);
	}
	if (row.dims !== dims) {
		throw blocksError(`${where} holds vectors of ${row.dims} dimensions, not ${dims}.`);
	}
	if (!Number.isInteger(row.count) || row.count < 0 || row.count > blockSize) {
		throw blocksError(`${where} claims ${row.count} vectors; a block holds 0 to ${blockSize}.`);
	}
	const lengths: [string, number, number][] = [
		['ids', row.ids.length, row.count],
		['namespaces', row.namespaces.length, row.count],
		['scales', row.scales.length, row.count],
		['vector components', row.vectors.length, row.count * dims]
	];
	for (const [what, actual, expected] of lengths) {
		if (actual !== expected) {
			throw blocksError(`${where} has ${actual} ${what} for ${row.count} vectors (${expected}).`);
		}
	}
	for (let i = 0; i < row.count; i++) {
		if (typeof row.ids[i] !== 'string' || typeof row.namespaces[i] !== 'string') {
			throw blocksError(`${where} has an id or namespace that is not a string.`);
		}
		if (!(row.scales[i] > 0 && row.scales[i] < Infinity)) {
			throw blocksError(`${where} has an invalid scale for ${row.ids[i]}.`);
		}
	}
}

export function blocksError(message: string): VectorIndexError {
	return new VectorIndexError(
		`The stored search index is inconsistent: ${message} It has to be rebuilt.`,
		'memory/vector-blocks'
	);
}
