/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { base, build, files, version } from '$service-worker';
import { clientsClaim, setCacheNameDetails } from 'workbox-core';
import {
	cleanupOutdatedCaches,
	createHandlerBoundToURL,
	precacheAndRoute,
	type PrecacheEntry
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { APP_SHELL_CACHE, CACHE_PREFIX, RUNTIME_CACHE, SKIP_WAITING } from '$lib/pwa/messages';

const sw = self as unknown as ServiceWorkerGlobalScope;

/*
 * Invariants:
 * - This worker precaches and serves the app shell only. Model weights live in the AI libraries'
 *   own caches (Cache Storage or IndexedDB) and are never precached, routed or deleted here.
 * - The AI runtimes (worker bundles, onnxruntime's wasm: ~35 MB) are not precached: most visits
 *   never need them. They are cached here on first use, then served from the cache (offline too).
 * - Cleanup only touches Workbox precaches with our prefix (cleanupOutdatedCaches matches
 *   `-precache-` caches of older Workbox formats); no code here enumerates and deletes caches.
 * - A new version waits until the page asks it to take over (SKIP_WAITING); see lib/pwa.
 */
setCacheNameDetails({ prefix: CACHE_PREFIX, precache: APP_SHELL_CACHE, suffix: '' });

const INDEX = `${base}/index.html`;
const isImmutable = (url: string) => url.includes('/_app/immutable/');
const isRuntime = (path: string) =>
	path.includes('/_app/immutable/workers/') || path.includes('/runtime/');

const manifest: PrecacheEntry[] = [
	...build
		.filter((url) => !isRuntime(url))
		.map((url) => ({ url, revision: isImmutable(url) ? null : version })),
	...files.map((url) => ({ url, revision: version })),
	{ url: INDEX, revision: version },
	{ url: `${base}/manifest.webmanifest`, revision: version }
];

precacheAndRoute(manifest, { directoryIndex: 'index.html', ignoreURLParametersMatching: [/.*/] });
cleanupOutdatedCaches();

// AI runtime code has content-hashed or versioned URLs: once cached it never changes. A plain
// cache-first handler: workbox's CacheFirst served cached module-worker scripts that Chromium
// refused to start a second time (net::ERR_ABORTED), which broke restarting a crashed worker.
const RUNTIME = `${CACHE_PREFIX}-${RUNTIME_CACHE}`;
registerRoute(
	({ url, sameOrigin }) =>
		sameOrigin && url.pathname.startsWith(`${base}/`) && isRuntime(url.pathname),
	async ({ request }) => {
		const cache = await caches.open(RUNTIME);
		const cached = await cache.match(request);
		if (cached) return cached;
		const response = await fetch(request);
		if (response.ok) await cache.put(request, response.clone());
		return response;
	}
);

/** Drops worker bundles of older versions from our runtime cache (and nothing else). */
async function pruneRuntimeCache() {
	const current = new Set(build.filter(isRuntime).map((url) => new URL(url, location.href).href));
	const cache = await caches.open(RUNTIME);
	for (const request of await cache.keys()) {
		if (request.url.includes('/_app/immutable/workers/') && !current.has(request.url))
			await cache.delete(request);
	}
}
sw.addEventListener('activate', (event) => event.waitUntil(pruneRuntimeCache()));

// Every navigation inside the scope gets the app shell; routing is hash-based, so this is the app.
registerRoute(new NavigationRoute(createHandlerBoundToURL(INDEX)));

// The first install takes control of open pages at once, so the first visit already works offline.
// Updates do not: they wait in `installed` until the person accepts them.
clientsClaim();

sw.addEventListener('message', (event) => {
	if (event.data?.type === SKIP_WAITING) sw.skipWaiting();
});
