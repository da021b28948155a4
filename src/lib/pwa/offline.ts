import { CACHE_PREFIX, RUNTIME_CACHE } from './messages';

/**
 * Puts AI runtime code (a worker bundle, onnxruntime's loader) into the service worker's runtime
 * cache once it has been used. The service worker caches it too when it sees the request, but a
 * model loaded on the very first visit may start before the service worker controls the page;
 * then only this makes the model work offline afterwards.
 */
export async function keepForOffline(urls: readonly string[]): Promise<void> {
	if (typeof caches === 'undefined') return;
	const cache = await caches.open(`${CACHE_PREFIX}-${RUNTIME_CACHE}`);
	for (const url of urls) {
		if (await cache.match(url)) continue;
		// Several models share onnxruntime's files: one download each, however many ask at once.
		let adding = adds.get(url);
		if (!adding) {
			adding = cache
				.add(url)
				.catch((error: unknown) =>
					console.warn('[kompanion] could not keep for offline use:', url, error)
				)
				.finally(() => adds.delete(url));
			adds.set(url, adding);
		}
		await adding;
	}
}

const adds = new Map<string, Promise<void>>();

/**
 * Keeps a response the app already fetched (the compile worker's onnxruntime .wasm, 14-27 MB), so
 * `keepForOffline` finds it and never downloads it a second time. Never throws.
 */
export async function keepResponse(url: string, response: Response): Promise<void> {
	if (typeof caches === 'undefined') return;
	try {
		const cache = await caches.open(`${CACHE_PREFIX}-${RUNTIME_CACHE}`);
		if (!(await cache.match(url))) await cache.put(url, response);
	} catch (error) {
		console.warn('[kompanion] could not keep for offline use:', url, error);
	}
}
