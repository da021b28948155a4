import { LLM_DEFAULT_REPLY } from '../../scripts/tiny-models/index.mjs';
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
	// Each interrupted reply keeps what was heard of it: its first sentences, not the whole reply.
	// (On a busy machine the first reply may be cut before a word of it was heard; the looping WAV
	// cuts later replies too, so look for one that had begun.)
	const cut = app
		.messages('assistant')
		.and(page.locator('[data-status="interrupted"]'))
		.filter({ hasText: 'Hallo!' })
		.first();
	await expect(cut).toBeVisible();
	await expect(cut).not.toContainText(LLM_DEFAULT_REPLY.slice(-40));
	await expect.poll(() => app.messages('user').count()).toBeGreaterThanOrEqual(2);
});
