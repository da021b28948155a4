import adapter from '@sveltejs/adapter-static';

/**
 * The base path the app is served from, e.g. `/kompanion` for https://example.org/kompanion/.
 * Routing is hash-based, so any static host works without rewrite rules; the base path only
 * matters for the service worker scope and absolute links, and defaults to the site root.
 */
const base = process.env.BASE_PATH ?? '';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	compilerOptions: {
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		adapter: adapter({ fallback: 'index.html', strict: true }),
		paths: { base, relative: true },
		router: { type: 'hash' },
		// Registered by src/lib/pwa with workbox-window, so that updates wait for the person.
		serviceWorker: { register: false },
		version: { pollInterval: 0 }
	}
};

export default config;
