import { WHISPER_TRANSCRIPTS } from '../../scripts/tiny-models/index.mjs';
import { MODELS_READY_MS, callFromCard, callTests } from './call-helpers';
import { expect, test } from './fixtures';

callTests('en-anna.wav');

test('speech is recognised in the companion’s language', async ({ app, page }) => {
	await callFromCard(app, 'Sam');
	await expect(page.getByTestId('caption-person')).toContainText(WHISPER_TRANSCRIPTS.en.trim(), {
		timeout: MODELS_READY_MS
	});
	await expect(page.getByTestId('caption-companion')).not.toBeEmpty({ timeout: MODELS_READY_MS });
});
