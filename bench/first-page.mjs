// First-page JavaScript: every script the home page loads until it is interactive and the network
// is idle, gzip-compressed at level 9 (what a static host's gzip would send; brotli is smaller).
import { gzipSync } from 'node:zlib';
import { launch, report, serveBuild } from './lib.mjs';

export async function firstPageJs() {
	const server = await serveBuild();
	const browser = await launch();
	try {
		const context = await browser.newContext({ serviceWorkers: 'block' });
		const page = await context.newPage();
		/** @type {Map<string, Buffer>} */
		const scripts = new Map();
		page.on('response', async (response) => {
			const type = response.request().resourceType();
			if (type === 'script' || response.url().endsWith('.js'))
				scripts.set(response.url(), await response.body());
		});
		await page.goto(server.url);
		await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
		await page.waitForLoadState('networkidle');
		let raw = 0;
		let gzip = 0;
		const files = [];
		for (const [url, body] of scripts) {
			const size = gzipSync(body, { level: 9 }).length;
			raw += body.length;
			gzip += size;
			files.push({
				file: new URL(url).pathname.split('/').pop(),
				gzipKB: Math.round(size / 102.4) / 10
			});
		}
		files.sort((a, b) => b.gzipKB - a.gzipKB);
		return report('first-page JS', {
			files: scripts.size,
			rawKB: Math.round(raw / 1024),
			gzipKB: Math.round(gzip / 102.4) / 10,
			largest: files.slice(0, 5)
		});
	} finally {
		await browser.close();
		await server.close();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await firstPageJs();
