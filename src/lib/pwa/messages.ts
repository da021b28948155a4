/** What workbox-window's messageSkipWaiting() posts; src/service-worker.ts listens for it. */
export const SKIP_WAITING = 'SKIP_WAITING';

/** Cache names the service worker owns. It never deletes or routes any other cache. */
export const CACHE_PREFIX = 'kompanion';
export const APP_SHELL_CACHE = 'app-shell';
/** AI runtime code (workers, onnxruntime's wasm), cached on first use. */
export const RUNTIME_CACHE = 'runtime';
