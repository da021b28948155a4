import { describe, expect, it } from 'vitest';
import { compiledHere, compileOnce } from '$lib/workers/shared-module';

/** The smallest valid module (header only), served as the app serves onnxruntime's .wasm. */
const wasmUrl = () =>
	URL.createObjectURL(
		new Blob([new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])], { type: 'application/wasm' })
	);

describe('a WebAssembly module compiled once per page', () => {
	it('is compiled by a worker once and then handed out again, the same module', async () => {
		const url = wasmUrl();
		expect(compiledHere(url)).toBe(false);
		const [first, second] = await Promise.all([compileOnce(url), compileOnce(url)]);
		const third = await compileOnce(url);
		expect(first).toBeInstanceOf(WebAssembly.Module);
		expect(second).toBe(first);
		expect(third).toBe(first);
		expect(compiledHere(url)).toBe(true);
	});

	it('reports a file that is not WebAssembly, and tries again next time', async () => {
		const url = URL.createObjectURL(new Blob(['not wasm'], { type: 'application/wasm' }));
		await expect(compileOnce(url)).rejects.toThrow();
		expect(compiledHere(url)).toBe(false);
	});
});
