import type { Page } from '@playwright/test';
import { MODELS_READY_MS, callFromCard, callTests } from './call-helpers';
import { expect, test, type App } from './fixtures';

// Recording a companion call with Chromium's fake camera (a moving test pattern) and microphone,
// the tiny models answering; then playing it back from IndexedDB on the recordings page.
callTests('de-anna-slow.wav');

/** Chunks of the newest recording on disk, read straight from IndexedDB. */
function chunksOnDisk(page: Page) {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((done, fail) => {
			const open = indexedDB.open('kompanion');
			open.onsuccess = () => done(open.result);
			open.onerror = () => fail(open.error);
		});
		const count = await new Promise<number>((done, fail) => {
			const request = db.transaction('recordingChunks').objectStore('recordingChunks').count();
			request.onsuccess = () => done(request.result);
			request.onerror = () => fail(request.error);
		});
		db.close();
		return count;
	});
}

/** Seconds the recording has run, from the indicator ("Recording · 0:07"). */
async function recordedSeconds(page: Page): Promise<number> {
	const text = (await page.getByTestId('recording-indicator').textContent()) ?? '';
	const [, m, s] = /(\d+):(\d\d)/.exec(text) ?? [];
	return Number(m) * 60 + Number(s);
}

/** A frame of the playing video at `seconds`, as small grey pixels. */
function frameAt(page: Page, seconds: number) {
	return page.getByTestId('playback').evaluate(async (element, at) => {
		const video = element as HTMLVideoElement;
		video.pause();
		await new Promise((done) => {
			video.addEventListener('seeked', done, { once: true });
			video.currentTime = at;
		});
		const canvas = document.createElement('canvas');
		canvas.width = 64;
		canvas.height = 36;
		const context = canvas.getContext('2d', { willReadFrequently: true })!;
		context.drawImage(video, 0, 0, 64, 36);
		const { data } = context.getImageData(0, 0, 64, 36);
		return Array.from({ length: 64 * 36 }, (_, i) => (data[i * 4] + data[i * 4 + 1]) >> 1);
	}, seconds);
}

const difference = (a: number[], b: number[]) =>
	a.reduce((sum, value, i) => sum + Math.abs(value - b[i]), 0) / a.length;

async function startRecording(app: App) {
	await callFromCard(app, 'Lena');
	await app.page.getByTestId('record-start').click();
	await expect(app.page.getByTestId('recording-indicator')).toBeVisible();
}

test('a recorded call plays with a duration, seeks, follows the transcript, and kept recording while hidden', async ({
	app,
	page,
	context
}) => {
	await startRecording(app);
	const call = page.getByTestId('call');
	await call.getByLabel('Your message').fill('Wie war dein Tag?');
	await call.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(call.getByTestId('caption-companion')).toContainText('Hallo! Schön', {
		timeout: MODELS_READY_MS
	});

	// The page hidden for 5 s (another tab in front): animation frames stop, the recording not.
	const hiddenFrom = await recordedSeconds(page);
	const other = await context.newPage();
	await other.bringToFront();
	await expect.poll(() => page.evaluate(() => document.visibilityState)).toBe('hidden');
	await other.waitForTimeout(5000);
	await page.bringToFront();
	await other.close();
	await expect.poll(() => page.evaluate(() => document.visibilityState)).toBe('visible');
	await expect.poll(() => recordedSeconds(page)).toBeGreaterThanOrEqual(hiddenFrom + 6);
	await page.getByTestId('record-stop').click();
	await expect(page.getByTestId('record-start')).toBeVisible();
	const stoppedAt = await chunksOnDisk(page);
	expect(stoppedAt).toBeGreaterThanOrEqual(hiddenFrom + 6);

	await page.getByRole('button', { name: 'End call' }).click();
	await app.open('/recordings');
	const row = page.getByTestId('recording');
	await expect(row).toHaveCount(1);
	await expect(row).toHaveAttribute('data-status', 'complete');
	await row.getByRole('link', { name: 'Call with Lena' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Call with Lena' })).toBeVisible();
	// The duration fix has run: a seekable file with a finite duration.
	await expect(page.getByText('not yet seekable')).toHaveCount(0, { timeout: 20_000 });
	const video = page.getByTestId('playback');
	await expect
		.poll(() => video.evaluate((v: HTMLVideoElement) => v.duration))
		.toBeGreaterThan(hiddenFrom + 6);
	expect(Number.isFinite(await video.evaluate((v: HTMLVideoElement) => v.duration))).toBe(true);

	// While the page was hidden the picture went on (the camera inset moves in every frame).
	const early = await frameAt(page, hiddenFrom + 1.5);
	const late = await frameAt(page, hiddenFrom + 4);
	expect(difference(early, late)).toBeGreaterThan(0.5);

	// The transcript: a click seeks to the line and marks it as the one being said.
	const lines = page.getByTestId('transcript').getByRole('button');
	await expect(lines.filter({ hasText: 'Wie war dein Tag?' })).toHaveCount(1);
	const reply = lines.filter({ hasText: 'Hallo! Schön' });
	const at = Number(await reply.getAttribute('data-at')) / 1000;
	await reply.click();
	await expect(reply).toHaveAttribute('aria-current', 'true');
	expect(await video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThanOrEqual(
		at - 0.1
	);
	// Seeking back before the first line: no line is current.
	await video.evaluate((v: HTMLVideoElement) => {
		v.pause();
		v.currentTime = 0;
	});
	await expect(lines.first()).not.toHaveAttribute('aria-current', 'true');
});

test('a recording cut off by a renderer crash is recovered at the next start', async ({
	app,
	page,
	context
}) => {
	await startRecording(app);
	await expect.poll(() => chunksOnDisk(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
	const cdp = await context.newCDPSession(page);
	await cdp.send('Page.crash').catch(() => undefined);

	const next = new (app.constructor as typeof App)(await context.newPage());
	await next.open('/recordings');
	const row = next.page.getByTestId('recording');
	await expect(row).toHaveAttribute('data-status', 'interrupted');
	await expect(row).toContainText('recovered after the app closed');
	await row.getByRole('link').click();
	await expect(next.page.getByText('not yet seekable')).toHaveCount(0, { timeout: 20_000 });
	const duration = await next.page
		.getByTestId('playback')
		.evaluate(
			(v: HTMLVideoElement) =>
				new Promise<number>((done) =>
					v.readyState >= 1
						? done(v.duration)
						: v.addEventListener('loadedmetadata', () => done(v.duration))
				)
		);
	expect(duration).toBeGreaterThan(2);
	expect(Number.isFinite(duration)).toBe(true);
});
