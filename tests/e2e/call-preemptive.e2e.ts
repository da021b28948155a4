import { MODELS_READY_MS, callTests } from './call-helpers';
import { expect, test } from './fixtures';

// Preemptive replies with the real Silero VAD and the tiny Whisper, LLM and voice (streaming
// recognition stays automatic, so off on this CPU: the tiny Whisper hears every piece as the whole
// sentence, which would force a final pass each time; tests/unit/call covers it). The fixture says "Hallo, ich heiße Anna.", pauses 1.5 s and goes on with "Ich wohne
// in Hamburg.": with a 2 s end-of-turn silence the pause is not the end of the turn, but it is
// longer than the call's 200 ms pause, so a reply starts on the first half and must be dropped.
callTests('de-pause.wav');

interface CaptionChange {
	at: number;
	text: string;
}

test('a reply begun in a pause is dropped unheard when speech resumes; the whole utterance is answered once', async ({
	app,
	page
}) => {
	await app.useTinyModel();
	await app.useTinySpeech();
	await page.getByLabel(/Pause that ends your turn/).fill('2000');
	await expect(page.getByLabel('Start the answer while you pause')).toBeChecked();
	await page.getByRole('button', { name: 'Save voice settings' }).click();
	await expect(app.toast('Speech settings saved.')).toBeVisible();
	await app.open('/');
	await app.card('Lena').getByRole('link', { name: 'Call' }).click();
	await expect(page.getByTestId('call')).toBeVisible();
	// Every change of the companion's caption, on the call's clock.
	await page.evaluate(() => {
		const seen = window as unknown as { captions: CaptionChange[] };
		seen.captions = [];
		new MutationObserver(() => {
			const text = document.querySelector('[data-testid="caption-companion"]')?.textContent ?? '';
			if (text !== seen.captions.at(-1)?.text)
				seen.captions.push({ at: performance.timeOrigin + performance.now(), text });
		}).observe(document.body, { childList: true, characterData: true, subtree: true });
	});

	// A preemptive reply being generated, discarded when the person went on. (While the models
	// still load, an early try may be discarded while its words are still being recognised; the
	// looping fixture says it again.)
	const discarded = page.locator(
		'[data-testid="call-event"][data-type="preemptive-discarded"][data-stage="replying"]'
	);
	await expect(discarded.first()).toBeAttached({ timeout: MODELS_READY_MS });
	const discardedAt = Number(await discarded.first().getAttribute('data-at'));
	const startedAt = Math.max(
		...(
			await page
				.locator('[data-testid="call-event"][data-type="preemptive-started"]')
				.evaluateAll((events) => events.map((e) => Number((e as HTMLElement).dataset.at)))
		).filter((at) => at < discardedAt)
	);

	// The whole utterance is answered: a turn whose speech ended after the discard (the second
	// half), once.
	const answered = page.locator('[data-testid="turn-row"][data-speech-end]');
	await expect
		.poll(
			async () =>
				(
					await answered.evaluateAll((rows) =>
						rows.map((r) => Number((r as HTMLElement).dataset.speechEnd))
					)
				).filter((end) => end > discardedAt).length,
			{ timeout: 60_000 }
		)
		.toBe(1);
	await expect(page.getByTestId('caption-companion')).toBeVisible();

	// Nothing of the dropped reply was shown while it was being generated.
	const captions = await page.evaluate(
		() => (window as unknown as { captions: CaptionChange[] }).captions
	);
	expect(captions.filter((c) => c.at >= startedAt && c.at <= discardedAt)).toEqual([]);

	// History (what memory, corrections and recordings work from): each voice turn answered by one
	// reply, nothing saved of the dropped one, every turn the overlay counted and no other.
	const turns = await answered.count();
	await page.getByRole('button', { name: 'End call' }).click();
	await expect.poll(() => app.messages('user').count()).toBeGreaterThanOrEqual(turns);
	const roles = await app
		.messages()
		.evaluateAll((all) => all.map((m) => (m as HTMLElement).dataset.role));
	expect(roles[0]).toBe('assistant'); // the greeting
	expect(roles.slice(1)).toEqual(roles.slice(1).map((_, i) => (i % 2 ? 'assistant' : 'user')));
	expect(roles.filter((r) => r === 'user')).toHaveLength(turns);
});
