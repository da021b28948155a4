import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { expect, type App } from './fixtures';

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
