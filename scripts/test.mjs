// `npm test`: every test, in the order that fails fastest. Finds (or installs) Chromium first.
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './chromium.mjs';

/** @param {string} title @param {string} command @param {string[]} args */
function step(title, command, args) {
	console.log(`\n━━ ${title} ━━`);
	const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
	if (result.status !== 0) {
		console.error(`\n✗ ${title} failed (exit ${result.status ?? result.signal}).`);
		process.exit(result.status ?? 1);
	}
}

try {
	process.env.CHROMIUM_PATH = ensureChromium();
} catch (error) {
	console.error(`\n${/** @type {Error} */ (error).message}`);
	process.exit(1);
}
console.log(`Using Chromium at ${process.env.CHROMIUM_PATH}`);

step('Unit tests (node)', 'npx', ['vitest', 'run', '--project', 'unit']);
step('Component tests (Chromium)', 'npx', ['vitest', 'run', '--project', 'browser']);
step('End-to-end tests (production build, Chromium)', 'npx', ['playwright', 'test']);
console.log('\n✓ All tests passed.');
