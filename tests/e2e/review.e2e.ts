import { expect, test, type App } from './fixtures';

// A review sitting as a person has it: a word added by hand, a typed answer without umlaut keys,
// a rating that reschedules the card, undo, and the state kept through an offline reload.

test('review: add a card, answer with “oe”, rate, undo, and keep it offline', async ({
	app,
	page,
	context
}) => {
	await app.open('/review');
	await expect(page.getByRole('heading', { level: 1, name: 'Review' })).toBeVisible();
	await expect(
		page.getByRole('heading', {
			name: 'No cards due — make cards from your corrections or add a word'
		})
	).toBeVisible();

	// The form says what is missing and keeps what was typed.
	await page.getByLabel('Word or phrase').fill('Brötchen');
	await page.getByLabel('Article (nouns)').selectOption('das');
	await page.getByRole('button', { name: 'Add card' }).click();
	await expect(page.getByText('Write the plural too')).toBeVisible();
	await expect(page.getByLabel('Word or phrase')).toHaveValue('Brötchen');
	await page.getByLabel('Plural').fill('Brötchen');
	await page.getByLabel('Meaning').fill('bread roll');
	await page.getByLabel('Example sentence').fill('Ich kaufe ein Brötchen beim Bäcker.');
	await page.getByRole('button', { name: 'Add card' }).click();
	await expect(app.toast('“Brötchen” was added to your cards.')).toBeVisible();

	const due = page.getByTestId('due-count');
	await expect(due).toContainText('1 card to review now');
	// The home screen counts it too, and leads back here.
	await app.open('/');
	await expect(page.getByTestId('home-due')).toContainText('1 card due');
	await page.getByTestId('home-due').click();
	await expect(due).toContainText('1 card to review now');

	const card = page.getByTestId('flashcard');
	await expect(card).toContainText('Ich kaufe ein');
	await expect(card).toContainText('bread roll');
	await page.getByLabel('Your answer').fill('das Broetchen');
	await page.getByLabel('Your answer').press('Enter');
	await expect(card.getByTestId('verdict')).toContainText('Richtig — geschrieben: das Brötchen');
	await expect(card.getByTestId('answer')).toHaveText('das Brötchen, Plural: Brötchen');
	const good = card.getByRole('button', { name: /^Good/ });
	await expect(good).toContainText('10 min');
	await expect(card.getByRole('button', { name: /^Again/ })).toContainText('1 min');
	// The suggested rating has the focus; the key 3 rates Good.
	await expect(good).toBeFocused();
	await page.keyboard.press('3');

	await expect(due).toContainText('0 cards to review now');
	await expect(page.getByText('The next card is due in 10 minutes.')).toBeVisible();
	await expect(page.getByTestId('vocabulary-card')).toContainText('due in 10 minutes');

	// Undo brings the card back exactly as it was: new, due now.
	await page.getByRole('button', { name: 'Undo last review' }).click();
	await expect(app.toast('The review of “Brötchen” was undone.')).toBeVisible();
	await expect(due).toContainText('1 card to review now');
	await expect(page.getByTestId('vocabulary-card')).toContainText('new');
	await expect(card.getByLabel('Your answer')).toHaveValue('');

	// A wrong answer suggests Again; rate Good by hand anyway.
	await page.getByLabel('Your answer').fill('das Brot');
	await page.getByRole('button', { name: 'Check' }).click();
	await expect(card.getByTestId('verdict')).toContainText('Gesucht war: das Brötchen');
	await expect(card.getByRole('button', { name: /^Again/ })).toBeFocused();
	await good.click();
	await expect(due).toContainText('0 cards to review now');

	// Offline, after a reload: the schedule and the undo are still there.
	await app.waitForOfflineReady();
	await context.setOffline(true);
	await app.reload();
	await expect(due).toContainText('0 cards to review now · 1 in your deck');
	await expect(page.getByTestId('vocabulary-card')).toContainText('due in 10 minutes');
	await expect(page.getByRole('button', { name: 'Undo last review' })).toBeEnabled();
});

/** Adds a word through the review screen's form. */
async function addWord(app: App, term: string, meaning: string) {
	const page = app.page;
	await page.getByLabel('Word or phrase').fill(term);
	await page.getByLabel('Meaning').fill(meaning);
	await page.getByRole('button', { name: 'Add card' }).click();
	await expect(app.toast(`“${term}” was added to your cards.`)).toBeVisible();
}

test('review: the daily limit holds new cards back and says so', async ({ app, page }) => {
	await app.open('/review');
	await addWord(app, 'grüßen', 'to greet');
	await expect(page.getByTestId('due-count')).toContainText('1 card to review now');
	await page.getByText('Daily limits').click();
	await page.getByLabel('New cards a day').fill('500');
	await page.getByRole('button', { name: 'Save limits' }).click();
	await expect(
		page.getByText('New cards a day is a whole number of cards from 0 to 200.')
	).toBeVisible();
	await page.getByLabel('New cards a day').fill('0');
	await page.getByRole('button', { name: 'Save limits' }).click();
	await expect(app.toast('Daily limits saved.')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Daily limit reached' })).toBeVisible();
	await expect(page.getByText('One more card is due')).toBeVisible();
	await expect(page.getByTestId('due-count')).toContainText('0 cards to review now');
	await app.open('/');
	await expect(page.getByTestId('home-due')).toContainText('No cards due');
});

test('review: Listen reads the card in the companion’s neural voice', async ({ app, page }) => {
	// The tiny generated voice from the test server, as the call tests use it.
	await app.open('/settings/ai');
	await page.getByLabel('Model source').fill(new URL('__models/', page.url()).href);
	await page.getByRole('button', { name: 'Save source' }).click();
	await expect(app.toast('Model mirror saved.')).toBeVisible();
	await app.useTinySpeech({ debug: false });

	await app.open('/review');
	await addWord(app, 'Bäckerei', 'bakery');
	await page.getByRole('button', { name: 'Show the answer without typing' }).click();
	await page.getByRole('button', { name: 'Listen' }).click();
	await expect(page.getByText('Read in Lena’s voice.')).toBeVisible({ timeout: 30_000 });
	await expect(page.getByRole('button', { name: 'Listen' })).toBeEnabled();
});
