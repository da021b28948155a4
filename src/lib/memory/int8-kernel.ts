/**
 * The scan kernel of the vector index: int32 dot products of one int8 query against `count`
 * consecutive int8 vectors, in WebAssembly SIMD where the engine has it, else in plain JS with the
 * identical integer result. The kernel owns a growable byte buffer (the wasm memory) in which the
 * index lays out its query, its output area and its vectors, so a search copies nothing.
 */
import { I32, V128, op, wasmModule } from './wasm-binary';

/** Vectors are stored with a stride that is a multiple of this (one v128), zero-padded. */
export const LANE_BYTES = 16;
export const PAGE_BYTES = 65_536;

/** `dims` rounded up to a whole number of SIMD lanes. */
export function paddedDims(dims: number): number {
	return Math.ceil(dims / LANE_BYTES) * LANE_BYTES;
}

// Parameters and locals of `dots`, by index.
const QUERY = 0;
const VECTORS = 1;
const COUNT = 2;
const STRIDE = 3;
const OUT = 4;
const J = 5;
const ACC = 6;
const A = 7;
const B = 8;

/**
 * The kernel module: exports `memory` and
 * `dots(query, vectors, count, stride, out)`: for i in [0, count),
 * `out[i] = Σ_j query[j] · vectors[i·stride + j]` over j in [0, stride), as int32 at `out + 4i`.
 * Pointers are byte offsets (`out` a multiple of 4); `stride` is a positive multiple of 16; count 0
 * writes nothing.
 * Each 16-byte step sign-extends both halves to i16x8 and uses `i32x4.dot_i16x8_s`, which is exact:
 * a product is at most 128² = 2^14 in magnitude, so the int32 sum cannot overflow below
 * 2^31 / 2^14 = 131 072 dimensions (the index allows 65 536).
 */
export function buildKernelModule(initialPages = 1): Uint8Array<ArrayBuffer> {
	const halfDot = (extend: readonly number[]) => [
		op.localGet(A),
		extend,
		op.localGet(B),
		extend,
		op.i32x4DotI16x8S,
		op.localGet(ACC),
		op.i32x4Add,
		op.localSet(ACC)
	];
	return wasmModule(initialPages, [
		{
			name: 'dots',
			params: [I32, I32, I32, I32, I32],
			results: [],
			locals: [I32, V128, V128, V128],
			body: [
				op.block,
				op.localGet(COUNT),
				op.i32Eqz,
				op.brIf(0),
				op.loop, // over vectors
				op.v128Zero,
				op.localSet(ACC),
				op.i32Const(0),
				op.localSet(J),
				op.loop, // over 16-byte lanes of one vector
				op.localGet(QUERY),
				op.localGet(J),
				op.i32Add,
				op.v128Load(),
				op.localSet(A),
				op.localGet(VECTORS),
				op.localGet(J),
				op.i32Add,
				op.v128Load(),
				op.localSet(B),
				...halfDot(op.i16x8ExtendLowI8x16S),
				...halfDot(op.i16x8ExtendHighI8x16S),
				op.localGet(J),
				op.i32Const(LANE_BYTES),
				op.i32Add,
				op.localTee(J),
				op.localGet(STRIDE),
				op.i32LtU,
				op.brIf(0),
				op.end,
				// out[i] = horizontal sum of the accumulator
				op.localGet(OUT),
				op.localGet(ACC),
				op.i32x4ExtractLane(0),
				op.localGet(ACC),
				op.i32x4ExtractLane(1),
				op.i32Add,
				op.localGet(ACC),
				op.i32x4ExtractLane(2),
				op.i32Add,
				op.localGet(ACC),
				op.i32x4ExtractLane(3),
				op.i32Add,
				op.i32Store(),
				op.localGet(OUT),
				op.i32Const(4),
				op.i32Add,
				op.localSet(OUT),
				op.localGet(VECTORS),
				op.localGet(STRIDE),
				op.i32Add,
				op.localSet(VECTORS),
				op.localGet(COUNT),
				op.i32Const(1),
				op.i32Sub,
				op.localTee(COUNT),
				op.brIf(0),
				op.end,
				op.end
			]
		}
	]);
}

/** The plain definition, for tests: Σ a[i]·b[i] over the shorter length. */
export function referenceDot(a: Int8Array, b: Int8Array): number {
	let sum = 0;
	for (let i = 0; i < Math.min(a.length, b.length); i++) sum += a[i] * b[i];
	return sum;
}

