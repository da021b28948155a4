import { KOKORO_ID } from '../../scripts/tiny-models/index.mjs';
import { MODELS_READY_MS, callTests, scheduledAudio } from './call-helpers';
import { expect, test } from './fixtures';

callTests('en-anna.wav');

/** Where kokoro-js looks for a voice in Cache Storage; the worker seeds it from the app's copy. */
const HUB_VOICE =
	'https://huggingface.co/onnx-community/Kokoro-82M-v1.0-ONNX/resolve/main/voices/af_heart.bin';

test('Sam speaks through Kokoro: phonemizer, the app’s style vectors, the Kokoro model', async ({
	app,
	page
}) => {
	const requested: string[] = [];
	page.context().on('request', (request) => requested.push(new URL(request.url()).pathname));
	await app.useTinyModel();
	await app.useTinySpeech({ voiceModel: KOKORO_ID });
	await app.open('/');
	await app.card('Sam').getByRole('link', { name: 'Call' }).click();
	const call = page.getByTestId('call');
	await expect(call).toBeVisible();

	// Sam's greeting (and later the reply) was phonemised, synthesised by the neural voice in its
	// worker and scheduled; only the neural voice schedules audio buffers.
	await expect.poll(scheduledAudio(app), { timeout: MODELS_READY_MS }).toBeGreaterThan(0);
	await expect(call).toHaveAttribute('data-voice', 'neural');

	// The tiny Kokoro came from the mirror under the file name dtype q8 asks for, the style vectors
	// from the app itself (the fixtures fail the test on any request to huggingface.co).
	expect(requested).toContain(`/__models/${KOKORO_ID}/onnx/model_quantized.onnx`);
	expect(requested).toContain(`/__models/${KOKORO_ID}/tokenizer.json`);
	expect(requested).toContainEqual(
		expect.stringMatching(/\/runtime\/voices\/kokoro\/af_heart\.bin$/)
	);
	// kokoro-js read them from the cache entry the worker seeded: 510 rows of 256 floats.
	const seeded = await page.evaluate(async (key) => {
		const response = await (await caches.open('kokoro-voices')).match(key);
		return response ? (await response.arrayBuffer()).byteLength : null;
	}, HUB_VOICE);
	expect(seeded).toBe(510 * 256 * 4);
});
