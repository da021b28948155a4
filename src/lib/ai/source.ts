import { compiledHere, compileWorkerFile } from '$lib/workers/shared-module';

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

/** One build of onnxruntime-web's WebAssembly, as the app serves it (see vite-plugin-runtime-assets.ts). */
export interface OrtBuild {
	/** What onnxruntime imports: the app's loader, which instantiates the page's compiled module. */
	mjs: string;
	/** onnxruntime's own Emscripten loader, which `mjs` imports. */
	glue: string;
	wasm: string;
}

/**
 * Absolute URLs of onnxruntime-web's two builds: the plain one (14 MB) for the CPU, the asyncify
 * one (27 MB) only where a model runs on WebGPU, which needs it.
 */
export interface WasmPaths {
	cpu: OrtBuild;
	webgpu: OrtBuild;
}

function ortBuild(base: string, suffix: string): OrtBuild {
	const url = (name: string) => new URL(`${__ORT_DIR__}${name}`, base).href;
	return {
		mjs: url(`ort-loader${suffix}.mjs`),
		glue: url(`ort-wasm-simd-threaded${suffix}.mjs`),
		wasm: url(`ort-wasm-simd-threaded${suffix}.wasm`)
	};
}

export function ortWasmPaths(base: string): WasmPaths {
	return { cpu: ortBuild(base, ''), webgpu: ortBuild(base, '.asyncify') };
}

/** The files of one onnxruntime build, for the offline cache. */
export const ortBuildFiles = ({ mjs, glue, wasm }: OrtBuild) => [mjs, glue, wasm];

/**
 * What a model worker needs offline besides the model's own cache: its bundle and the
 * onnxruntime builds this page has used (the page compiles each build its workers load), at
 * least the CPU one.
 */
export function workerRuntimeFiles(workerUrl: string): string[] {
	const { cpu, webgpu } = ortWasmPaths(document.baseURI);
	const used = compiledHere(webgpu.wasm)
		? [cpu, webgpu].filter((b) => compiledHere(b.wasm))
		: [cpu];
	return [
		new URL(workerUrl, document.baseURI).href,
		compileWorkerFile(),
		...used.flatMap(ortBuildFiles)
	];
}
