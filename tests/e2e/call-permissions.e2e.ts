import { WHISPER_TRANSCRIPTS } from '../../scripts/tiny-models/index.mjs';
import { MODELS_READY_MS, callFromCard, callTests, scheduledAudio } from './call-helpers';
import { expect, test } from './fixtures';

// No automatic permission prompt: each test grants only one of camera and microphone.
callTests('de-anna.wav', { autoAllow: false });

test.describe('camera denied', () => {
	test.use({ permissions: ['microphone'] });

	test('the call goes on with audio only, says why and offers to try again', async ({
		app,
		page
	}) => {
		await callFromCard(app, 'Lena');
		await expect(page.getByTestId('camera-error')).toContainText(
			'Kompanion may not use the camera.'
		);
		await expect(page.getByTestId('camera-error')).toContainText(
			'The call continues with audio only.'
		);
		await expect(page.getByTestId('self-view-off')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
		await expect(page.getByTestId('caption-person')).toContainText(WHISPER_TRANSCRIPTS.de.trim(), {
			timeout: MODELS_READY_MS
		});
	});
});

test.describe('microphone denied', () => {
	test.use({ permissions: ['camera'] });

	test('the call becomes a text call: typing is answered aloud', async ({ app, page }) => {
		await callFromCard(app, 'Lena');
		await expect(page.getByTestId('mic-error')).toContainText(
			'Kompanion may not use the microphone.'
		);
		await expect(page.getByTestId('call-notices')).toContainText('this is a text call');
		await expect(page.getByRole('button', { name: 'Mute' })).toBeDisabled();
		await page.getByLabel('Your message').fill('Hallo Lena!');
		await page.getByRole('button', { name: 'Send', exact: true }).click();
		await expect(page.getByTestId('caption-companion')).toContainText('Hallo! Schön', {
			timeout: MODELS_READY_MS
		});
		await expect.poll(scheduledAudio(app)).toBeGreaterThan(1);
	});
});
