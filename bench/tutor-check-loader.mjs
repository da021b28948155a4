// Loads the tutor's deterministic checker (TypeScript under src/) in plain Node through Vite's
// module runner, without the SvelteKit plugin: the checker is pure TS with only `$lib` imports.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** @returns {Promise<typeof import('../src/lib/tutor/check/node')>} */
export async function loadCheckModule() {
	const { module } = await runnerImport('/src/lib/tutor/check/node.ts', {
		configFile: false,
		root,
		logLevel: 'error',
		resolve: { alias: { $lib: resolve(root, 'src/lib') } }
	});
	return /** @type {never} */ (module);
}
