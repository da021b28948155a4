// Benchmarks that need a real browser API (IndexedDB, workers) run in Chromium through Vitest's
// browser mode, which bundles app code with the same aliases as the app. They print figures.
import { playwright } from '@vitest/browser-playwright';
import { defineConfig, mergeConfig } from 'vitest/config';
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/chromium.mjs';
import appConfig from '../vite.config';

const { test: _tests, ...app } = appConfig;

export default mergeConfig(
	app,
	defineConfig({
		test: {
			include: ['bench/**/*.browser.ts'],
			testTimeout: 300_000,
			browser: {
				enabled: true,
				headless: true,
				provider: playwright({
					launchOptions: { executablePath: ensureChromium(), args: CHROMIUM_ARGS }
				}),
				instances: [{ browser: 'chromium' }]
			}
		}
	})
);
