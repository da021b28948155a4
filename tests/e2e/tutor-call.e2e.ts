import { LLM_LEARNER_SENTENCE, WHISPER_LEARNER_ID } from '../../scripts/tiny-models/index.mjs';
import { MODELS_READY_MS, callTests } from './call-helpers';
import { expect, test } from './fixtures';

// A learner with mistakes: the tiny Whisper variant hears any German as the learner sentence.
callTests('de-anna-slow.wav');

test('a role-play started as a call shows its goals, and the caption gets its correction card', async ({
	app,
	page
}) => {
	await app.useTinyModel();
	await app.useTinySpeech({ whisperModel: WHISPER_LEARNER_ID, debug: false });
	await app.open('/companions/preset-lena/call?scenario=de-baeckerei');
	const call = page.getByTestId('call');
	await expect(call.getByTestId('scenario-panel')).toHaveAttribute('data-status', 'active');
	await expect(call.getByTestId('goals-panel')).toContainText('0 of 3');

	await expect(call.getByTestId('caption-person')).toContainText(LLM_LEARNER_SENTENCE, {
		timeout: MODELS_READY_MS
	});
	const card = call.getByTestId('correction-card').first();
	await expect(card.locator('[data-category="verb-position"]')).toBeVisible({ timeout: 30_000 });
	// Spoken input is not held to what speech cannot carry.
	await expect(
		card.locator('[data-category="comma"], [data-category="capitalisation"]')
	).toHaveCount(0);

	await page.getByRole('button', { name: 'End call' }).click();
	await expect(page).toHaveURL(/#\/companions\/preset-lena\/chat\/[\w-]+$/);
	// The call's conversation keeps the card beside the spoken message, and the role-play.
	const spoken = app.messages('user').first();
	await expect(spoken).toContainText(LLM_LEARNER_SENTENCE);
	await expect(spoken.getByTestId('correction-card')).toBeVisible();
	await expect(page.getByTestId('scenario-panel')).toHaveAttribute('data-status', 'active');
});
