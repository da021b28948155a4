import { callFromCard, fakeDevices } from './call-helpers';
import { expect, test } from './fixtures';

test.use(fakeDevices('de-barge-in.wav'));

test('speaking over the companion stops it; the partial reply is kept and the new utterance answered', async ({
	app,
	page
}) => {
	test.setTimeout(90_000);
	await callFromCard(app, 'Lena');
	// The reply takes ~16 s to speak; the WAV says something again 12 s after the first utterance.
	const bargeIn = page.getByTestId('barge-in').filter({ hasText: /^\d+$/ }).first();
	await expect(bargeIn).toBeVisible({ timeout: 60_000 });
	await expect(page.getByTestId('call-status')).toContainText(
		/Hearing you|Understanding|Thinking|Speaking/
	);
	await expect(page.getByTestId('turn-row')).toHaveCount(2, { timeout: 30_000 });

	await page.getByRole('button', { name: 'End call' }).click();
	const replies = app.messages('assistant');
	await expect(replies.nth(1)).toHaveAttribute('data-status', 'interrupted');
	await expect(replies.nth(1)).toContainText('Hallo!');
	await expect.poll(() => app.messages('user').count()).toBeGreaterThanOrEqual(2);
});
