import adapter from './scripts/portable-adapter.js';

/**
 * Optional: the base path the app is served from, e.g. `/kompanion`. Not needed for sub-paths:
 * routing is hash-based and the build uses relative URLs (scripts/portable-adapter.js), so the
 * same build works at `/` and under any folder of any static host.
 */
const base = /** @type {'' | `/${string}`} */ (process.env.BASE_PATH?.replace(/\/$/, '') ?? '');

/** @type {import('@sveltejs/kit').Config} */
const config = {
	compilerOptions: {
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
		paths: { base, relative: true },
		router: { type: 'hash' },
		// Registered by src/lib/pwa with workbox-window, so that updates wait for the person.
		serviceWorker: { register: false },
		version: { pollInterval: 0 },
		typescript: {
			// Type-check the tooling too: scripts, benchmarks and configs.
			config: (tsconfig) => {
				tsconfig.include.push(
					'../scripts/**/*.ts',
					'../scripts/**/*.mjs',
					'../scripts/**/*.js',
					'../bench/**/*.ts',
					'../bench/**/*.mjs',
					'../playwright.config.ts',
					'../svelte.config.js'
				);
			}
		}
	}
};

export default config;
