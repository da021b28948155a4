import { MODEL_CACHES } from '$lib/ai/model-store';

/** A model whose files are stored on this device, in one of the AI libraries' caches. */
export interface InstalledModel {
	/** e.g. `onnx-community/whisper-tiny`, or WebLLM's model id. */
	model: string;
	cache: string;
	files: number;
	bytes: number;
}

/**
 * The model a cached file belongs to, from its URL: the hub's `<owner>/<name>/resolve/<rev>/…`,
 * or a mirror's `<…>/<owner>/<name>/<file>` with optional `onnx/` (the folder above both).
 */
export function modelOfUrl(url: string): string {
	const path = new URL(url).pathname.split('/').filter(Boolean).map(decodeURIComponent);
	const resolveAt = path.indexOf('resolve');
	if (resolveAt >= 2) return path.slice(resolveAt - 2, resolveAt).join('/');
	let end = path.length - 1; // drop the file name
	if (path[end - 1] === 'onnx') end -= 1;
	return path.slice(Math.max(0, end - 2), end).join('/') || url;
}

async function sizeOf(response: Response | undefined): Promise<number> {
	if (!response) return 0;
	const length = Number(response.headers.get('content-length'));
	return Number.isFinite(length) && length > 0 ? length : (await response.blob()).size;
}

/** Every model with files in the model caches, largest first. Reads Cache Storage only. */
export async function installedModels(): Promise<InstalledModel[]> {
	if (typeof caches === 'undefined') return [];
	const found = new Map<string, InstalledModel>();
	for (const name of MODEL_CACHES) {
		if (!(await caches.has(name))) continue;
		const cache = await caches.open(name);
		for (const request of await cache.keys()) {
			const model = modelOfUrl(request.url);
			const entry = found.get(`${name} ${model}`) ?? { model, cache: name, files: 0, bytes: 0 };
			entry.files += 1;
			entry.bytes += await sizeOf(await cache.match(request));
			found.set(`${name} ${model}`, entry);
		}
	}
	return [...found.values()].sort((a, b) => b.bytes - a.bytes);
}
