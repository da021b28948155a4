/**
 * Symmetric int8 quantisation with one float32 scale per vector: for the L2-normalised x,
 * q = round(x · 127 / max|x|) and scale = max|x| / 127, so x ≈ q · scale with an error of at most
 * scale / 2 per component, and cos(a, b) ≈ dot(q_a, q_b) · scale_a · scale_b.
 */
import { VectorIndexError } from './vector-index-error';

/**
 * Quantises the normalised `vector` into `out[offset, offset + vector.length)` and returns its
 * scale. The input need not be normalised: q is scale-invariant, and the norm goes into the
 * scale. Throws for NaN or infinite components and for the zero vector. Allocates nothing.
 */
export function quantiseInto(vector: ArrayLike<number>, out: Int8Array, offset = 0): number {
	let squares = 0;
	let max = 0;
	for (let i = 0; i < vector.length; i++) {
		const x = vector[i];
		squares += x * x;
		const magnitude = Math.abs(x);
		if (magnitude > max) max = magnitude;
	}
	checkSquares(squares);
	const toInt = 127 / max;
	for (let i = 0; i < vector.length; i++) {
		const x = vector[i] * toInt;
		// Round half away from zero, so quantising -x gives exactly -q.
		out[offset + i] = x < 0 ? -Math.round(-x) : Math.round(x);
	}
	return Math.fround(max / Math.sqrt(squares) / 127);
}

/**
 * Throws unless the vector can be quantised (finite and not all zeros), without quantising it:
 * for checking a batch before changing anything.
 */
export function checkDirection(vector: ArrayLike<number>): void {
	let squares = 0;
	for (let i = 0; i < vector.length; i++) squares += vector[i] * vector[i];
	checkSquares(squares);
}

function checkSquares(squares: number): void {
	// NaN fails every comparison, so this also catches NaN components (and an infinite norm).
	if (!(squares > 0 && squares < Infinity)) {
		throw new VectorIndexError(
			squares === 0
				? 'The vector is all zeros, so it has no direction to compare.'
				: 'The vector has NaN or infinite components.',
			'memory/vector-invalid'
		);
	}
}

/** Quantises a vector into a fresh array; see {@link quantiseInto}. */
export function quantise(vector: ArrayLike<number>): { q: Int8Array; scale: number } {
	const q = new Int8Array(vector.length);
	return { q, scale: quantiseInto(vector, q) };
}

/** q · scale, the float vector a quantised one stands for. */
export function dequantise(q: Int8Array, scale: number): Float32Array {
	return Float32Array.from(q, (value) => value * scale);
}

/** A normalised copy of `vector` (L2 norm 1). */
export function normalise(vector: ArrayLike<number>): Float32Array {
	let squares = 0;
	for (let i = 0; i < vector.length; i++) squares += vector[i] * vector[i];
	const norm = Math.sqrt(squares);
	return Float32Array.from(vector, (x) => x / norm);
}
