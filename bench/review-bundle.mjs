// Where the review scheduler's code loads: ts-fsrs (which patches Date.prototype) must not be in
// any script the home page loads, only in what opening /review adds. Prints the home page's
// scripts (gzip -9, as bench/first-page.mjs counts them) and what the review screen adds.
// Needs a build (`npx vite build`).
import { gzipSync } from 'node:zlib';
import { launch, report, serveBuild } from './lib.mjs';

/** ts-fsrs's own code, as it survives minification (its Date.prototype patch). */
const TS_FSRS = 'Date.prototype.scheduler';

export async function reviewBundle() {
	const server = await serveBuild();
	const browser = await launch();
	try {
		const context = await browser.newContext({ serviceWorkers: 'block' });
		const page = await context.newPage();
		/** @type {Map<string, Buffer>} */
		const scripts = new Map();
		page.on('response', async (response) => {
			if (response.request().resourceType() === 'script' || response.url().endsWith('.js'))
				scripts.set(response.url(), await response.body());
		});
		const figures = (/** @type {Map<string, Buffer>} */ loaded) => {
			let gzip = 0;
			const withFsrs = [];
			for (const [url, body] of loaded) {
				const size = gzipSync(body, { level: 9 }).length;
				gzip += size;
				if (body.includes(TS_FSRS))
					withFsrs.push(`${new URL(url).pathname.split('/').pop()} (${kb(size)} KB gzip)`);
			}
			return { files: loaded.size, gzipKB: kb(gzip), tsFsrsIn: withFsrs };
		};

		await page.goto(server.url);
		await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
		await page.waitForSelector('[data-testid="home-due"]');
		await page.waitForLoadState('networkidle');
		const home = figures(scripts);
		const before = new Set(scripts.keys());

		await page.goto(`${server.url}#/review`);
		await page.waitForSelector('h1:has-text("Review")');
		await page.waitForLoadState('networkidle');
		const added = new Map([...scripts].filter(([url]) => !before.has(url)));
		return report('review bundle', { home, reviewAdds: figures(added) });
	} finally {
		await browser.close();
		await server.close();
	}
}

/** @param {number} bytes */
const kb = (bytes) => Math.round(bytes / 102.4) / 10;

if (import.meta.url === `file://${process.argv[1]}`) await reviewBundle();
