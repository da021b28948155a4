import { afterAll, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import SpeechPanel from '$lib/components/settings/SpeechPanel.svelte';
import { db, repos } from '$lib/db';
import { SETTINGS } from '$lib/db/settings';
import { settings } from '$lib/settings';

afterAll(async () => {
	settings.reset();
	await db.delete();
});

describe('SpeechPanel', () => {
	it('offers the schema’s range for the end-of-turn pause and saves the form at once', async () => {
		// Beyond the slider's old maximum (1200 ms), within the schema's.
		await repos.settings.set('speech.silenceMs', 1500);
		render(SpeechPanel);

		const slider = page.getByLabelText(/Pause that ends your turn/);
		const { min, max, step } = SETTINGS['speech.silenceMs'].range;
		await expect.element(slider).toHaveAttribute('min', String(min));
		await expect.element(slider).toHaveAttribute('max', String(max));
		await expect.element(slider).toHaveAttribute('step', String(step));
		await expect.element(slider).toHaveValue(String(1500));

		await page.getByLabelText('Whisper model id').fill('  onnx-community/whisper-small  ');
		await page.getByRole('button', { name: 'Save voice settings' }).click();
		// Saved trimmed, and the store holds it (the toast is the app's, not rendered here).
		await expect.poll(() => settings.get('speech.sttModel')).toBe('onnx-community/whisper-small');
		expect(
			await repos.settings.getMany(['speech.sttModel', 'speech.silenceMs', 'call.debug'])
		).toEqual({
			'speech.sttModel': 'onnx-community/whisper-small',
			'speech.silenceMs': 1500,
			'call.debug': false
		});
	});
});
