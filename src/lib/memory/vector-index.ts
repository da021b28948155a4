/**
 * In-memory semantic search over the memories' embeddings, for the memory worker. It knows nothing
 * of models or the database: the worker embeds texts, upserts the vectors, persists what
 * `takeDirty()` returns and loads it back with `fromBlocks()`.
 *
 * Vectors are int8 with one float32 scale each (see quantise.ts) and live inside the kernel's
 * memory (the wasm memory), in fixed-capacity blocks; a search quantises the query into the same
 * memory and scans each block with one kernel call, so it copies no vectors and allocates nothing
 * per entry. Layout of that memory:
 *
 *   [0, stride)                       the query, zero-padded to `stride` = dims rounded up to 16
 *   [outAt, outAt + 4·blockSize)      the kernel's int32 output for one block
 *   [blocksAt + i·blockSize·stride …) block i's vectors, `stride` bytes each; padding stays zero
 *
 * A block is also the unit of persistence: its row is a {@link PackedBlock}.
 */
import { createKernel, paddedDims, type Int8Kernel } from './int8-kernel';
import { blocksError, checkPackedBlocks, type PackedBlock } from './packed-block';
import { checkDirection, quantiseInto } from './quantise';
import { TopK } from './top-k';
import { VectorIndexError } from './vector-index-error';

export type { PackedBlock };

/**
 * Entries per block. 1024 × 384 dims is 384 KiB of vectors: a changed memory rewrites one such
 * row, while 50k memories still load in 49 reads, and one block's scores (4 KiB) stay in L1.
 */
export const BLOCK_SIZE = 1024;

export interface VectorEntry {
	id: string;
	namespace: string;
	/** Any non-zero finite vector of `dims` components; it is normalised before quantising. */
	vector: ArrayLike<number>;
}

export interface SearchOptions {
	/** How many results at most. */
	k: number;
	/** Only entries in these namespaces; all when absent. */
	namespaces?: readonly string[];
	/** Only results scoring at least this (cosine similarity, about -1 to 1). */
	minScore?: number;
}

export interface SearchHit {
	id: string;
	/** Approximate cosine similarity (int8 quantisation error about 1e-3). */
	score: number;
}

export interface VectorIndexOptions {
	/** Entries per block; tests use small blocks. Default {@link BLOCK_SIZE}. */
	blockSize?: number;
	/** `'js'` forces the plain JS kernel instead of WebAssembly SIMD. */
	kernel?: 'wasm' | 'js';
}

interface Block {
	/** Its persisted number (the row key). */
	readonly number: number;
	/** Byte offset of its vectors in the kernel's memory. */
	readonly at: number;
	count: number;
	/** `count` ids. */
	readonly ids: string[];
	/** Namespace codes (indices into `#namespaceNames`), `blockSize` long. */
	readonly namespaces: Int32Array;
	/** Scales, `blockSize` long. */
	readonly scales: Float32Array;
}

/**
 * The vector index: upsert, remove and search by cosine similarity, with namespaces. Not thread-
 * safe and synchronous except for creation; one per worker.
 */
export class VectorIndex {
	readonly dims: number;
	readonly blockSize: number;
	readonly #stride: number;
	readonly #kernel: Int8Kernel;
	readonly #outAt: number;
	readonly #blocksAt: number;
	readonly #blocks: Block[] = [];
	/** id → ref, where ref = index in `#blocks` × blockSize + slot. */
	readonly #refs = new Map<string, number>();
	readonly #namespaceCodes = new Map<string, number>();
	readonly #namespaceNames: string[] = [];
	readonly #dirty = new Set<Block>();
	readonly #top = new TopK((ref) => this.#idOf(ref));
	/** No block before this one has room (a hint for inserts). */
	#firstFree = 0;
	#nextNumber = 0;
	#viewsOf: ArrayBuffer | undefined;
	#bytes = new Int8Array(0);
	#out = new Int32Array(0);
	#allowed = new Uint8Array(0);

