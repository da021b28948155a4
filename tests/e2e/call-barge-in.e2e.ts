import { LLM_DEFAULT_REPLY } from '../../scripts/tiny-models/index.mjs';
import { callFromCard, fakeDevices } from './call-helpers';
import { expect, test } from './fixtures';

test.use(fakeDevices('de-barge-in.wav'));

test('speaking over the companion stops it; the partial reply is kept and the new utterance answered', async ({
	app,
	page
}) => {
	test.setTimeout(150_000);
	await callFromCard(app, 'Lena');
	// The looping WAV speaks again while each reply is being said: 12 s after the first utterance
	// (late in the ~16 s reply), then ~4.5 s after the second (early in the next reply), and so on.
	const bargeIns = page.getByTestId('barge-in').filter({ hasText: /^\d+$/ });
	await expect.poll(() => bargeIns.count(), { timeout: 100_000 }).toBeGreaterThanOrEqual(3);
	await expect(page.getByTestId('call-status')).toContainText(
		/Hearing you|Understanding|Thinking|Speaking/
	);
	await page.getByRole('button', { name: 'End call' }).click();

	// Each interrupted reply keeps what was heard of it: whole sentences from its start, never
	// more than was said. (How much depends on the machine's speed: a reply cut late may have
	// begun every sentence, one cut before its audio started keeps nothing.)
	const interrupted = app.messages('assistant').and(page.locator('[data-status="interrupted"]'));
	await expect.poll(() => interrupted.count()).toBeGreaterThanOrEqual(3);
	for (const kept of await interrupted.locator('.markdown').allInnerTexts()) {
		const text = kept.trim();
		expect(LLM_DEFAULT_REPLY.startsWith(text), text).toBe(true);
		expect(text === '' || /[.!?,]$/.test(text), text).toBe(true);
	}
	// And a reply cut early kept its beginning only.
	await expect(
		interrupted
			.filter({ hasText: 'Hallo!' })
			.filter({ hasNotText: LLM_DEFAULT_REPLY.slice(-40) })
			.first()
	).toBeVisible();
	await expect.poll(() => app.messages('user').count()).toBeGreaterThanOrEqual(2);
});
