import { MODEL_CACHES } from '$lib/ai/model-store';

/** Whether any file under one of these URL prefixes is in the model caches (no network). */
export async function isStored(prefixes: readonly string[]): Promise<boolean> {
	if (typeof caches === 'undefined') return false;
	for (const name of MODEL_CACHES) {
		if (!(await caches.has(name))) continue;
		const keys = await (await caches.open(name)).keys();
		if (keys.some((request) => prefixes.some((prefix) => request.url.startsWith(prefix))))
			return true;
	}
	return false;
}
