import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, ensureChromium } from './scripts/chromium.mjs';

const PORT = Number(process.env.E2E_PORT ?? 4173);

/**
 * End-to-end tests against the production build, served by scripts/serve.mjs on loopback, in the
 * system Chromium (no browser download). tests/e2e/fixtures.ts blocks every request that is not to
 * loopback and fails a test on any console error or uncaught exception.
 */
export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: true,
	// One worker, in CI too: on 2 cores two call tests at once starve each other's model loading
	// (a clean-clone CI run with 2 workers failed 4 call and model tests and took 13.1 min of e2e;
	// two runs with 1 worker passed all 67 in 11.4 min). Two lanes, the calls one at a time beside
	// the other files, were no better: the calls ran 2-3 times slower and a chat test timed out.
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	// The JSON results feed scripts/test.mjs's list of the slowest files.
	reporter: [
		['list'],
		['json', { outputFile: '.scratch/e2e-results.json' }],
		...(process.env.CI ? [['html', { open: 'never' }] as const] : [])
	],
	use: {
		baseURL: `http://127.0.0.1:${PORT}/`,
		serviceWorkers: 'allow',
		trace: 'retain-on-failure',
		launchOptions: { executablePath: ensureChromium(), args: CHROMIUM_ARGS }
	},
	webServer: {
		// Test models and fixtures are served next to the app, on the same loopback origin.
		command:
			`node scripts/make-tiny-models.mjs && npx vite build && node scripts/serve.mjs --port ${PORT}` +
			' --mount /__models=tests/fixtures/.generated/models --mount /__fixtures=tests/fixtures',
		url: `http://127.0.0.1:${PORT}/`,
		reuseExistingServer: !process.env.CI,
		timeout: 180_000,
		stdout: 'ignore',
		stderr: 'pipe'
	}
});
