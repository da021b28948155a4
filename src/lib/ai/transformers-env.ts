import type { ProgressInfo, env as TransformersEnv } from '@huggingface/transformers';
import { pageModule } from '$lib/workers/shared-module';
import { AiError } from './errors';
import type { LoadProgress } from './progress';
import type { ModelSource, OrtBuild, WasmPaths } from './source';

/**
 * Where the app's onnxruntime loader (`ort-loader*.mjs`, written by vite-plugin-runtime-assets.ts)
 * looks for a function that returns the page's compiled module. The loader is not bundled, so
 * this global symbol is the one handshake between it and the worker.
 */
export const ORT_MODULE_HOOK = 'kompanion.ort.compiledModule';

/** onnxruntime-web's `env.wasm`, reduced to what the app sets (transformers.js and the VAD share it). */
export interface OrtWasmEnv {
	wasmPaths?: string | { mjs?: string | URL; wasm?: string | URL };
}

/** The build this worker's onnxruntime was pointed at first; it initialises once per worker. */
let chosen: OrtBuild | undefined;

/**
 * Points onnxruntime-web at one of the builds the app serves (never a CDN) and lets it instantiate
 * the module the page compiled, instead of compiling its own. The plain build runs every CPU
 * model; only WebGPU needs the asyncify build, twice as large. Called in a worker before its
 * first model loads; onnxruntime reads these settings once, when it initialises.
 */
export function useOrtBuild(wasm: OrtWasmEnv, paths: WasmPaths, device: string = 'wasm'): void {
	const wanted = device === 'webgpu' ? paths.webgpu : paths.cpu;
	// The asyncify build also runs on the CPU; the plain one has no WebGPU.
	if (chosen && chosen.wasm !== wanted.wasm && wanted === paths.webgpu) {
		throw new AiError(
			'This model needs WebGPU, but its worker already runs on the CPU. Reload the page to switch.',
			'model/unsupported'
		);
	}
	chosen ??= wanted;
	wasm.wasmPaths = { mjs: chosen.mjs, wasm: chosen.wasm };
	const build = chosen;
	(globalThis as Record<symbol, unknown>)[Symbol.for(ORT_MODULE_HOOK)] = () =>
		pageModule(build.wasm);
}

/**
 * Points transformers.js at the chosen model source and at the onnxruntime build the app serves
 * for `device`. Called in each worker before loading a model.
 */
export function configureTransformers(
	env: typeof TransformersEnv,
	source: ModelSource,
	wasmPaths?: WasmPaths,
	device?: string
): void {
	env.allowRemoteModels = true;
	env.allowLocalModels = false;
	env.remoteHost = source.host;
	env.remotePathTemplate = source.pathTemplate;
	const onnx = env.backends.onnx as { wasm?: OrtWasmEnv } | undefined;
	if (wasmPaths && onnx?.wasm) useOrtBuild(onnx.wasm, wasmPaths, device);
	// The service worker keeps onnxruntime's files for offline use (one copy, in our runtime
	// cache); transformers.js's own copy of the 26 MB .wasm would be a second one.
	env.useWasmCache = false;
	// Browsers keep the files in Cache Storage ('transformers-cache', transformers.js's default):
	// offline use, and an interrupted download resumes file by file.
}

/** Aggregates transformers.js progress events (per file) into one byte-level progress. */
export function progressReporter(report: (progress: LoadProgress) => void) {
	return (info: ProgressInfo) => {
		if (info.status === 'progress_total') {
			report({
				progress: info.total > 0 ? info.loaded / info.total : 0,
				loadedBytes: info.loaded,
				totalBytes: info.total,
				text: `Downloading model files (${Object.keys(info.files).length})`
			});
		} else if (info.status === 'ready') {
			report({ progress: 1, text: 'Model ready' });
		}
	};
}
