// Finds a Chromium for the browser tests: $CHROMIUM_PATH, then the usual system locations.
// `ensureChromium()` installs Debian's package when it can (root + apt-get), or explains what to do.
import { existsSync } from 'node:fs';
import { ensureSystemPackages } from './system-deps.mjs';

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

/**
 * @returns {string} the path of a usable Chromium. When there is none, installs the system packages
 * the tests need (scripts/system-deps.mjs: Debian's chromium among them) or throws saying how.
 */
export function ensureChromium() {
	const found = findChromium();
	if (found) return found;
	ensureSystemPackages();
	const installed = findChromium();
	if (installed) return installed;
	throw new Error(
		'Chromium was installed but not found; set CHROMIUM_PATH to its executable and try again.'
	);
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureChromium());
