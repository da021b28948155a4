// Cold load to interactive (fresh profile, nothing cached) and offline reload (service worker
// serving the app shell, network off), median of 5 runs each, in headless Chromium.
import { interactiveAt, launch, median, report, round, serveBuild } from './lib.mjs';

const RUNS = 5;

export async function loadTimes() {
	const server = await serveBuild();
	const browser = await launch();
	const cold = [];
	const offline = [];
	try {
		for (let i = 0; i < RUNS; i++) {
			const context = await browser.newContext();
			const page = await context.newPage();
			await page.goto(server.url);
			cold.push(await interactiveAt(page));
			await page.evaluate(async () => {
				await navigator.serviceWorker.ready;
				if (!navigator.serviceWorker.controller) {
					await new Promise((done) =>
						navigator.serviceWorker.addEventListener('controllerchange', done, { once: true })
					);
				}
			});
			await context.setOffline(true);
			await page.reload();
			offline.push(await interactiveAt(page));
			await context.close();
		}
	} finally {
		await browser.close();
		await server.close();
	}
	return report('load to interactive (ms)', {
		coldMedian: round(median(cold)),
		offlineReloadMedian: round(median(offline)),
		cold: cold.map((v) => round(v)),
		offline: offline.map((v) => round(v))
	});
}

if (import.meta.url === `file://${process.argv[1]}`) await loadTimes();
