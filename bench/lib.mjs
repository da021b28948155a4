// Shared helpers for the benchmarks. Benchmarks print figures; they never assert on time.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/chromium.mjs';
import { serve } from '../scripts/serve.mjs';

export { median, quantile, round } from './stats.mjs';

/** @param {string[]} [args] extra Chromium flags */
export async function launch(args = []) {
	return chromium.launch({ executablePath: ensureChromium(), args: [...CHROMIUM_ARGS, ...args] });
}

/** Serves `build/` on a free loopback port; builds it first if it is missing. */
export async function serveBuild() {
	if (!existsSync('build/index.html')) {
		throw new Error('No build found: run `npm run build` first (bench/run-all.mjs does).');
	}
	return serve({ dir: 'build', port: 0 });
}

/** @param {import('playwright').Page} page */
export async function interactiveAt(page) {
	await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
	return page.evaluate(
		() => performance.getEntriesByName('kompanion:interactive')[0]?.startTime ?? NaN
	);
}

/** Prints a result line and returns it for the summary. @param {string} name @param {Record<string, unknown>} figures */
export function report(name, figures) {
	console.log(`${name}: ${JSON.stringify(figures)}`);
	return { name, ...figures };
}