	private constructor(dims: number, kernel: Int8Kernel, blockSize: number) {
		this.dims = dims;
		this.blockSize = blockSize;
		this.#kernel = kernel;
		this.#stride = paddedDims(dims);
		this.#outAt = this.#stride;
		this.#blocksAt = align(this.#outAt + 4 * blockSize, 64);
		kernel.reserve(this.#blocksAt);
	}

	/** An empty index. The kernel is compiled once per process; each index has its own memory. */
	static async create(dims: number, options: VectorIndexOptions = {}): Promise<VectorIndex> {
		const blockSize = options.blockSize ?? BLOCK_SIZE;
		if (!Number.isInteger(dims) || dims < 1 || dims > 65_536) {
			throw new RangeError(`Vector dimensions must be an integer from 1 to 65536, not ${dims}.`);
		}
		if (!Number.isInteger(blockSize) || blockSize < 1 || blockSize > 65_536) {
			throw new RangeError(`The block size must be an integer from 1 to 65536, not ${blockSize}.`);
		}
		return new VectorIndex(dims, await createKernel(options.kernel), blockSize);
	}

	/**
	 * An index holding `blocks` as persisted (cold load); nothing is dirty afterwards. Throws a
	 * `VectorIndexError` ('memory/vector-blocks') when the blocks are inconsistent: another `dims`,
	 * arrays whose lengths disagree with `count`, more entries than a block holds, repeated block
	 * numbers or ids, or scales that are not finite and positive.
	 */
	static async fromBlocks(
		dims: number,
		blocks: readonly PackedBlock[],
		options: VectorIndexOptions = {}
	): Promise<VectorIndex> {
		const index = await VectorIndex.create(dims, options);
		index.#load(blocks);
		return index;
	}

	/** How many vectors the index holds. */
	get size(): number {
		return this.#refs.size;
	}

	/** `'wasm'` (WebAssembly SIMD) or `'js'` (the fallback). */
	get kernel(): 'wasm' | 'js' {
		return this.#kernel.kind;
	}

	has(id: string): boolean {
		return this.#refs.has(id);
	}

	/** Every id, in no particular order (for reconciling with the database). */
	ids(): string[] {
		return [...this.#refs.keys()];
	}

	/**
	 * Adds the entries, or replaces the vector and namespace of ids already present (in place).
	 * All vectors are checked first, so a bad one changes nothing. Later entries win over earlier
	 * ones with the same id.
	 */
	upsert(entries: readonly VectorEntry[]): void {
		for (const { vector } of entries) {
			this.#checkLength(vector);
			checkDirection(vector);
		}
		for (const { id, namespace, vector } of entries) {
			const existing = this.#refs.get(id);
			const ref = existing ?? this.#append(id);
			const block = this.#blocks[Math.floor(ref / this.blockSize)];
			const slot = ref % this.blockSize;
			this.#views();
			block.scales[slot] = quantiseInto(vector, this.#bytes, block.at + slot * this.#stride);
			block.namespaces[slot] = this.#namespaceCode(namespace);
			this.#dirty.add(block);
		}
	}

	/** Removes the ids present (others are ignored): the block's last entry moves into the gap. */
	remove(ids: Iterable<string>): void {
		for (const id of ids) {
			const ref = this.#refs.get(id);
			if (ref === undefined) continue;
			const blockIndex = Math.floor(ref / this.blockSize);
			const block = this.#blocks[blockIndex];
			const slot = ref % this.blockSize;
			const last = block.count - 1;
			if (slot !== last) {
				const stride = this.#stride;
				this.#views();
				this.#bytes.copyWithin(
					block.at + slot * stride,
					block.at + last * stride,
					block.at + (last + 1) * stride
				);
				block.scales[slot] = block.scales[last];
				block.namespaces[slot] = block.namespaces[last];
				block.ids[slot] = block.ids[last];
				this.#refs.set(block.ids[slot], ref);
			}
			block.ids.pop();
			block.count = last;
			this.#refs.delete(id);
			this.#dirty.add(block);
			if (blockIndex < this.#firstFree) this.#firstFree = blockIndex;
		}
	}

	/**
	 * The `k` entries most similar to `query` (cosine, approximated in int8), best first; ties go
	 * to the smaller id. Only entries in `namespaces` when given, and scoring at least `minScore`.
	 */
	search(query: ArrayLike<number>, { k, namespaces, minScore }: SearchOptions): SearchHit[] {
		this.#checkLength(query);
		checkDirection(query);
		if (!Number.isInteger(k) || k < 0) {
			throw new RangeError(`k must be a non-negative integer, not ${k}.`);
		}
		const allowed = namespaces ? this.#allowedCodes(namespaces) : undefined;
		if (k === 0 || this.size === 0 || allowed === null) return [];
		this.#views();
		const queryScale = quantiseInto(query, this.#bytes, 0);
		const floor = minScore ?? -Infinity;
		const top = this.#top;
		top.reset(k);
		const out = this.#out;
		for (let b = 0; b < this.#blocks.length; b++) {
			const { count, at, scales, namespaces: codes } = this.#blocks[b];
			if (count === 0) continue;
			this.#kernel.dots(0, at, count, this.#stride, this.#outAt);
			const refBase = b * this.blockSize;
			for (let i = 0; i < count; i++) {
				if (allowed !== undefined && allowed[codes[i]] === 0) continue;
				const score = out[i] * queryScale * scales[i];
				if (score < floor || score < top.threshold) continue;
				top.offer(score, refBase + i);
			}
		}
		return top.drain().map(({ ref, score }) => ({ id: this.#idOf(ref), score }));
	}

	/**
	 * Copies of the blocks changed since the last call, by block number, for persisting. A block
	 * emptied by removals comes back with count 0 (keep its row or delete it: an empty block is
	 * valid input to `fromBlocks`).
	 */
	takeDirty(): PackedBlock[] {
		const blocks = [...this.#dirty].sort((a, b) => a.number - b.number);
		this.#dirty.clear();
		return blocks.map((block) => this.#pack(block));
	}

	/** Copies of every block, by block number (a full rewrite, e.g. after a rebuild). */
	toBlocks(): PackedBlock[] {
		return this.#blocks.map((block) => this.#pack(block));
	}

	#idOf(ref: number): string {
		return this.#blocks[Math.floor(ref / this.blockSize)].ids[ref % this.blockSize];
	}

	#checkLength(vector: ArrayLike<number>): void {
		if (vector.length !== this.dims) {
			throw new VectorIndexError(
				`This index holds vectors of ${this.dims} dimensions; got one of ${vector.length}. ` +
					'Were the vectors made by another embedding model?',
				'memory/vector-dims'
			);
		}
	}

	/** Re-creates the views when the kernel's memory grew (growth detaches the old buffer). */
	#views(): void {
		const buffer = this.#kernel.buffer;
		if (buffer === this.#viewsOf) return;
		this.#viewsOf = buffer;
		this.#bytes = new Int8Array(buffer);
		this.#out = new Int32Array(buffer, this.#outAt, this.blockSize);
	}

	#namespaceCode(namespace: string): number {
		let code = this.#namespaceCodes.get(namespace);
		if (code === undefined) {
			code = this.#namespaceNames.push(namespace) - 1;
			this.#namespaceCodes.set(namespace, code);
		}
		return code;
	}

	/** A 0/1 table by namespace code; null when none of the namespaces has ever been seen. */
	#allowedCodes(namespaces: readonly string[]): Uint8Array | null {
		if (this.#allowed.length < this.#namespaceNames.length) {
			this.#allowed = new Uint8Array(Math.max(16, 2 * this.#namespaceNames.length));
		}
		this.#allowed.fill(0);
		let any = false;
		for (const namespace of namespaces) {
			const code = this.#namespaceCodes.get(namespace);
			if (code === undefined) continue;
			this.#allowed[code] = 1;
			any = true;
		}
		return any ? this.#allowed : null;
	}

	/** Claims a slot for a new id in the first block with room, adding a block when all are full. */
	#append(id: string): number {
		while (
			this.#firstFree < this.#blocks.length &&
			this.#blocks[this.#firstFree].count === this.blockSize
		) {
			this.#firstFree++;
		}
		const blockIndex = this.#firstFree;
		const block = this.#blocks[blockIndex] ?? this.#addBlock(this.#nextNumber);
		const ref = blockIndex * this.blockSize + block.count++;
		block.ids.push(id);
		this.#refs.set(id, ref);
		return ref;
	}

	#addBlock(number: number): Block {
		const at = this.#blocksAt + this.#blocks.length * this.blockSize * this.#stride;
		this.#kernel.reserve(at + this.blockSize * this.#stride);
		const block: Block = {
			number,
			at,
			count: 0,
			ids: [],
			namespaces: new Int32Array(this.blockSize),
			scales: new Float32Array(this.blockSize)
		};
		this.#blocks.push(block);
		this.#nextNumber = Math.max(this.#nextNumber, number + 1);
		return block;
	}

	#pack(block: Block): PackedBlock {
		const { dims } = this;
		const { count } = block;
		this.#views();
		const vectors = new Int8Array(count * dims);
		if (this.#stride === dims) {
			vectors.set(this.#bytes.subarray(block.at, block.at + count * dims));
		} else {
			for (let i = 0; i < count; i++) {
				const from = block.at + i * this.#stride;
				vectors.set(this.#bytes.subarray(from, from + dims), i * dims);
			}
		}
		return {
			block: block.number,
			dims,
			count,
			ids: block.ids.slice(),
			namespaces: Array.from(block.namespaces.subarray(0, count), (c) => this.#namespaceNames[c]),
			vectors,
			scales: block.scales.slice(0, count)
		};
	}

	#load(packed: readonly PackedBlock[]): void {
		const sorted = checkPackedBlocks(packed, this.dims, this.blockSize);
		this.#kernel.reserve(this.#blocksAt + sorted.length * this.blockSize * this.#stride);
		for (const row of sorted) {
			const block = this.#addBlock(row.block);
			const blockIndex = this.#blocks.length - 1;
			for (let slot = 0; slot < row.count; slot++) {
				const id = row.ids[slot];
				if (this.#refs.has(id)) throw blocksError(`The id ${id} appears twice.`);
				this.#refs.set(id, blockIndex * this.blockSize + slot);
				block.ids.push(id);
				block.namespaces[slot] = this.#namespaceCode(row.namespaces[slot]);
			}
			block.scales.set(row.scales);
			block.count = row.count;
			this.#views();
			if (this.#stride === this.dims) {
				this.#bytes.set(row.vectors, block.at);
			} else {
				for (let i = 0; i < row.count; i++) {
					const from = i * this.dims;
					this.#bytes.set(
						row.vectors.subarray(from, from + this.dims),
						block.at + i * this.#stride
					);
				}
			}
		}
	}
}

function align(offset: number, to: number): number {
	return Math.ceil(offset / to) * to;
}
