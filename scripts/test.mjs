// `npm test`: every test, in the order that fails fastest. Installs the system packages the tests
// need first (scripts/system-deps.mjs), then prints each phase's time and the slowest e2e files,
// so every change can say what it added to the suite's time.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './chromium.mjs';
import { ensureSystemPackages } from './system-deps.mjs';

/** Where playwright.config.ts has the JSON reporter write its results. */
export const E2E_RESULTS = '.scratch/e2e-results.json';

/** @type {{ title: string, seconds: number }[]} */
const phases = [];

/** @param {string} title @param {() => void} run */
function timed(title, run) {
	const started = performance.now();
	try {
		run();
	} finally {
		phases.push({ title, seconds: (performance.now() - started) / 1000 });
	}
}

/** @param {string} title @param {string} command @param {string[]} args */
function step(title, command, args) {
	console.log(`\n━━ ${title} ━━`);
	timed(title, () => {
		const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
		if (result.status !== 0) {
			console.error(`\n✗ ${title} failed (exit ${result.status ?? result.signal}).`);
			summary();
			process.exit(result.status ?? 1);
		}
	});
}

/**
 * The e2e files by the time their tests took, summed (tests of one file can run in parallel, so
 * this is work, not wall-clock time).
 * @returns {[string, number][]}
 */
function slowestE2eFiles(count = 10) {
	if (!existsSync(E2E_RESULTS)) return [];
	/** @typedef {{ title: string, file?: string, specs?: { file: string, tests: { results: { duration: number }[] }[] }[], suites?: Suite[] }} Suite */
	const report = /** @type {{ suites: Suite[] }} */ (JSON.parse(readFileSync(E2E_RESULTS, 'utf8')));
	/** @type {Map<string, number>} */
	const byFile = new Map();
	/** @param {Suite} suite */
	const visit = (suite) => {
		for (const spec of suite.specs ?? [])
			for (const test of spec.tests)
				for (const result of test.results)
					byFile.set(spec.file, (byFile.get(spec.file) ?? 0) + result.duration / 1000);
		for (const child of suite.suites ?? []) visit(child);
	};
	report.suites.forEach(visit);
	return [...byFile].sort((a, b) => b[1] - a[1]).slice(0, count);
}

function summary() {
	console.log('\n━━ Times ━━');
	for (const { title, seconds } of phases)
		console.log(`${seconds.toFixed(1).padStart(7)} s  ${title}`);
	const total = phases.reduce((sum, phase) => sum + phase.seconds, 0);
	console.log(`${total.toFixed(1).padStart(7)} s  in all`);
	const slowest = slowestE2eFiles();
	if (slowest.length === 0) return;
	console.log('\nSlowest e2e files (their tests’ time, summed):');
	for (const [file, seconds] of slowest)
		console.log(`${seconds.toFixed(1).padStart(7)} s  ${file}`);
}

try {
	timed('System packages', () => {
		ensureSystemPackages();
		process.env.CHROMIUM_PATH = ensureChromium();
	});
} catch (error) {
	console.error(`\n${/** @type {Error} */ (error).message}`);
	process.exit(1);
}
console.log(`Using Chromium at ${process.env.CHROMIUM_PATH}`);

rmSync(E2E_RESULTS, { force: true });
step('Unit tests (node)', 'npx', ['vitest', 'run', '--project', 'unit']);
step('Component tests (Chromium)', 'npx', ['vitest', 'run', '--project', 'browser']);
step('End-to-end tests (production build, Chromium)', 'npx', ['playwright', 'test']);
summary();
console.log('\n✓ All tests passed.');
