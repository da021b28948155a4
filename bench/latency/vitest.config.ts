// The voice latency benchmark runs the app's worker handlers in Node (onnxruntime-node on the
// CPU) through Vitest, which resolves `$lib` like the app. Never part of `npm test`: its files
// end in `.bench.ts` and live outside `tests/`. Run it with bench/latency/run.mjs.
import { defineConfig, mergeConfig } from 'vitest/config';
import appConfig from '../../vite.config';

const { test: _tests, ...app } = appConfig;

export default mergeConfig(
	app,
	defineConfig({
		test: {
			name: 'latency',
			environment: 'node',
			include: ['bench/latency/**/*.bench.ts'],
			testTimeout: 1_800_000,
			hookTimeout: 600_000,
			fileParallelism: false
		}
	})
);
