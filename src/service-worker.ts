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
import { APP_SHELL_CACHE, CACHE_PREFIX, SKIP_WAITING } from '$lib/pwa/messages';

const sw = self as unknown as ServiceWorkerGlobalScope;

/*
 * Invariants:
 * - This worker precaches and serves the app shell only. Model weights live in the AI libraries'
 *   own caches (Cache Storage or IndexedDB) and are never precached, routed or deleted here.
 * - Cleanup only touches Workbox precaches with our prefix (cleanupOutdatedCaches matches
 *   `-precache-` caches of older Workbox formats); no code here enumerates and deletes caches.
 * - A new version waits until the page asks it to take over (SKIP_WAITING); see lib/pwa.
 */
setCacheNameDetails({ prefix: CACHE_PREFIX, precache: APP_SHELL_CACHE, suffix: '' });

const INDEX = `${base}/index.html`;
const isImmutable = (url: string) => url.includes('/_app/immutable/');

const manifest: PrecacheEntry[] = [
	...build.map((url) => ({ url, revision: isImmutable(url) ? null : version })),
	...files.map((url) => ({ url, revision: version })),
	{ url: INDEX, revision: version },
	{ url: `${base}/manifest.webmanifest`, revision: version }
];

precacheAndRoute(manifest, { directoryIndex: 'index.html', ignoreURLParametersMatching: [/.*/] });
cleanupOutdatedCaches();

// Every navigation inside the scope gets the app shell; routing is hash-based, so this is the app.
registerRoute(new NavigationRoute(createHandlerBoundToURL(INDEX)));

// The first install takes control of open pages at once, so the first visit already works offline.
// Updates do not: they wait in `installed` until the person accepts them.
clientsClaim();

sw.addEventListener('message', (event) => {
	if (event.data?.type === SKIP_WAITING) sw.skipWaiting();
});
