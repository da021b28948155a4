import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { MODELS_READY_MS, callFromCard, callTests, fakeDevices } from './call-helpers';
import { fillDisk, mountSmallDisk } from './disk';
import { App, expect, expectClean, guardContext, test } from './fixtures';

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

/** The status of the newest recording, read straight from IndexedDB. */
function newestStatus(page: Page) {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((done, fail) => {
			const open = indexedDB.open('kompanion');
			open.onsuccess = () => done(open.result);
			open.onerror = () => fail(open.error);
		});
		const rows = await new Promise<{ status: string; startedAt: number }[]>((done, fail) => {
			const request = db.transaction('recordings').objectStore('recordings').getAll();
			request.onsuccess = () => done(request.result);
			request.onerror = () => fail(request.error);
		});
		db.close();
		return rows.sort((a, b) => b.startedAt - a.startedAt)[0]?.status;
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

/** The fake hidden page (see the test): rAF callbacks wait, timers run at most once a second. */
function hidePage() {
	const w = window as unknown as Record<string, unknown> & Window;
	const held: FrameRequestCallback[] = [];
	w.__shown = {
		raf: w.requestAnimationFrame.bind(w),
		setTimeout: w.setTimeout.bind(w),
		setInterval: w.setInterval.bind(w),
		held
	};
	w.requestAnimationFrame = (callback: FrameRequestCallback) => held.push(callback);
	type Timer = (handler: TimerHandler, delay?: number, ...rest: unknown[]) => number;
	const slow =
		(timer: Timer): Timer =>
		(handler, delay = 0, ...rest) =>
			timer(handler, Math.max(1000, delay), ...rest);
	w.setTimeout = slow(w.setTimeout.bind(w)) as unknown as typeof setTimeout;
	w.setInterval = slow(w.setInterval.bind(w)) as unknown as typeof setInterval;
	Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
	Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
	document.dispatchEvent(new Event('visibilitychange'));
}

function showPage() {
	const w = window as unknown as Record<string, unknown> & Window;
	const shown = w.__shown as {
		raf: typeof requestAnimationFrame;
		setTimeout: typeof setTimeout;
		setInterval: typeof setInterval;
		held: FrameRequestCallback[];
	};
	Object.assign(w, {
		requestAnimationFrame: shown.raf,
		setTimeout: shown.setTimeout,
		setInterval: shown.setInterval
	});
	delete (document as unknown as Record<string, unknown>).visibilityState;
	delete (document as unknown as Record<string, unknown>).hidden;
	document.dispatchEvent(new Event('visibilitychange'));
	for (const callback of shown.held.splice(0)) shown.raf(callback);
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
	page
}) => {
	await startRecording(app);
	const call = page.getByTestId('call');
	await call.getByLabel('Your message').fill('Wie war dein Tag?');
	await call.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(call.getByTestId('caption-companion')).toContainText('Hallo! Schön', {
		timeout: MODELS_READY_MS
	});

	// The page hidden for 5 s. Headless Chromium keeps every page visible (another tab in front,
	// a minimised window: visibilityState stays 'visible'), so this is a fake of what a hidden page
	// gets from the browser: visibilityState 'hidden', no animation frames (the face holds still),
	// its own timers at most once a second. The recording's clock is a worker's, which it keeps.
	const hiddenFrom = await recordedSeconds(page);
	await page.evaluate(hidePage);
	await page.waitForTimeout(5000);
	await page.evaluate(showPage);
	await expect.poll(() => recordedSeconds(page)).toBeGreaterThanOrEqual(hiddenFrom + 6);
	await page.getByTestId('record-stop').click();
	await expect(page.getByTestId('record-start')).toBeVisible();

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

	// While the page was hidden the picture went on (the camera inset moves in every frame). A
	// frozen picture decodes to the same pixels (difference 0); the face holds its pose while
	// hidden, so only the inset changes: 0.15 on a busy CI machine, above 0.5 on a quiet one.
	const early = await frameAt(page, hiddenFrom + 1.5);
	const late = await frameAt(page, hiddenFrom + 4);
	expect(difference(early, late)).toBeGreaterThan(0.05);

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

	// The library: rename, export as MP4 (an ISO file: 'ftyp' first), delete.
	await app.open('/recordings');
	await row.getByRole('button', { name: 'Rename' }).click();
	await row.getByLabel('Name').fill('Lena und der Markt');
	await row.getByRole('button', { name: 'Save' }).click();
	await expect(row.getByRole('link', { name: 'Lena und der Markt' })).toBeVisible();
	const mp4 = await download(page, () => row.getByRole('button', { name: 'Export MP4' }).click());
	expect(mp4.subarray(4, 8).toString('latin1')).toBe('ftyp');
	expect(mp4.length).toBeGreaterThan(10_000);
	page.once('dialog', (dialog) => void dialog.accept());
	await row.getByRole('button', { name: 'Delete' }).click();
	await expect(row).toHaveCount(0);
	await app.reload();
	await expect(page.getByTestId('recording')).toHaveCount(0);
});

/** The bytes of the file a click downloads. */
async function download(page: Page, click: () => Promise<void>): Promise<Buffer> {
	const [file] = await Promise.all([page.waitForEvent('download'), click()]);
	return readFileSync((await file.path())!);
}

/** The browser process of a persistent context (the one without --type=), by its profile. */
function browserPid(profile: string): number {
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let command: string;
		try {
			command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
		} catch {
			continue; // the process ended while the list was read
		}
		const args = command.split('\0');
		if (args.includes(`--user-data-dir=${profile}`) && !args.some((a) => a.startsWith('--type=')))
			return Number(entry);
	}
	throw new Error(`No browser runs with the profile ${profile}`);
}

