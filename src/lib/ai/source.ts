/**
 * Where model files come from. By default the Hugging Face hub; a mirror (self-hosted, or a
 * loopback server in tests) serves the same files at `<host>/<model-id>/<file>`.
 */
export interface ModelSource {
	host: string;
	/** transformers.js path template: `{model}` and `{revision}` are replaced. */
	pathTemplate: string;
}

export const HUGGING_FACE: ModelSource = {
	host: 'https://huggingface.co/',
	pathTemplate: '{model}/resolve/{revision}/'
};

export function mirrorSource(baseUrl: string): ModelSource {
	return { host: baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`, pathTemplate: '{model}/' };
}

/** Absolute URLs of onnxruntime-web's files, which the app serves itself (see vite.config.ts). */
export interface WasmPaths {
	mjs: string;
	wasm: string;
}

export function ortWasmPaths(base: string): WasmPaths {
	return {
		mjs: new URL(`${__ORT_DIR__}ort-wasm-simd-threaded.asyncify.mjs`, base).href,
		wasm: new URL(`${__ORT_DIR__}ort-wasm-simd-threaded.asyncify.wasm`, base).href
	};
}

/** What a model worker needs offline besides the model's own cache: its bundle and onnxruntime. */
export function workerRuntimeFiles(workerUrl: string): string[] {
	const { mjs, wasm } = ortWasmPaths(document.baseURI);
	return [new URL(workerUrl, document.baseURI).href, mjs, wasm];
}
