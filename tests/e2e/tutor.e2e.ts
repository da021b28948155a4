import { LLM_LEARNER_SENTENCE } from '../../scripts/tiny-models/index.mjs';
import { expect, test } from './fixtures';
import { exportBackup, expectRoundTrip, tablesOf } from './backup';

/** The tutor's tables, as a backup holds them. */
const TUTOR_TABLES = ['corrections', 'levelSamples', 'scenarioRuns', 'vocabulary'].map(
	(name) => `tables/${name}.json`
);

test('a role-play in chat: goals tick, mistakes get correction cards from both layers, the recap makes review cards, progress draws; offline and through a backup', async ({
	app,
	page,
	context,
	browser
}) => {
	test.setTimeout(120_000);
	await app.useTinyModel();
	await app.waitForOfflineReady();
	await app.open('/companions/preset-lena/chat?scenario=de-baeckerei');
	const panel = page.getByTestId('scenario-panel');
	await expect(panel).toHaveAttribute('data-status', 'active');
	await expect(panel.getByRole('heading', { name: 'In der Bäckerei' })).toBeVisible();

	// A goal ticks by keyword as soon as the learner says it.
	await app.send('Ich möchte zwei Brötchen, bitte.');
	await expect(panel.locator('[data-goal="order"] input')).toBeChecked();
	await expect(app.messages('assistant').last()).toHaveAttribute('data-status', 'complete', {
		timeout: 30_000
	});

	// The mistakes: the rules' card at once, the LLM pass's change after the reply.
	await app.send(LLM_LEARNER_SENTENCE);
	const card = app.messages('user').last().getByTestId('correction-card');
	const edit = (category: string, layer: string) =>
		card.locator(
			`[data-testid="correction-edit"][data-category="${category}"][data-layer="${layer}"]`
		);
	// The first check may still wait for the dictionary, loaded as the chat opened.
	await expect(edit('verb-position', 'rules')).toContainText('habe ich', { timeout: 30_000 });
	await expect(edit('case', 'rules')).toContainText('meiner');
	await expect(edit('word-choice', 'llm')).toContainText('getroffen', { timeout: 30_000 });
	// The LLM's own verb-position change gave way to the rules'; its misspelling was dropped.
	await expect(card.getByTestId('correction-edit')).toHaveCount(3);
	await expect(card).not.toContainText('Freundinn');
	// Word by word: "ich" moves behind "habe"; "meine" and "gemacht" are replaced.
	await expect(card.getByTestId('correction-diff').locator('ins')).toContainText([
		'ich',
		'meiner',
		'getroffen'
	]);
	await expect(card.getByTestId('correction-diff').locator('del')).toContainText([
		'ich',
		'meine',
		'gemacht'
	]);
	await card.getByRole('button', { name: 'Warum?' }).click();
	await expect(edit('word-choice', 'llm').getByTestId('correction-why')).toContainText(
		'eine Entscheidung treffen'
	);

	// The recap: goals, the mistakes by kind with the corrected sentence, a card per change.
	await panel.getByRole('button', { name: 'Finish and recap' }).click();
	const recap = page.getByTestId('scenario-recap');
	await expect(recap).toContainText('Goals met: 1 of 3');
	await expect(recap).toContainText('Word choice (1)');
	await expect(recap).toContainText(
		'Gestern habe ich mit meiner Freundin eine Entscheidung getroffen.'
	);
	// A card per change, and one for the scene's word that came up ("Brötchen").
	await expect(recap).toContainText('das Brötchen');
	await expect(recap).toContainText('4 review cards made from this scenario');

	// Offline, a reload keeps the card and the recap.
	const chat = page.url();
	await context.setOffline(true);
	await app.reload();
	await expect(app.messages('user').last().getByTestId('correction-edit')).toHaveCount(3);
	await expect(page.getByTestId('scenario-recap')).toContainText('Goals met: 1 of 3');
	await context.setOffline(false);

	// The progress page draws its plots from what just happened.
	await page.getByRole('link', { name: 'Progress' }).click();
	for (const plot of ['due', 'words', 'mistakes', 'level', 'minutes'])
		await expect(page.getByTestId(`plot-${plot}`)).toHaveAttribute('data-drawn', 'true');
	await expect(page.getByTestId('plot-mistakes')).toContainText('Word choice: 1');
	await expect(page.getByTestId('plot-due')).toContainText('4 today');
	expect(chat).toContain('/chat/');

	// A backup carries the tutor's data to another device unchanged.
	await app.open('/settings');
	const backup = await exportBackup(page);
	const tables = tablesOf(backup);
	for (const name of TUTOR_TABLES)
		expect((tables[name] as unknown[]).length, name).toBeGreaterThan(0);
	await expectRoundTrip(browser, backup, TUTOR_TABLES);
});
