import { AppError } from '$lib/errors';

export type VectorIndexErrorCode =
	/** A vector of the wrong length for the index. */
	| 'memory/vector-dims'
	/** A vector with NaN or infinite components, or all zeros: it has no direction to compare. */
	| 'memory/vector-invalid'
	/** Persisted blocks that do not fit together; the caller rebuilds them from the memories. */
	| 'memory/vector-blocks';

/**
 * A misuse of the vector index or corrupt persisted blocks. Never the person's doing, so not
 * `expected`; the memory worker answers `memory/vector-blocks` by rebuilding the index.
 */
export class VectorIndexError extends AppError {
	override name = 'VectorIndexError';
	declare readonly code: VectorIndexErrorCode;

	constructor(message: string, code: VectorIndexErrorCode) {
		super(message, { code });
	}
}
