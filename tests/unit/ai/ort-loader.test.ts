import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ORT_MODULE_HOOK, useOrtBuild, type OrtWasmEnv } from '$lib/ai/transformers-env';
import { ortWasmPaths } from '$lib/ai/source';
import { ortLoaderSource } from '../../../scripts/vite-plugin-runtime-assets';

const require = createRequire(import.meta.url);
/** onnxruntime-web's dist folder, the one transformers.js uses (as the Vite plugin finds it). */
const ORT_DIST = dirname(
	createRequire(require.resolve('@huggingface/transformers')).resolve('onnxruntime-web')
);
const HOOK = Symbol.for(ORT_MODULE_HOOK);

interface EmscriptenModule {
	_OrtInit: (threads: number, logLevel: number) => number;
}

describe("the app's onnxruntime loader", () => {
	// The loader next to a copy of onnxruntime's own (CPU) loader, as the build serves them.
	const dir = mkdtempSync(join(tmpdir(), 'kompanion-ort-'));
	copyFileSync(
		join(ORT_DIST, 'ort-wasm-simd-threaded.mjs'),
		join(dir, 'ort-wasm-simd-threaded.mjs')
	);
	writeFileSync(join(dir, 'ort-loader.mjs'), ortLoaderSource(''));
	const bytes = readFileSync(join(ORT_DIST, 'ort-wasm-simd-threaded.wasm'));

	afterEach(() => {
		delete (globalThis as Record<symbol, unknown>)[HOOK];
		vi.restoreAllMocks();
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('looks for the hook the workers install', () => {
		expect(ortLoaderSource('')).toContain(`Symbol.for(${JSON.stringify(ORT_MODULE_HOOK)})`);
		expect(ortLoaderSource('.asyncify')).toContain("from './ort-wasm-simd-threaded.asyncify.mjs'");
	});

	it('instantiates the module the page compiled, in every worker, and compiles nothing itself', async () => {
		const module = await WebAssembly.compile(bytes);
		const compile = vi.spyOn(WebAssembly, 'compile');
		const compileStreaming = vi.spyOn(WebAssembly, 'compileStreaming');
		const instantiate = vi.spyOn(WebAssembly, 'instantiate');
		(globalThis as Record<symbol, unknown>)[HOOK] = async () => module;
		const { default: load } = (await import(pathToFileURL(join(dir, 'ort-loader.mjs')).href)) as {
			default: (config: object) => Promise<EmscriptenModule>;
		};

		// Two runtimes from one compiled module, as two workers would start them.
		const [first, second] = await Promise.all([load({ numThreads: 1 }), load({ numThreads: 1 })]);

		expect(first).not.toBe(second);
		expect(typeof first._OrtInit).toBe('function');
		expect(compile).not.toHaveBeenCalled();
		expect(compileStreaming).not.toHaveBeenCalled();
		expect(instantiate).toHaveBeenCalledTimes(2);
		for (const [source] of instantiate.mock.calls) expect(source).toBe(module);
	});
});

describe('useOrtBuild', () => {
	const paths = ortWasmPaths('https://app.example/');

	it('runs CPU models on the plain build and WebGPU models on the asyncify build', () => {
		const wasm: OrtWasmEnv = {};
		useOrtBuild(wasm, paths, 'wasm');
		expect(wasm.wasmPaths).toEqual({ mjs: paths.cpu.mjs, wasm: paths.cpu.wasm });
		expect(paths.cpu.wasm).toMatch(/\/runtime\/ort\/[^/]+\/ort-wasm-simd-threaded\.wasm$/);
		expect(paths.webgpu.wasm).toMatch(/ort-wasm-simd-threaded\.asyncify\.wasm$/);
		expect(typeof (globalThis as Record<symbol, unknown>)[HOOK]).toBe('function');
		// onnxruntime initialises once per worker: a WebGPU model cannot follow on the CPU build.
		expect(() => useOrtBuild(wasm, paths, 'webgpu')).toThrow(/needs WebGPU/);
		delete (globalThis as Record<symbol, unknown>)[HOOK];
	});
});
