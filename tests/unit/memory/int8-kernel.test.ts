import { describe, expect, it, vi } from 'vitest';
import {
	JsKernel,
	buildKernelModule,
	createKernel,
	paddedDims,
	referenceDot,
	type Int8Kernel
} from '$lib/memory/int8-kernel';
import { dequantise, normalise, quantise } from '$lib/memory/quantise';
import { VectorIndexError } from '$lib/memory/vector-index-error';
import { sleb, uleb } from '$lib/memory/wasm-binary';
import { mulberry32 as seeded } from '../../../scripts/tiny-models/prng.mjs';

function randomInt8(random: () => number, length: number): Int8Array {
	return Int8Array.from({ length }, () => Math.floor(random() * 256) - 128);
}

/** A standard normal sample (Box–Muller). */
function gaussian(random: () => number): number {
	return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * Runs the kernel on `vectors` (each `dims` long, zero-padded to the stride) at the given byte
 * offsets in its memory, and returns the int32 results.
 */
function runKernel(
	kernel: Int8Kernel,
	query: Int8Array,
	vectors: Int8Array[],
	{ queryAt = 0, vectorsAt = 65_536 + 5, outAt = 32_768 } = {}
): number[] {
	const stride = paddedDims(query.length);
	expect(queryAt + stride).toBeLessThanOrEqual(outAt);
	expect(outAt + 4 * vectors.length).toBeLessThanOrEqual(vectorsAt);
	kernel.reserve(Math.max(vectorsAt + vectors.length * stride, outAt + 4 * vectors.length));
	const bytes = new Int8Array(kernel.buffer);
	bytes.fill(0);
	bytes.set(query, queryAt);
	vectors.forEach((vector, i) => bytes.set(vector, vectorsAt + i * stride));
	kernel.dots(queryAt, vectorsAt, vectors.length, stride, outAt);
	return Array.from(new Int32Array(kernel.buffer, outAt, vectors.length));
}

const kernels: [string, () => Promise<Int8Kernel>][] = [
	['WebAssembly SIMD', () => createKernel('wasm')],
	['JS fallback', () => createKernel('js')]
];

describe('LEB128', () => {
	it('encodes the spec examples', () => {
		expect(uleb(0)).toEqual([0]);
		expect(uleb(127)).toEqual([0x7f]);
		expect(uleb(128)).toEqual([0x80, 0x01]);
		expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
		expect(sleb(0)).toEqual([0]);
		expect(sleb(63)).toEqual([0x3f]);
		expect(sleb(64)).toEqual([0xc0, 0x00]);
		expect(sleb(-1)).toEqual([0x7f]);
		expect(sleb(-64)).toEqual([0x40]);
		expect(sleb(-65)).toEqual([0xbf, 0x7f]);
		expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
	});
});

describe('the int8 dot-product kernel', () => {
	it('builds a valid SIMD module, which Node runs', async () => {
		expect(WebAssembly.validate(buildKernelModule())).toBe(true);
		expect((await createKernel()).kind).toBe('wasm');
		expect((await createKernel('js')).kind).toBe('js');
	});

	it('falls back to JS where the engine rejects the SIMD module', async () => {
		// The compiled module is cached per process: re-import the module to detect afresh.
		vi.resetModules();
		const validate = vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
		try {
			const fresh = await import('$lib/memory/int8-kernel');
			expect((await fresh.createKernel()).kind).toBe('js');
			expect(validate).toHaveBeenCalledOnce();
		} finally {
			validate.mockRestore();
		}
	});

	it('pads dims to whole 16-byte lanes', () => {
		expect([1, 15, 16, 17, 300, 384].map(paddedDims)).toEqual([16, 16, 16, 32, 304, 384]);
	});

	describe.each(kernels)('%s', (_name, make) => {
		it('matches the reference on random vectors, dims 16 to 400', async () => {
			const kernel = await make();
			const random = seeded(1);
			for (const dims of [16, 32, 48, 384, 400]) {
				const query = randomInt8(random, dims);
				const vectors = Array.from({ length: 37 }, () => randomInt8(random, dims));
				expect(runKernel(kernel, query, vectors), `dims ${dims}`).toEqual(
					vectors.map((v) => referenceDot(query, v))
				);
			}
		});

		it('is exact at the extremes -128 and 127', async () => {
			const kernel = await make();
			const dims = 4096;
			const lowest = new Int8Array(dims).fill(-128);
			const highest = new Int8Array(dims).fill(127);
			const alternating = Int8Array.from({ length: dims }, (_, i) => (i % 2 ? 127 : -128));
			const vectors = [lowest, highest, alternating, new Int8Array(dims)];
			expect(runKernel(kernel, lowest, vectors)).toEqual([
				dims * 16_384,
				-dims * 16_256,
				(dims / 2) * (16_384 - 16_256),
				0
			]);
			expect(runKernel(kernel, alternating, vectors)).toEqual(
				vectors.map((v) => referenceDot(alternating, v))
			);
		});

		it('gives the unpadded dot product for dims that are not a multiple of 16', async () => {
			const kernel = await make();
			const random = seeded(2);
			for (const dims of [1, 7, 15, 17, 100, 383]) {
				const query = randomInt8(random, dims);
				const vectors = Array.from({ length: 9 }, () => randomInt8(random, dims));
				expect(runKernel(kernel, query, vectors), `dims ${dims}`).toEqual(
					vectors.map((v) => referenceDot(query, v))
				);
			}
		});

		it('reads vectors at unaligned offsets and writes nothing for count 0', async () => {
			const kernel = await make();
			const random = seeded(3);
			const query = randomInt8(random, 64);
			const vectors = Array.from({ length: 5 }, () => randomInt8(random, 64));
			expect(runKernel(kernel, query, vectors, { queryAt: 3, vectorsAt: 40_001 })).toEqual(
				vectors.map((v) => referenceDot(query, v))
			);
			const out = new Int32Array(kernel.buffer, 32_768, 1);
			out[0] = 12345;
			kernel.dots(3, 40_001, 0, 64, 32_768);
			expect(out[0]).toBe(12345);
		});

		it('keeps its contents when its memory grows', async () => {
			const kernel = await make();
			new Int8Array(kernel.buffer).set([1, -2, 3], 100);
			const before = kernel.buffer.byteLength;
			kernel.reserve(before + 1);
			expect(kernel.buffer.byteLength).toBeGreaterThan(before);
			expect(Array.from(new Int8Array(kernel.buffer, 100, 3))).toEqual([1, -2, 3]);
		});
	});

	it('agrees exactly between WebAssembly and JS on many random blocks', async () => {
		const [wasm, js] = [await createKernel('wasm'), new JsKernel()];
		const random = seeded(4);
		for (let round = 0; round < 20; round++) {
			const dims = 16 * (1 + Math.floor(random() * 30));
			const query = randomInt8(random, dims);
			const vectors = Array.from({ length: 1 + Math.floor(random() * 50) }, () =>
				randomInt8(random, dims)
			);
			expect(runKernel(wasm, query, vectors)).toEqual(runKernel(js, query, vectors));
		}
	});
});

describe('quantise', () => {
	const random = seeded(5);
	const vectors = Array.from({ length: 200 }, () =>
		normalise(Array.from({ length: 384 }, () => gaussian(random)))
	);

	it('reconstructs each component within half a step', () => {
		for (const x of vectors) {
			const { q, scale } = quantise(x);
			const back = dequantise(q, scale);
			let worst = 0;
			for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(back[i] - x[i]));
			expect(worst).toBeLessThanOrEqual(scale / 2 + 1e-7);
			expect(Math.max(...q.map(Math.abs))).toBe(127);
			expect(Math.min(...q)).toBeGreaterThanOrEqual(-127);
		}
	});

	it('approximates the cosine within 0.005', () => {
		let worst = 0;
		for (let i = 1; i < vectors.length; i++) {
			const [a, b] = [vectors[i - 1], vectors[i]];
			let exact = 0;
			for (let j = 0; j < a.length; j++) exact += a[j] * b[j];
			const qa = quantise(a);
			const qb = quantise(b);
			worst = Math.max(worst, Math.abs(referenceDot(qa.q, qb.q) * qa.scale * qb.scale - exact));
		}
		expect(worst).toBeLessThan(0.005);
	});

	it('normalises: the scale takes the norm, q ignores it, and -x gives -q', () => {
		const x = vectors[0];
		const { q, scale } = quantise(x);
		const doubled = quantise(x.map((v) => 2 * v));
		expect(doubled.q).toEqual(q);
		expect(doubled.scale).toBeCloseTo(scale, 9);
		expect(quantise(x.map((v) => -v)).q).toEqual(q.map((v) => -v));
	});

	it('rejects the zero vector and NaN or infinite components', () => {
		for (const bad of [
			[0, 0, 0],
			[1, Number.NaN, 0],
			[Infinity, 0, 0]
		]) {
			expect(() => quantise(bad)).toThrow(VectorIndexError);
		}
		expect(() => quantise([0, 0])).toThrow(/all zeros/);
	});
});
