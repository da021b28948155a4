import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import type { Page } from '@playwright/test';
import { expect, test, type App } from './fixtures';

/**
 * Launch options for calls with Chromium's fake devices: the microphone plays a WAV from
 * tests/fixtures/audio (looping), the camera shows a test pattern. Without `autoAllow`, camera
 * and microphone need the context's permissions.
 */
export function fakeDevices(wav: string, { autoAllow = true } = {}) {
	return {
		launchOptions: {
			executablePath: findChromium(),
			args: [
				...CHROMIUM_ARGS,
				...(autoAllow ? ['--use-fake-ui-for-media-stream'] : []),
				'--use-fake-device-for-media-stream',
				`--use-file-for-fake-audio-capture=tests/fixtures/audio/${wav}`,
				'--autoplay-policy=no-user-gesture-required'
			]
		}
	};
}

/**
 * How long a call test waits for something that needs every model loaded (the first caption, the
 * first reply). Loading Whisper, the voice, the VAD and the LLM at once took 15–40 s on the 2-core
 * CI machine, and the looping fixture speaks only every 15 s: a first utterance heard while the VAD
 * was still loading waits for the next one. A state to wait for, not a figure: see bench/ for those.
 */
export const MODELS_READY_MS = 75_000;

/**
 * A file of call tests: Chromium's fake devices playing `wav`, and a test timeout with room for the
 * models to load (MODELS_READY_MS) and then for the turn itself. Call at the top of the file.
 */
export function callTests(wav: string, options?: { autoAllow?: boolean }) {
	test.describe.configure({ timeout: 150_000 });
	test.use(fakeDevices(wav, options));
}

/** Tiny models for everything, then a call from the companion's card. */
export async function callFromCard(app: App, name: string) {
	await app.useTinyModel();
	await app.useTinySpeech();
	await app.open('/');
	await app.card(name).getByRole('link', { name: 'Call' }).click();
	await expect(app.page.getByTestId('call')).toBeVisible();
}

/** How many audio buffers the call has scheduled (from the timings overlay). */
export const scheduledAudio = (app: App) => async () =>
	Number(await app.page.getByTestId('scheduled').textContent());

/** How long the recording has run, read from its indicator ("Recording · 1:05"), in seconds. */
export async function recordedSeconds(page: Page): Promise<number> {
	const text = (await page.getByTestId('recording-indicator').textContent()) ?? '';
	const [, m, s] = /(\d+):(\d\d)/.exec(text) ?? [];
	return Number(m) * 60 + Number(s);
}
