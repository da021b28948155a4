import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, ensureChromium } from './scripts/chromium.mjs';

const PORT = Number(process.env.E2E_PORT ?? 4173);

/** The e2e files that hold calls: fake audio in real time, several models, media recorders. */
const CALL_FILES = [
	/\/call[^/]*\.e2e\.ts$/,
	/\/(recordings|rtc|did|speech-models|onnx-runtime|tutor-call)\.e2e\.ts$/
];

/**
 * End-to-end tests against the production build, served by scripts/serve.mjs on loopback, in the
 * system Chromium (no browser download). tests/e2e/fixtures.ts blocks every request that is not to
 * loopback and fails a test on any console error or uncaught exception.
 */
export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: true,
	// Two lanes, one test at a time in each: the calls (models loading while fake audio plays in
	// real time, timing windows such as barge-in) never share the two cores with another call,
	// and the rest runs beside them. Two call tests at once starved each other's model loading
	// (a clean-clone CI run with 2 unrestricted workers failed 4 call and model tests).
	workers: 2,
	projects: [
		{ name: 'calls', testMatch: CALL_FILES, workers: 1 },
		{ name: 'pages', testIgnore: CALL_FILES, workers: 1 }
	],
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
