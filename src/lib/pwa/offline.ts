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
		await cache
			.add(url)
			.catch((error: unknown) =>
				console.warn('[kompanion] could not keep for offline use:', url, error)
			);
	}
}
