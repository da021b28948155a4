/** Messages between the page and the service worker (src/service-worker.ts). */
export const SKIP_WAITING = 'SKIP_WAITING';

/** Cache names the service worker owns. It never deletes or routes any other cache. */
export const CACHE_PREFIX = 'kompanion';
export const APP_SHELL_CACHE = 'app-shell';
