import { AppError, ValidationError } from '$lib/errors';
import type { ModelSource } from './source';
import type { EngineChoice } from './llm/choice';

/** The caches the AI libraries keep model files in (the service worker never touches them). */
export const MODEL_CACHES = [
	'transformers-cache',
	'webllm/model',
	'webllm/config',
	'webllm/wasm'
] as const;

/** Where a model's files live in those caches: URL prefixes, plus a name for WebLLM's libraries. */
export interface ModelFiles {
	prefixes: string[];
	/** WebLLM model libraries are stored under their own URL; they contain the model id. */
	libraryName?: string;
}

/** URL of a file as transformers.js requests (and caches) it from a source. */
export function sourceUrl(source: ModelSource, model: string, file = ''): string {
	const folder = source.pathTemplate.replaceAll('{model}', model).replaceAll('{revision}', 'main');
	return `${source.host}${folder}${file}`;
}

export function filesOf(choice: EngineChoice): ModelFiles | null {
	switch (choice.engine) {
		case 'onnx':
			return { prefixes: [sourceUrl(choice.source, choice.model)] };
		case 'webllm': {
			const record = choice.record;
			if ('prebuilt' in record) {
				// WebLLM's prebuilt models all live under huggingface.co/mlc-ai/<id>.
				return {
					prefixes: [`https://huggingface.co/mlc-ai/${record.prebuilt}/`],
					libraryName: record.prebuilt.replace(/-MLC$/, '')
				};
			}
			return {
				prefixes: [record.model.endsWith('/') ? record.model : `${record.model}/`, record.model_lib]
			};
		}
		case 'endpoint':
			return null;
	}
}

async function entriesOf(files: ModelFiles): Promise<{ cache: Cache; request: Request }[]> {
	const found: { cache: Cache; request: Request }[] = [];
	if (typeof caches === 'undefined') return found;
	for (const name of MODEL_CACHES) {
		if (!(await caches.has(name))) continue;
		const cache = await caches.open(name);
		for (const request of await cache.keys()) {
			const url = request.url;
			const matches =
				files.prefixes.some((prefix) => url.startsWith(prefix)) ||
				(files.libraryName !== undefined &&
					name === 'webllm/wasm' &&
					url.includes(files.libraryName));
			if (matches) found.push({ cache, request });
		}
	}
	return found;
}

/** Bytes a model's files take in the browser's caches (0 when not downloaded). */
export async function storedBytes(files: ModelFiles): Promise<number> {
	let total = 0;
	for (const { cache, request } of await entriesOf(files)) {
		const response = await cache.match(request);
		const length = Number(response?.headers.get('content-length'));
		total += Number.isFinite(length) && length > 0 ? length : ((await response?.blob())?.size ?? 0);
	}
	return total;
}

/** Deletes a model's files from the caches; returns how many files were removed. */
export async function deleteStored(files: ModelFiles): Promise<number> {
	const entries = await entriesOf(files);
	for (const { cache, request } of entries) await cache.delete(request);
	return entries.length;
}

const REQUIRED = ['config.json', 'tokenizer.json'];

/**
 * Imports a model folder chosen from the disk (air-gapped use): its files go into
 * transformers.js's cache under the URLs it would download them from, so it loads offline.
 * `files` come from an `<input webkitdirectory>`; their first path segment is the folder name.
 */
export async function importOnnxModelFolder(
	files: readonly File[],
	model: string,
	source: ModelSource
): Promise<number> {
	const relative = files.map((file) => ({
		file,
		path: (file.webkitRelativePath || file.name).split('/').slice(1).join('/') || file.name
	}));
	const paths = new Set(relative.map((entry) => entry.path));
	const missing = REQUIRED.filter((name) => !paths.has(name));
	const hasOnnx = relative.some((entry) => /^onnx\/.+\.onnx(_data)?$/.test(entry.path));
	if (missing.length > 0 || !hasOnnx) {
		const needs = [...missing, ...(hasOnnx ? [] : ['onnx/*.onnx'])].join(', ');
		throw new ValidationError(
			`This folder is not a transformers.js model: it lacks ${needs}. Choose the model's folder (the one with config.json).`,
			[{ path: 'folder', message: `Missing ${needs}` }],
			'model/import-invalid'
		);
	}
	if (typeof caches === 'undefined') {
		throw new AppError('This browser cannot store model files (no Cache Storage).', {
			code: 'model/import-unsupported'
		});
	}
	const cache = await caches.open('transformers-cache');
	for (const { file, path } of relative) {
		await cache.put(
			sourceUrl(source, model, path),
			new Response(file, {
				headers: { 'content-length': String(file.size), 'content-type': 'application/octet-stream' }
			})
		);
	}
	return relative.length;
}
