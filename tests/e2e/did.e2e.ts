// D-ID in a call, against the FAKE stand-in (tests/helpers/did-standin: D-ID's documented routes on
// 127.0.0.1 and a real WebRTC peer in Node that sends video, audio and D-ID's data-channel
// messages). The app's own client runs its whole path; the companion's mind is the OpenAI-compatible
// test server (no model to load) and the local voice the tiny VITS, for when D-ID fails. A text
// call (the microphone is not allowed): typing over the companion is the barge-in.
import type { Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import type { DidErrorStatus } from '../../src/lib/avatar/did/contract';
import { startDidStandin, type DidStandin } from '../helpers/did-standin';
import { startOpenAiServer } from '../helpers/openai-server.mjs';
import { expect, test, type App } from './fixtures';

const FIRST = 'Schön, dass du wieder da bist.';
const SECOND = 'Heute reden wir über Berlin und seine vielen Museen.';
const REPLY = `${FIRST} ${SECOND} Was möchtest du wissen?`;

test.use({
	permissions: ['camera'],
	launchOptions: {
		executablePath: findChromium(),
		args: [
			...CHROMIUM_ARGS,
			'--use-fake-device-for-media-stream',
			'--autoplay-policy=no-user-gesture-required',
			// Loopback WebRTC: no mDNS names for host candidates, and 127.0.0.1 is gathered.
			'--disable-features=WebRtcHideLocalIpsWithMdns',
			'--allow-loopback-in-peer-connection'
		]
	}
});

async function setUp(app: App, page: Page, did: DidStandin, llmUrl: string) {
	await app.open('/settings/ai');
	// The tiny voice comes from the test server, as the model mirror says.
	await page.getByLabel('CPU or WebGPU (ONNX)').check();
	await page.getByLabel('Model source').fill(new URL('__models/', page.url()).href);
	await page.getByRole('button', { name: 'Save source' }).click();
	await expect(app.toast('Model mirror saved.')).toBeVisible();
	await page.getByLabel('A local server').check();
	await page.getByLabel('Server address').fill(llmUrl);
	await page.getByLabel('Model name on the server').fill('tiny');
	await page.getByRole('button', { name: 'Save server' }).click();
	await expect(app.toast('Local server saved.')).toBeVisible();
	await page.getByLabel(/Voice model for every neural voice/).fill('kompanion-test/tiny-tts');
	await page.getByLabel('Show turn timings during calls').check();
	await page.getByRole('button', { name: 'Save voice settings' }).click();
	await expect(app.toast('Speech settings saved.')).toBeVisible();

	await app.open('/settings');
	await page.getByRole('link', { name: /Avatar/ }).click();
	await page.getByLabel('Use D-ID for the face and voice in calls').check();
	await page.getByLabel(/D-ID API key/).fill(did.apiKey);
	await page.getByLabel('Photo address').fill('https://example.test/lena.jpg');
	await page.getByText('Advanced').click();
	await page.getByLabel('D-ID API address').fill(did.url);
	await page.getByRole('button', { name: 'Save D-ID settings' }).click();
	// First use: what leaves the device, and to whom, before anything is saved.
	const notice = page.getByTestId('did-notice');
	await expect(notice).toContainText(/replies in a call, sentence by sentence, and the\s+photo/);
	await expect(notice).toContainText('api.d-id.com');
	await notice.getByRole('button', { name: 'I understand, turn D-ID on' }).click();
	await expect(app.toast('D-ID is on for calls.')).toBeVisible();
}

/** Frames the D-ID video element has shown (Chromium's decoded-frame count). */
const framesShown = (page: Page) => () =>
	page
		.getByTestId('did-video')
		.evaluate((v: HTMLVideoElement) => v.getVideoPlaybackQuality().totalVideoFrames);

test('a D-ID call shows its video, typing over it silences it, and every error status falls back to the local face with its message', async ({
	app,
	page,
	guard
}) => {
	test.setTimeout(90_000);
	// Chromium logs each refused request itself; the app's handling of them is what is tested.
	guard.allow(
		/Failed to load resource: the server responded with a status of (401|402|403|404|429)/
	);
	const did = await startDidStandin({ msPerWord: 300 });
	const llm = await startOpenAiServer({ models: ['tiny'], reply: () => REPLY, delayMs: 20 });
	try {
		await setUp(app, page, did, llm.url);
		await app.open('/');
		await app.card('Lena').getByRole('link', { name: 'Call' }).click();
		const call = page.getByTestId('call');
		const video = page.getByTestId('did-video');
		const face = call.locator('[data-face-source]');
		const notices = page.getByTestId('call-notices');

		await test.step('D-ID’s video replaces the face and shows frames', async () => {
			// The greeting is said by D-ID.
			await expect(video).toHaveAttribute('data-visible', 'true');
			await expect(face).toHaveAttribute('data-face-source', 'did');
			await expect.poll(framesShown(page)).toBeGreaterThan(5);
			expect(await video.evaluate((v: HTMLVideoElement) => [v.videoWidth, v.muted])).toEqual([
				160,
				false
			]);
			expect(did.talks[0]).toContain('Hallo!');
		});

		await test.step('typing over D-ID hides and mutes it at once; what was heard is kept', async () => {
			await page.getByLabel('Your message').fill('Erzähl mir von Berlin.');
			await page.getByRole('button', { name: 'Send', exact: true }).click();
			// D-ID cannot be interrupted: it is hidden until the greeting's last sentence it has is
			// rendered and the reply's first starts.
			await expect(video).toHaveAttribute('data-visible', 'false');
			expect(await video.evaluate((v: HTMLVideoElement) => v.muted)).toBe(true);
			await expect(face).toHaveAttribute('data-face-source', 'local');
			// The reply is written (a message typed while it is written is not sent) and D-ID says
			// its first sentence: typing over it keeps only what D-ID had started.
			await expect(app.messages('assistant').last()).toHaveAttribute('data-status', 'complete');
			await expect.poll(() => did.talks.includes(FIRST)).toBe(true);
			await expect(video).toHaveAttribute('data-visible', 'true');
			await page.getByLabel('Your message').fill('Warte kurz.');
			await page.getByRole('button', { name: 'Send', exact: true }).click();
			await expect(video).toHaveAttribute('data-visible', 'false');
			const cut = app.messages('assistant').and(page.locator('[data-status="interrupted"]'));
			await expect(cut.filter({ hasText: FIRST })).toHaveCount(1);
			await expect(cut.filter({ hasText: SECOND })).toHaveCount(0);
			await expect(notices).not.toContainText('D-ID');
		});

		/** Audio buffers the local voice has scheduled (the timings overlay). */
		const localAudio = async () => Number(await page.getByTestId('scheduled').textContent());
		const failures: [string, DidErrorStatus | 'expired', RegExp][] = [
			['401', 401, /refused the API key \(401\)/],
			['402', 402, /no credits left \(402\)/],
			['403', 403, /does not allow this key to stream avatars \(403\)/],
			['429', 429, /limiting requests right now \(429\)/],
			['an expired stream', 'expired', /D-ID stream has expired/]
		];
		let turn = 0;
		for (const [what, failure, message] of failures) {
			await test.step(`${what}: its message, and the local face and voice go on`, async () => {
				// D-ID is back (each reply tries it again) before it breaks.
				await expect(video).toHaveAttribute('data-visible', 'true');
				if (failure === 'expired') did.expireStreams();
				else did.fail('talk', failure);
				const before = await localAudio();
				await page.getByLabel('Your message').fill(`Frage ${++turn}`);
				await page.getByRole('button', { name: 'Send', exact: true }).click();
				await expect(notices).toContainText(message);
				await expect(face).toHaveAttribute('data-face-source', 'local');
				await expect(video).toHaveAttribute('data-visible', 'false');
				// The local voice says the reply (the first time, once its tiny model loaded).
				await expect.poll(localAudio, { timeout: 30_000 }).toBeGreaterThan(before);
				await expect(page.getByTestId('caption-companion')).toContainText(FIRST);
				did.fail('talk', null);
				await page.getByLabel('Your message').fill(`Noch einmal ${turn}`);
				await page.getByRole('button', { name: 'Send', exact: true }).click();
			});
		}
		await test.step('a connection that fails mid-reply: the local voice says the rest', async () => {
			await expect(video).toHaveAttribute('data-visible', 'true');
			const before = await localAudio();
			did.dropConnections();
			await expect(notices).toContainText(/video connection to D-ID failed/);
			await expect(face).toHaveAttribute('data-face-source', 'local');
			await expect.poll(localAudio).toBeGreaterThan(before);
		});
		await expect(notices).toContainText('The call continues with the local face and voice.');
		await page.getByRole('button', { name: 'End call' }).click();
		await expect.poll(() => did.openStreams()).toBe(0);
	} finally {
		await did.close();
		await llm.close();
	}
});
