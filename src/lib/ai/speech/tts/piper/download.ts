import type { LoadProgress } from '$lib/ai/progress';

/** Where downloaded model files are kept: transformers.js's cache, so Settings → storage counts them. */
const MODEL_CACHE = 'transformers-cache';

/** Bytes of several files as they arrive, reported as one progress. */
export class DownloadProgress {
	#files = new Map<string, { loaded: number; total: number }>();

	constructor(private readonly report: (progress: LoadProgress) => void) {}

	update(url: string, loaded: number, total: number): void {
		this.#files.set(url, { loaded, total: Math.max(total, loaded) });
		let loadedBytes = 0;
		let totalBytes = 0;
		for (const file of this.#files.values()) {
			loadedBytes += file.loaded;
			totalBytes += file.total;
		}
		this.report({
			progress: totalBytes > 0 ? loadedBytes / totalBytes : 0,
			loadedBytes,
			totalBytes,
			text: `Downloading the voice (${this.#files.size} files)`
		});
	}
}

async function cached(url: string, cacheName: string | null): Promise<ArrayBuffer | null> {
	if (!cacheName || typeof caches === 'undefined') return null;
	const response = await (await caches.open(cacheName)).match(url);
	return response ? response.arrayBuffer() : null;
}

/**
 * Fetches one file with progress. Model files are kept in the model cache (`cache: true`), so
 * they download once and load offline; a file already there is not fetched. HTTP and network
 * failures become errors that classifyLoadError reads (404 → not found, else download failed).
 */
export async function fetchWithProgress(
	url: string,
	progress: DownloadProgress,
	{ cache = false }: { cache?: boolean } = {}
): Promise<ArrayBuffer> {
	const cacheName = cache ? MODEL_CACHE : null;
	const stored = await cached(url, cacheName);
	if (stored) {
		progress.update(url, stored.byteLength, stored.byteLength);
		return stored;
	}
	let response: Response;
	try {
		response = await fetch(url);
	} catch (error) {
		// Browsers say "Failed to fetch", Node "fetch failed": one wording for classifyLoadError.
		throw new Error(`Failed to fetch ${url}`, { cause: error });
	}
	if (!response.ok) throw new Error(`${response.status} ${response.statusText} for ${url}`);
	const total = Number(response.headers.get('content-length')) || 0;
	const chunks: Uint8Array[] = [];
	let loaded = 0;
	progress.update(url, 0, total);
	if (response.body) {
		const reader = response.body.getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			chunks.push(value);
			loaded += value.length;
			progress.update(url, loaded, total);
		}
	}
	const bytes = new Uint8Array(loaded);
	let at = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, at);
		at += chunk.length;
	}
	if (cacheName && typeof caches !== 'undefined') {
		const headers = {
			'content-length': String(loaded),
			'content-type': 'application/octet-stream'
		};
		await (await caches.open(cacheName)).put(url, new Response(bytes, { headers }));
	}
	return bytes.buffer;
}
