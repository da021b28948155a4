// Finds a Chromium for the browser tests: $CHROMIUM_PATH, then the usual system locations.
// `ensureChromium()` installs Debian's package when it can (root + apt-get), or explains what to do.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = [
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome',
	'/usr/bin/google-chrome-stable',
	'/snap/bin/chromium',
	'/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
	'/Applications/Chromium.app/Contents/MacOS/Chromium'
];

/** Flags that keep headless Chromium quiet and off the network (see docs/testing.md). */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-quic',
	'--disable-default-apps',
	'--disable-domain-reliability',
	'--metrics-recording-only',
	// No name resolves but localhost: nothing in a test can reach the internet, workers included
	// (Playwright's request routing does not see requests from dedicated workers).
	'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'
];

/** @returns {string | undefined} */
export function findChromium() {
	const fromEnv = process.env.CHROMIUM_PATH;
	if (fromEnv) {
		if (!existsSync(fromEnv))
			throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist.`);
		return fromEnv;
	}
	return CANDIDATES.find((path) => existsSync(path));
}

/** @returns {string} the path of a usable Chromium, installing Debian's package when possible. */
export function ensureChromium() {
	const found = findChromium();
	if (found) return found;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (isRoot && existsSync('/usr/bin/apt-get')) {
		console.log(
			'No Chromium found; installing Debian’s chromium package (apt-get install chromium)…'
		);
		execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
		});
		const installed = findChromium();
		if (installed) return installed;
	}
	throw new Error(
		[
			'The browser tests need Chromium and none was found.',
			'Do one of these, then run `npm test` again:',
			'  - Debian/Ubuntu: sudo apt-get install chromium',
			'  - any system with internet: npx playwright install chromium, then',
			'    CHROMIUM_PATH=$(node -e "console.log(require(\'playwright\').chromium.executablePath())") npm test',
			'  - or point CHROMIUM_PATH at an installed Chrome or Chromium.'
		].join('\n')
	);
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureChromium());