test('a recording cut off by killing the browser is recovered at the next start', async ({
	baseURL
}) => {
	test.skip(process.platform !== 'linux', 'finds the browser process through /proc');
	const profile = mkdtempSync(join(tmpdir(), 'kompanion-crash-'));
	const launch = async () => {
		const context = await chromium.launchPersistentContext(profile, {
			...fakeDevices('de-anna-slow.wav').launchOptions,
			baseURL,
			serviceWorkers: 'allow'
		});
		const guard = await guardContext(context);
		const app = new App(context.pages()[0] ?? (await context.newPage()));
		return { context, guard, app };
	};
	try {
		const first = await launch();
		await startRecording(first.app);
		await expect
			.poll(() => chunksOnDisk(first.app.page), { timeout: 30_000 })
			.toBeGreaterThanOrEqual(4);
		expectClean(first.guard);
		// No goodbye: the whole browser is killed, as a crash or a power cut would.
		process.kill(browserPid(profile), 'SIGKILL');
		await first.context.close().catch(() => undefined);

		const second = await launch();
		try {
			await second.app.open('/recordings');
			const row = second.app.page.getByTestId('recording');
			await expect(row).toHaveAttribute('data-status', 'interrupted');
			await expect(row).toContainText('recovered after the app closed');
			await row.getByRole('link').click();
			await expect(second.app.page.getByText('not yet seekable')).toHaveCount(0, {
				timeout: 20_000
			});
			const duration = await second.app.page
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

			// Through a backup and back, the recording is the same to the byte.
			const { page } = second.app;
			await second.app.open('/recordings');
			const before = await download(page, () =>
				page.getByRole('button', { name: 'Export WebM' }).click()
			);
			expect(before.length).toBeGreaterThan(10_000);
			await second.app.open('/settings');
			const backup = await download(page, () =>
				page.getByRole('button', { name: 'Export my data' }).click()
			);
			await page.getByTestId('import-file').setInputFiles({
				name: 'backup.zip',
				mimeType: 'application/zip',
				buffer: backup
			});
			const dialog = page.getByRole('dialog', { name: 'Replace the data on this device?' });
			await dialog.getByRole('button', { name: 'Import' }).click();
			await expect(second.app.toast('Your backup was imported.')).toBeVisible();
			await second.app.open('/recordings');
			const after = await download(page, () =>
				page.getByRole('button', { name: 'Export WebM' }).click()
			);
			expect(after.equals(before)).toBe(true);
			expectClean(second.guard);
		} finally {
			await second.context.close();
		}
	} finally {
		rmSync(profile, { recursive: true, force: true });
	}
});

test('a full disk stops the recording with a message, and what was written plays', async ({
	baseURL
}) => {
	const disk = mountSmallDisk(200);
	test.skip(typeof disk === 'string', typeof disk === 'string' ? disk : '');
	if (typeof disk === 'string') return;
	const profile = join(disk.path, 'profile');
	mkdirSync(profile);
	const context = await chromium.launchPersistentContext(profile, {
		...fakeDevices('de-anna-slow.wav').launchOptions,
		baseURL,
		serviceWorkers: 'allow'
	});
	try {
		const guard = await guardContext(context);
		// On this small disk the offline copy of the model runtime (27 MB, kept by the compile
		// worker and the page) can fail at any point, before the disk is filled on purpose too (a
		// network error in the console): not the recording's concern.
		guard.allow(/Failed to load resource: net::ERR_FAILED @ .*\/runtime\/ort\//);
		const app = new App(context.pages()[0] ?? (await context.newPage()));
		const { page } = app;
		await callFromCard(app, 'Lena');
		// The models are stored before the disk fills: only the recording is to run out of room.
		await expect(page.getByRole('progressbar')).toHaveCount(0, { timeout: MODELS_READY_MS });
		await page.getByTestId('record-start').click();
		await expect.poll(() => chunksOnDisk(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);

		expect(await fillDisk(app)).toBe('QuotaExceededError');
		await expect(page.getByTestId('recording-message')).toContainText(
			'The recording stopped because your device has no room left.',
			{ timeout: 30_000 }
		);
		await expect(page.getByTestId('recording-indicator')).toHaveCount(0);
		await expect(page.getByTestId('record-start')).toBeVisible();

		// Room again; the recording holds what reached the disk before it filled, and plays.
		await page.evaluate(
			() =>
				new Promise((done, fail) => {
					const request = indexedDB.deleteDatabase('filler');
					request.onsuccess = done;
					request.onerror = () => fail(request.error);
				})
		);
		// Marking it complete failed on the full disk too; the recorder tries again meanwhile.
		await expect.poll(() => newestStatus(page), { timeout: 40_000 }).toBe('complete');
		await page.getByRole('button', { name: 'End call' }).click();
		await app.open('/recordings');
		const row = page.getByTestId('recording');
		await expect(row).toHaveAttribute('data-status', 'complete');
		await expect(row).toContainText('no room left');
		await row.getByRole('link').click();
		const video = page.getByTestId('playback');
		await video.evaluate((v: HTMLVideoElement) => {
			v.muted = true;
			return v.play();
		});
		await expect
			.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime))
			.toBeGreaterThan(1);
		expectClean(guard);
	} finally {
		await context.close();
		disk.release();
	}
});
