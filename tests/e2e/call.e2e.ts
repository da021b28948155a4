import { LLM_DEFAULT_REPLY, WHISPER_TRANSCRIPTS } from '../../scripts/tiny-models/index.mjs';
import { textWords } from '../../src/lib/avatar/visemes/graphemes';
import { MODELS_READY_MS, callFromCard, callTests, scheduledAudio } from './call-helpers';
import { expect, test } from './fixtures';

// Real Silero VAD, and the tiny generated Whisper, LLM and voice, through the app's own workers.
// The utterance comes again after 12 s: time for the reply to be said before the next turn.
callTests('de-anna-slow.wav');

/** Lena's greeting (presets.ts), said before the reply. */
const LENA_GREETING = 'Hallo! Ich bin Lena aus Berlin. Schön, dass du da bist! Wie heißt du?';

test('an utterance is heard, understood, answered aloud and saved', async ({ app, page }) => {
	await callFromCard(app, 'Lena');
	// Whether the face's mouth ever opened: on a busy machine the next utterance may already have
	// cut the reply (and closed the mouth) by the time the captions are checked.
	// And the visemes it showed, in order (consecutive repeats and closed lips left out).
	await page.evaluate(() => {
		const seen = window as unknown as { mouthOpened?: boolean; visemes: string[] };
		seen.visemes = [];
		new MutationObserver(() => {
			const face = document.querySelector<HTMLElement>('[data-testid="companion-face"]');
			if (face?.dataset.mouth === 'open') seen.mouthOpened = true;
			const viseme = face?.dataset.viseme;
			if (viseme && viseme !== 'sil' && viseme !== seen.visemes.at(-1)) seen.visemes.push(viseme);
		}).observe(document.body, {
			attributes: true,
			childList: true,
			subtree: true,
			attributeFilter: ['data-mouth', 'data-viseme']
		});
	});
	await expect(page.getByTestId('self-view')).toBeVisible();
	await expect(page.getByTestId('call-timer')).toHaveText(/^0:0\d$/);

	await expect(page.getByTestId('caption-person')).toContainText(WHISPER_TRANSCRIPTS.de.trim(), {
		timeout: MODELS_READY_MS
	});
	await expect(page.getByTestId('caption-companion')).toContainText(
		'Hallo! Schön, dich zu sehen.',
		{ timeout: MODELS_READY_MS }
	);
	// The greeting and the reply's sentences were turned into audio and scheduled.
	await expect.poll(scheduledAudio(app)).toBeGreaterThan(2);
	await expect
		.poll(() => page.evaluate(() => (window as { mouthOpened?: boolean }).mouthOpened))
		.toBe(true);
	// The mouth said the greeting and the reply's visemes in their order: what it showed is a
	// subsequence of them (a frame may skip a short viseme; barge-in may cut a sentence).
	const expected = textWords(`${LENA_GREETING} ${LLM_DEFAULT_REPLY}`, 'de')
		.flatMap((word) => word.visemes)
		.filter((viseme, i, all) => viseme !== all[i - 1]);
	const shownVisemes = () =>
		page.evaluate(() => (window as unknown as { visemes: string[] }).visemes);
	await expect.poll(async () => (await shownVisemes()).length).toBeGreaterThan(15);
	const shown = await shownVisemes();
	let next = 0;
	for (const viseme of shown) {
		while (next < expected.length && expected[next] !== viseme) next++;
		expect(next, `${shown.join(' ')} in order within ${expected.join(' ')}`).toBeLessThan(
			expected.length
		);
		next++;
	}
	const turn = page.getByTestId('turn-row').first();
	await expect(turn).toBeVisible({ timeout: MODELS_READY_MS });
	await expect(turn.locator('td').nth(2)).toHaveText(/^\d+$/); // end of turn → transcript

	await page.getByRole('button', { name: 'End call' }).click();
	await expect(page).toHaveURL(/#\/companions\/preset-lena\/chat\/[\w-]+$/);
	const messages = app.messages();
	await expect(messages.nth(0)).toContainText('Hallo! Ich bin Lena aus Berlin.');
	await expect(messages.nth(1)).toContainText(WHISPER_TRANSCRIPTS.de.trim());
	// Should the looping WAV come again before the reply was said to the end, the reply is cut
	// there (barge-in) and the saved reply is what was heard: it starts with the first sentence.
	await expect(messages.nth(2)).toContainText(LLM_DEFAULT_REPLY.split('!')[0]);
	await expect(messages.nth(2).getByTestId('metrics')).toBeVisible();
});

test('the call opens over the chat and lands in the same conversation', async ({ app, page }) => {
	await app.useTinyModel();
	await app.useTinySpeech({ debug: false });
	await app.openChat('Lena');
	await app.send('Ich tippe zuerst.');
	await expect(app.messages('assistant').last()).toHaveAttribute('data-status', 'complete', {
		timeout: MODELS_READY_MS
	});
	const address = page.url();
	await page.getByRole('button', { name: 'Call', exact: true }).click();
	const overlay = page.getByRole('dialog', { name: 'Call with Lena' });
	await expect(overlay.getByTestId('call')).toBeVisible();
	await overlay.getByLabel('Your message').fill('Und jetzt im Anruf.');
	await overlay.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(overlay.getByTestId('caption-companion')).toContainText('Hallo! Schön', {
		timeout: MODELS_READY_MS
	});
	await overlay.getByRole('button', { name: 'End call' }).click();
	await expect(overlay).toHaveCount(0);
	expect(page.url()).toBe(address);
	// The chat now holds what was typed before the call and during it (and maybe what was said).
	await expect(app.messages('user').nth(0)).toContainText('Ich tippe zuerst.');
	await expect(app.messages('user').nth(1)).toContainText('Und jetzt im Anruf.');
});

test('leaving the page mid-call stops the camera and the microphone', async ({ app, page }) => {
	await page.addInitScript(() => {
		const streams: MediaStream[] = ((window as unknown as { __streams: MediaStream[] }).__streams =
			[]);
		const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
		navigator.mediaDevices.getUserMedia = async (constraints) => {
			const stream = await original(constraints);
			streams.push(stream);
			return stream;
		};
	});
	await callFromCard(app, 'Lena');
	await expect(page.getByTestId('self-view')).toBeVisible();
	const live = () =>
		page.evaluate(
			() =>
				(window as unknown as { __streams: MediaStream[] }).__streams
					.flatMap((s) => s.getTracks())
					.filter((t) => t.readyState === 'live').length
		);
	expect(await live()).toBe(2);
	await page.getByRole('link', { name: 'Companions' }).click();
	await expect(app.cards()).toHaveCount(2);
	await expect.poll(live).toBe(0);
});

test('missing speech models end in clear messages and a call you can still type in', async ({
	app,
	page
}) => {
	await app.useTinyModel();
	await app.open('/settings/ai');
	await page.getByLabel('Whisper model id').fill('kompanion-test/no-such-whisper');
	await page.getByLabel(/Voice model for every neural voice/).fill('kompanion-test/no-such-voice');
	await page.getByRole('button', { name: 'Save voice settings' }).click();
	await app.open('/');
	await app.card('Lena').getByRole('link', { name: 'Call' }).click();
	const notices = page.getByTestId('call-notices');
	await expect(notices).toContainText('Speech recognition is not available');
	await expect(notices).toContainText('You can still type.');
	await expect(notices).toContainText('The companion’s voice could not load');
	await page.getByLabel('Your message').fill('Hallo?');
	await page.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(page.getByTestId('caption-companion')).toContainText('Hallo! Schön', {
		timeout: MODELS_READY_MS
	});
});
