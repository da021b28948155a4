import { WHISPER_TRANSCRIPTS } from '../../scripts/tiny-models/index.mjs';
import { callFromCard, fakeDevices } from './call-helpers';
import { expect, test } from './fixtures';

test.use(fakeDevices('en-anna.wav'));

test('speech is recognised in the companion’s language', async ({ app, page }) => {
	await callFromCard(app, 'Sam');
	await expect(page.getByTestId('caption-person')).toContainText(WHISPER_TRANSCRIPTS.en.trim(), {
		timeout: 30_000
	});
	await expect(page.getByTestId('caption-companion')).not.toBeEmpty({ timeout: 30_000 });
});
