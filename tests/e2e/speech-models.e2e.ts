import {
	LLM_ID,
	PIPER_FILE,
	PIPER_ID,
	PIPER_VOICE_PATH,
	WHISPER_TRANSCRIPTS
} from '../../scripts/tiny-models/index.mjs';
import { startModelMirror } from '../helpers/model-mirror.mjs';
import { fakeDevices, scheduledAudio } from './call-helpers';
import { expect, test } from './fixtures';

test.use(fakeDevices('de-anna.wav'));

// Whisper's encoder crawls on the mirror, so there is time to watch the download.
const slowEncoder = (path: string) => (path.endsWith('encoder_model.onnx') ? 3000 : 0);

test('speech recognition downloads in settings with progress, shows its size, deletes', async ({
	app,
	page
}) => {
	const mirror = await startModelMirror({ delayMs: slowEncoder });
	await app.useTinyModel(LLM_ID, mirror.url);
	await app.useTinySpeech();
	const panel = page.getByTestId('stt-download');
	await expect(panel).toContainText('kompanion-test/tiny-whisper');
	await expect(panel).toContainText('Not downloaded yet');

	await panel.getByRole('button', { name: 'Download now' }).click();
	await expect(panel).toHaveAttribute('data-status', 'loading');
	await expect(
		panel.getByRole('progressbar', { name: 'Speech recognition download' })
	).toBeVisible();
	await expect(panel).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
	await expect(panel.getByTestId('stt-stored')).toHaveText(
		/^\d+(\.\d)? KB on this device, loaded$/
	);

	// Stored across reloads, then deleted.
	await app.reload();
	await expect(panel.getByTestId('stt-stored')).toHaveText(/KB on this device$/);
	await panel.getByRole('button', { name: 'Delete files' }).click();
	await expect(app.toast('Deleted the speech recognition model from this device.')).toBeVisible();
	await expect(panel).toContainText('Not downloaded yet');
	await mirror.close();
});

test('the first call shows the speech models downloading, then listens', async ({ app, page }) => {
	const mirror = await startModelMirror({ delayMs: slowEncoder });
	const requested: string[] = [];
	page.context().on('request', (request) => requested.push(new URL(request.url()).pathname));
	await app.useTinyModel(LLM_ID, mirror.url);
	// Lena speaks German through a Piper voice (the tiny one): espeak-ng phonemes in the worker.
	await app.useTinySpeech({ voiceModel: PIPER_VOICE_PATH });
	await app.open('/');
	await app.card('Lena').getByRole('link', { name: 'Call' }).click();
	const loading = page.getByTestId('call-loading');
	await expect(
		loading.getByRole('progressbar', { name: 'Speech recognition download' })
	).toBeVisible();
	await expect(loading).toContainText('Loading speech recognition');
	await expect(loading).toHaveCount(0, { timeout: 30_000 });
	await expect(page.getByTestId('caption-person')).toContainText(WHISPER_TRANSCRIPTS.de.trim(), {
		timeout: 30_000
	});
	// The greeting was spoken by the Piper voice: its model and config from the mirror, espeak-ng's
	// data from the app itself, audio scheduled by the neural voice.
	const call = page.getByTestId('call');
	await expect(call).toHaveAttribute('data-voice', 'neural');
	await expect.poll(scheduledAudio(app)).toBeGreaterThan(0);
	const fromMirror = mirror.requests.map((request) => request.path);
	expect(fromMirror).toContain(`/${PIPER_ID}/${PIPER_FILE}`);
	expect(fromMirror).toContain(`/${PIPER_ID}/${PIPER_FILE}.json`);
	expect(requested).toContainEqual(
		expect.stringMatching(/\/runtime\/espeak-ng\/[^/]+\/espeak-ng\.data$/)
	);
	await page.getByRole('button', { name: 'End call' }).click();
	await mirror.close();
});
