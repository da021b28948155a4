import type { ProgressInfo, env as TransformersEnv } from '@huggingface/transformers';
import type { LoadProgress } from './progress';
import type { ModelSource, WasmPaths } from './source';

/**
 * Points transformers.js at the chosen model source and at the onnxruntime files the app serves
 * (never a CDN). Called in each worker before loading a model.
 */
export function configureTransformers(
	env: typeof TransformersEnv,
	source: ModelSource,
	wasmPaths?: WasmPaths
): void {
	env.allowRemoteModels = true;
	env.allowLocalModels = false;
	env.remoteHost = source.host;
	env.remotePathTemplate = source.pathTemplate;
	const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown } } | undefined;
	if (wasmPaths && onnx?.wasm) onnx.wasm.wasmPaths = { ...wasmPaths };
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
