import { sveltekit } from '@sveltejs/kit/vite';
import { playwright } from '@vitest/browser-playwright';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';
import { webManifest } from './scripts/vite-plugin-manifest.ts';
import { ORT_DIR, runtimeAssets } from './scripts/vite-plugin-runtime-assets.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default defineConfig({
	define: { __APP_VERSION__: JSON.stringify(pkg.version), __ORT_DIR__: JSON.stringify(ORT_DIR) },
	plugins: [sveltekit(), webManifest(), runtimeAssets()],
	build: { target: 'es2022', rolldownOptions: { checks: { pluginTimings: false } } },
	worker: { format: 'es' },
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: ['tests/unit/**/*.test.ts'],
					setupFiles: ['tests/unit/setup.ts'],
					globalSetup: ['tests/global-setup.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'browser',
					include: ['tests/component/**/*.test.ts'],
					globalSetup: ['tests/global-setup.ts'],
					browser: {
						enabled: true,
						headless: true,
						provider: playwright({
							launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS }
						}),
						instances: [{ browser: 'chromium' }]
					}
				}
			}
		]
	}
});