/** Where the index keeps its bytes and how it scans them. */
export interface Int8Kernel {
	readonly kind: 'wasm' | 'js';
	/** The backing bytes. Growth replaces it: re-read it (and rebuild views) after `reserve`. */
	readonly buffer: ArrayBuffer;
	/** Makes the buffer at least `bytes` long, keeping its contents. */
	reserve(bytes: number): void;
	/** `dots(query, vectors, count, stride, out)`, as documented on {@link buildKernelModule}. */
	dots(query: number, vectors: number, count: number, stride: number, out: number): void;
}

let compiled: Promise<WebAssembly.Module | undefined> | undefined;

/** Compiles the SIMD module once per process; undefined where WebAssembly SIMD is unavailable. */
function compileKernel(): Promise<WebAssembly.Module | undefined> {
	compiled ??= (async () => {
		if (typeof WebAssembly === 'undefined') return undefined;
		const bytes = buildKernelModule();
		// An engine without SIMD rejects the module at validation, which is the feature test.
		if (!WebAssembly.validate(bytes)) return undefined;
		return WebAssembly.compile(bytes);
	})();
	return compiled;
}

class WasmKernel implements Int8Kernel {
	readonly kind = 'wasm';
	readonly #memory: WebAssembly.Memory;
	readonly dots: Int8Kernel['dots'];

	constructor(instance: WebAssembly.Instance) {
		this.#memory = instance.exports.memory as WebAssembly.Memory;
		this.dots = instance.exports.dots as Int8Kernel['dots'];
	}

	get buffer(): ArrayBuffer {
		return this.#memory.buffer;
	}

	reserve(bytes: number): void {
		const missing = bytes - this.#memory.buffer.byteLength;
		if (missing > 0) this.#memory.grow(Math.ceil(missing / PAGE_BYTES));
	}
}

/** The fallback: the same contract over an ArrayBuffer, in plain JS. */
export class JsKernel implements Int8Kernel {
	readonly kind = 'js';
	#buffer = new ArrayBuffer(PAGE_BYTES);
	#bytes = new Int8Array(this.#buffer);
	#ints = new Int32Array(this.#buffer);
	#query = new Int32Array(0);

	get buffer(): ArrayBuffer {
		return this.#buffer;
	}

	reserve(bytes: number): void {
		if (bytes <= this.#buffer.byteLength) return;
		// Whole pages, at least doubling, so a stream of small reservations copies O(n) bytes in all.
		const size = Math.max(
			Math.ceil(bytes / PAGE_BYTES),
			2 * (this.#buffer.byteLength / PAGE_BYTES)
		);
		const next = new ArrayBuffer(size * PAGE_BYTES);
		new Int8Array(next).set(this.#bytes);
		this.#buffer = next;
		this.#bytes = new Int8Array(next);
		this.#ints = new Int32Array(next);
	}

	dots(query: number, vectors: number, count: number, stride: number, out: number): void {
		const bytes = this.#bytes;
		const ints = this.#ints;
		// The query as int32 and four partial sums: about 30 % faster than the naive loop in V8.
		if (this.#query.length < stride) this.#query = new Int32Array(stride);
		const q = this.#query;
		for (let j = 0; j < stride; j++) q[j] = bytes[query + j];
		for (let i = 0, at = vectors; i < count; i++) {
			let s0 = 0;
			let s1 = 0;
			let s2 = 0;
			let s3 = 0;
			for (let j = 0; j < stride; j += 4, at += 4) {
				s0 += q[j] * bytes[at];
				s1 += q[j + 1] * bytes[at + 1];
				s2 += q[j + 2] * bytes[at + 2];
				s3 += q[j + 3] * bytes[at + 3];
			}
			ints[(out >> 2) + i] = s0 + s1 + s2 + s3;
		}
	}
}

/**
 * A kernel with its own memory: WebAssembly SIMD when available (compiled once per process,
 * instantiated per call, as each index needs a memory of its own), else the JS fallback.
 * `prefer: 'js'` forces the fallback (tests, comparisons).
 */
export async function createKernel(prefer: 'wasm' | 'js' = 'wasm'): Promise<Int8Kernel> {
	const module = prefer === 'wasm' ? await compileKernel() : undefined;
	if (!module) return new JsKernel();
	return new WasmKernel(await WebAssembly.instantiate(module));
}
