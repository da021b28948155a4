// A long call recording in the built app (tiny models, Chromium's fake camera and microphone):
// every 10 s the page's JS heap (DevTools Runtime.getHeapUsage, after a GC) and the bytes stored
// (the recording's chunks and navigator.storage's usage); every 250 ms the age of the oldest
// media not yet on disk, what a crash at that moment would lose (now − start − the end of the
// last chunk written); then the time and the page's peak heap while the duration fix rewrites it.
//
//   node bench/recording.mjs [--seconds 600]     (run from the repository root after a build)
import { quantile, round, report } from './lib.mjs';
import { openApp, useTinyModel, useTinySpeech } from './browser-app.mjs';
import { LLM_ID } from '../scripts/tiny-models/index.mjs';

/** @param {string} name @param {number} fallback */
const argument = (name, fallback) => {
	const at = process.argv.indexOf(`--${name}`);
	return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const SECONDS = argument('seconds', 600);
const SAMPLE_MS = 10_000;
const AGE_MS = 250;

const app = await openApp([
	'--use-fake-device-for-media-stream',
	'--use-fake-ui-for-media-stream',
	'--autoplay-policy=no-user-gesture-required'
]);
const { page } = app;
try {
	await useTinyModel(app, LLM_ID);
	await useTinySpeech(app);
	await app.open('/companions/preset-lena/call');
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('HeapProfiler.enable');
	const heap = async () => {
		await cdp.send('HeapProfiler.collectGarbage');
		return (await cdp.send('Runtime.getHeapUsage')).usedSize;
	};
	/** The newest recording's row and the storage the origin uses. */
	const stored = () =>
		page.evaluate(async () => {
			const db = await new Promise((done, fail) => {
				const open = indexedDB.open('kompanion');
				open.onsuccess = () => done(open.result);
				open.onerror = () => fail(open.error);
			});
			const rows = await new Promise((done, fail) => {
				const request = db.transaction('recordings').objectStore('recordings').getAll();
				request.onsuccess = () => done(request.result);
				request.onerror = () => fail(request.error);
			});
			db.close();
			const recording =
				/** @type {{ startedAt: number, durationMs: number, bytes: number, fileFrom?: number }[]} */ (
					rows
				).sort((a, b) => b.startedAt - a.startedAt)[0];
			const { usage } = await navigator.storage.estimate();
			return { recording, usage, now: Date.now() };
		});

	// Let the models load first: the figures are about recording, not about loading.
	await page.getByRole('progressbar').first().waitFor({ state: 'detached', timeout: 120_000 });
	const heapBefore = await heap();
	await page.getByTestId('record-start').click();
	await page.getByTestId('recording-indicator').waitFor();
	const started = Date.now();
	const samples = [];
	const ages = [];
	let nextSample = started + SAMPLE_MS;
	while (Date.now() - started < SECONDS * 1000) {
		const { recording, usage, now } = await stored();
		if (recording) ages.push(now - recording.startedAt - recording.durationMs);
		if (now >= nextSample) {
			nextSample += SAMPLE_MS;
			samples.push({
				s: Math.round((now - started) / 1000),
				heapMB: round((await heap()) / 1e6, 1),
				recordingMB: round((recording?.bytes ?? 0) / 1e6, 2),
				usageMB: round((usage ?? 0) / 1e6, 1)
			});
			if (process.env.BENCH_VERBOSE) console.log(JSON.stringify(samples.at(-1)));
		}
		await page.waitForTimeout(AGE_MS);
	}

	// Stop; the duration fix starts at once. Peak heap while it runs, and its time.
	await page.getByTestId('record-stop').click();
	await page.getByTestId('record-start').waitFor();
	const fixStart = Date.now();
	let fixPeak = 0;
	/** @type {{ bytes: number, durationMs: number }} */
	let fixed;
	for (;;) {
		fixPeak = Math.max(fixPeak, (await cdp.send('Runtime.getHeapUsage')).usedSize);
		const { recording } = await stored();
		if (recording?.fileFrom !== undefined) {
			fixed = recording;
			break;
		}
		if (Date.now() - fixStart > 600_000) throw new Error('The duration fix did not finish.');
		await page.waitForTimeout(100);
	}
	const fixMs = Date.now() - fixStart;
	const heaps = samples.map((s) => s.heapMB);
	report('recording', {
		seconds: SECONDS,
		heapBeforeMB: round(heapBefore / 1e6, 1),
		heapFirstMB: heaps[0],
		heapLastMB: heaps.at(-1),
		heapMaxMB: Math.max(...heaps),
		heapGrowthMB: round((heaps.at(-1) ?? 0) - heaps[0], 1),
		recordingMB: samples.at(-1)?.recordingMB,
		usageMB: samples.at(-1)?.usageMB,
		uncommittedAgeP50Ms: round(quantile(ages, 0.5)),
		uncommittedAgeP95Ms: round(quantile(ages, 0.95)),
		uncommittedAgeMaxMs: round(Math.max(...ages)),
		fixMs,
		fixPeakHeapMB: round(fixPeak / 1e6, 1),
		fixedMB: round(fixed.bytes / 1e6, 2),
		fixedDurationS: round(fixed.durationMs / 1000, 1)
	});
	console.log(JSON.stringify(samples));
} finally {
	await app.close();
}
