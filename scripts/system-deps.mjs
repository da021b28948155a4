// Every system package that the tests, the test fixtures and the benchmarks use: one list.
// `npm test` (scripts/test.mjs) and CI (.ci/run) install what is missing from it, with apt-get
// when they run as root on Debian or Ubuntu; elsewhere they say exactly what to install.
//
//   node scripts/system-deps.mjs           install what is missing (or explain), then list
//   node scripts/system-deps.mjs --check   only report; exit 1 when something is missing
//
// A later capability that needs a system package (Postgres for sync, say) adds it here.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { findChromium } from './chromium.mjs';

/**
 * @typedef {object} SystemPackage
 * @property {string} apt Debian/Ubuntu package name
 * @property {string} usedBy who needs it, for the messages
 * @property {() => boolean} present whether this machine has it (or a stand-in, e.g. Chrome)
 * @property {string} [elsewhere] how to get it on other systems
 */

/** @param {string} command */
const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** @type {SystemPackage[]} */
export const SYSTEM_PACKAGES = [
	{
		apt: 'chromium',
		usedBy: 'component and end-to-end tests, benchmarks',
		present: () => findChromium() !== undefined,
		elsewhere:
			'point CHROMIUM_PATH at an installed Chrome or Chromium; with internet, ' +
			'`npx playwright install chromium` and CHROMIUM_PATH=<the path it prints>'
	},
	{
		apt: 'espeak-ng',
		usedBy: 'speech fixtures (scripts/make-audio-fixtures.sh)',
		present: () => onPath('espeak-ng'),
		elsewhere: 'macOS: brew install espeak-ng'
	},
	{
		apt: 'sox',
		usedBy: 'speech fixtures (scripts/make-audio-fixtures.sh)',
		present: () => onPath('sox') && onPath('soxi'),
		elsewhere: 'macOS: brew install sox'
	},
	{
		apt: 'util-linux',
		usedBy: 'calls between people e2e (`unshare` and `nsenter` make and enter its namespace)',
		present: () => onPath('unshare') && onPath('nsenter'),
		elsewhere: 'Linux only; without root the test runs outside a namespace and says so'
	},
	{
		apt: 'iproute2',
		usedBy:
			'calls between people e2e (tests/helpers/netns.ts: `ip` brings up loopback in the ' +
			'namespace the test makes, as root)',
		present: () => onPath('ip'),
		elsewhere: 'Linux only; without root the test runs outside a namespace and says so'
	}
];

/** @returns {SystemPackage[]} the packages this machine lacks. */
export function missingPackages() {
	return SYSTEM_PACKAGES.filter((pkg) => !pkg.present());
}

const canApt = () =>
	typeof process.getuid === 'function' && process.getuid() === 0 && existsSync('/usr/bin/apt-get');

/** @param {string[]} names */
function aptInstall(names) {
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = () =>
		spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], {
			stdio: 'inherit',
			env
		}).status === 0;
	// A fresh machine has no package lists yet; an old one may list versions that are gone.
	const lists = existsSync('/var/lib/apt/lists') ? readdirSync('/var/lib/apt/lists') : [];
	if (lists.some((name) => name.endsWith('Packages')) && install()) return;
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
	if (!install()) throw new Error(`apt-get install ${names.join(' ')} failed (see above).`);
}

/**
 * Installs the missing system packages when it can (root + apt-get), otherwise throws an Error
 * whose message says exactly what to run.
 */
export function ensureSystemPackages() {
	const missing = missingPackages();
	if (missing.length === 0) return;
	const names = missing.map((pkg) => pkg.apt);
	if (canApt()) {
		console.log(`Installing system packages the tests need: ${names.join(', ')} (apt-get)…`);
		aptInstall(names);
		const still = missingPackages();
		if (still.length === 0) return;
		throw new Error(`Installed, but still missing: ${still.map((pkg) => pkg.apt).join(', ')}.`);
	}
	throw new Error(
		[
			`The tests need system packages this machine lacks: ${names.join(', ')}.`,
			'Install them, then run `npm test` again:',
			`  - Debian/Ubuntu: sudo apt-get install -y ${names.join(' ')}`,
			...missing.map((pkg) => `  - ${pkg.apt} (${pkg.usedBy}): ${pkg.elsewhere ?? ''}`)
		].join('\n')
	);
}

if (import.meta.url === `file://${process.argv[1]}`) {
	if (process.argv.includes('--check')) {
		const missing = missingPackages();
		for (const pkg of SYSTEM_PACKAGES)
			console.log(`${missing.includes(pkg) ? '✗' : '✓'} ${pkg.apt}: ${pkg.usedBy}`);
		process.exit(missing.length === 0 ? 0 : 1);
	}
	try {
		ensureSystemPackages();
		for (const pkg of SYSTEM_PACKAGES) console.log(`✓ ${pkg.apt}: ${pkg.usedBy}`);
	} catch (error) {
		console.error(/** @type {Error} */ (error).message);
		process.exit(1);
	}
}
