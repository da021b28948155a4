import type { Locator, Page } from '@playwright/test';
import {
	EMBED_ID,
	LLM_ANNA_INTRO,
	LLM_ID,
	LLM_MEMORY_JSON
} from '../../scripts/tiny-models/index.mjs';
import { startModelMirror } from '../helpers/model-mirror.mjs';
import { expect, test, type App } from './fixtures';

const LENA_HAMBURG = 'I grew up in Hamburg.';
const LENA_PRIVATE = 'Correct my German gently, and only the big mistakes.';

/** Opens a companion's memory page from its card on the home screen. */
async function openMemory(app: App, name: string) {
	await app.open('/');
	await app.card(name).getByRole('link', { name: 'Memory' }).click();
	await expect(app.page.getByRole('heading', { name: `What ${name} remembers` })).toBeVisible();
}

/** Adds a memory through the page's form; `place` is the "Known to" choice when there is one. */
async function addMemory(page: Page, text: string, place?: string, kind?: string) {
	await page.getByRole('button', { name: 'Add a memory' }).click();
	const form = page.getByTestId('memory-editor');
	await form.getByLabel('What to remember').fill(text);
	if (kind) await form.getByLabel('Kind').selectOption({ label: kind });
	if (place) await form.getByLabel('Known to').selectOption({ label: place });
	await form.getByRole('button', { name: 'Remember this' }).click();
	await expect(form).toHaveCount(0);
	await expect(page.getByTestId('memory').filter({ hasText: text })).toBeVisible();
}

const sections = (page: Page) => ({
	shared: page.getByTestId('memory-section-shared'),
	private: page.getByTestId('memory-section-private')
});

const item = (where: Locator | Page, text: string) =>
	where.getByTestId('memory').filter({ hasText: text });

test('memories added on a companion’s page land where they belong, shared ones everywhere', async ({
	app,
	page
}) => {
	await openMemory(app, 'Lena');
	const { shared, private: own } = sections(page);
	await expect(shared).toContainText('you can also add your own');
	await expect(own).toContainText('Nothing yet');

	// Bad input: a clear message, the text stays, nothing is saved.
	await page.getByRole('button', { name: 'Add a memory' }).click();
	const form = page.getByTestId('memory-editor');
	await form.getByRole('button', { name: 'Remember this' }).click();
	await expect(form.getByRole('alert')).toHaveText('Write what should be remembered.');
	await form.getByLabel('What to remember').fill('x'.repeat(501));
	await expect(form).toContainText('501 / 500 characters');
	await form.getByRole('button', { name: 'Remember this' }).click();
	await expect(form.getByRole('alert')).toHaveText('A memory holds at most 500 characters.');
	await expect(form.getByLabel('What to remember')).toHaveValue('x'.repeat(501));
	await form.getByRole('button', { name: 'Cancel' }).click();
	await app.reload();
	await expect(shared).toContainText('Nothing yet');
	await expect(page.getByTestId('memory')).toHaveCount(0);

	await addMemory(page, LENA_HAMBURG, 'All your companions');
	await expect(app.toast('Memory added.').first()).toBeVisible();
	await addMemory(page, LENA_PRIVATE, 'Only Lena', 'How to treat you');
	await expect(item(shared, LENA_HAMBURG)).toHaveAttribute('data-kind', 'semantic');
	await expect(item(shared, LENA_HAMBURG)).toContainText('added by you');
	await expect(item(shared, LENA_HAMBURG)).toContainText('v1');
	await expect(item(own, LENA_PRIVATE)).toHaveAttribute('data-kind', 'procedural');
	await expect(own.getByRole('heading', { name: 'How to treat you' })).toBeVisible();
	await expect(item(shared, LENA_PRIVATE)).toHaveCount(0);
	await expect(item(own, LENA_HAMBURG)).toHaveCount(0);

	// Everything a companion knows about you, from the settings: the shared fact only.
	await app.open('/settings');
	await page.getByRole('link', { name: /What your companions know about you/ }).click();
	await expect(
		page.getByRole('heading', { name: 'What your companions know about you' })
	).toBeVisible();
	await expect(item(page, LENA_HAMBURG)).toBeVisible();
	await expect(item(page, LENA_PRIVATE)).toHaveCount(0);
	await expect(page.getByTestId('memory-section-private')).toHaveCount(0);

	// Sam knows the shared fact, not what Lena keeps for herself.
	await page.getByRole('link', { name: 'What Sam remembers' }).click();
	await expect(page.getByRole('heading', { name: 'What Sam remembers' })).toBeVisible();
	await expect(item(shared, LENA_HAMBURG)).toBeVisible();
	await expect(own).toContainText('Nothing yet');
	await expect(item(page, LENA_PRIVATE)).toHaveCount(0);
});

test('edit with history, pin, filter and delete a memory', async ({ app, page }) => {
	await openMemory(app, 'Lena');
	const { shared, private: own } = sections(page);
	await addMemory(page, LENA_HAMBURG);
	await addMemory(page, 'Meine Tante wohnt in Zürich.', 'Only Lena');
	await addMemory(page, 'I drink my coffee black.', 'Only Lena');

	// Edit: a new version, the old one in the history.
	// The only shared memory (while it is edited, its text is in the form, not on the item).
	const hamburg = shared.getByTestId('memory');
	await hamburg.getByRole('button', { name: 'Edit' }).click();
	await hamburg.getByLabel('What to remember').fill('');
	await hamburg.getByRole('button', { name: 'Save memory' }).click();
	await expect(hamburg.getByRole('alert')).toHaveText('Write what should be remembered.');
	await hamburg.getByLabel('What to remember').fill('I grew up in Hamburg and live in Berlin now.');
	await hamburg.getByRole('button', { name: 'Save memory' }).click();
	await expect(app.toast('Memory saved.')).toBeVisible();
	await expect(hamburg).toContainText('live in Berlin now');
	await expect(hamburg).toContainText('v2');
	await hamburg.getByRole('button', { name: 'History' }).click();
	const versions = hamburg.getByTestId('memory-version');
	await expect(versions).toHaveCount(2);
	await expect(versions.nth(0)).toContainText('v2 · edited by you');
	await expect(versions.nth(0)).toContainText('live in Berlin now');
	await expect(versions.nth(1)).toContainText('v1 · created by you');
	await expect(versions.nth(1)).toContainText(LENA_HAMBURG);

	// Pin survives a reload; unpin.
	const coffee = item(own, 'coffee');
	await coffee.getByRole('button', { name: 'Pin' }).click();
	await expect(coffee).toHaveAttribute('data-pinned', 'true');
	await app.reload();
	await expect(coffee).toHaveAttribute('data-pinned', 'true');
	await expect(coffee).toContainText('Pinned');
	await coffee.getByRole('button', { name: 'Unpin' }).click();
	await expect(coffee).toHaveAttribute('data-pinned', 'false');

	// The filter ignores case and accents, in both sections.
	const search = page.getByLabel('Search memories');
	await search.fill('ZURICH');
	await expect(page.getByTestId('memory')).toHaveCount(1);
	await expect(item(own, 'Zürich')).toBeVisible();
	await expect(shared).toContainText('No memory here mentions “ZURICH”.');
	await search.fill('berlin');
	await expect(page.getByTestId('memory')).toHaveCount(1);
	await expect(hamburg).toBeVisible();
	await search.fill('');
	await expect(page.getByTestId('memory')).toHaveCount(3);

	// Delete, confirmed; gone after a reload too.
	await coffee.getByRole('button', { name: 'Delete' }).click();
	const dialog = page.getByRole('dialog', { name: 'Forget this memory?' });
	await expect(dialog).toContainText('its history goes too');
	await dialog.getByRole('button', { name: 'Forget' }).click();
	await expect(app.toast('Memory forgotten.')).toBeVisible();
	await expect(coffee).toHaveCount(0);
	await app.reload();
	await expect(page.getByTestId('memory')).toHaveCount(2);
	await expect(coffee).toHaveCount(0);
});

test('“Forget everything about …” forgets exactly the memories that mention it', async ({
	app,
	page
}) => {
	await openMemory(app, 'Sam');
	await addMemory(page, 'I flew to Hamburg with Sam in mind.', 'Only Sam');
	await openMemory(app, 'Lena');
	await addMemory(page, LENA_HAMBURG);
	await addMemory(page, 'We talked about the harbour in HAMBURG.', 'Only Lena');
	await addMemory(page, 'I like tea with milk.', 'Only Lena');

	await page.getByRole('button', { name: 'Forget everything about…' }).click();
	const dialog = page.getByRole('dialog', { name: 'Forget everything about…' });
	await dialog.getByLabel('A word or name').fill('Paris');
	await dialog.getByRole('button', { name: 'Find' }).click();
	await expect(dialog).toContainText('Nothing remembered mentions “Paris”.');
	await expect(dialog.getByRole('button', { name: /^Forget \d/ })).toHaveCount(0);

	await dialog.getByLabel('A word or name').fill('hamburg');
	await dialog.getByRole('button', { name: 'Find' }).click();
	const found = dialog.getByRole('checkbox');
	await expect(found).toHaveCount(2); // Sam's own memory is not Lena's to forget
	for (const box of await found.all()) await expect(box).toBeChecked();
	await expect(dialog.getByRole('checkbox', { name: /All your companions/ })).toHaveCount(1);
	await expect(dialog.getByRole('checkbox', { name: /Only Lena/ })).toHaveCount(1);
	await dialog.getByRole('button', { name: 'Forget 2 memories' }).click();
	await expect(app.toast('Forgot 2 memories about “hamburg”.')).toBeVisible();
	await expect(dialog).toHaveCount(0);
	await expect(page.getByTestId('memory')).toHaveCount(1);
	await expect(item(page, 'tea with milk')).toBeVisible();

	// From the overview it reaches every companion; one can keep a match by unchecking it.
	await app.open('/memory');
	await addMemory(page, 'Hamburg is my favourite city.');
	await page.getByRole('button', { name: 'Forget everything about…' }).click();
	await dialog.getByLabel('A word or name').fill('Hamburg');
	await dialog.getByRole('button', { name: 'Find' }).click();
	await expect(dialog.getByRole('checkbox')).toHaveCount(2);
	await dialog.getByRole('checkbox', { name: /favourite city/ }).uncheck();
	await expect(dialog.getByRole('checkbox', { name: /Only Sam/ })).toBeChecked();
	await dialog.getByRole('button', { name: 'Forget 1 memory' }).click();
	await expect(app.toast('Forgot 1 memory about “Hamburg”.')).toBeVisible();
	await expect(item(page, 'favourite city')).toBeVisible();
	await openMemory(app, 'Sam');
	await expect(sections(page).private).toContainText('Nothing yet');
});

test('the memory switch is saved at once and is the one in the companion form', async ({
	app,
	page
}) => {
	await openMemory(app, 'Lena');
	const toggle = page.getByRole('switch', { name: 'Lena remembers our conversations' });
	await expect(toggle).toBeChecked();
	await toggle.uncheck();
	await expect(app.toast('Lena no longer remembers your conversations.')).toBeVisible();
	await app.reload();
	await expect(toggle).not.toBeChecked();

	await app.open('/');
	await app.card('Lena').getByRole('link', { name: 'Edit' }).click();
	const inForm = page.getByLabel(/Remember what I tell them across conversations/);
	await expect(inForm).not.toBeChecked();
	await inForm.check();
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(app.toast('Lena was saved.')).toBeVisible();

	await openMemory(app, 'Lena');
	await expect(toggle).toBeChecked();
	await toggle.uncheck();
	await toggle.check();
	await expect(app.toast('Lena remembers your conversations again.')).toBeVisible();
	await app.reload();
	await expect(toggle).toBeChecked();
});

test('an unknown companion’s memory page shows a way back', async ({ app, page }) => {
	await app.open('/companions/does-not-exist/memory');
	await expect(page.getByRole('heading', { name: 'Companion not found' })).toBeVisible();
	await page.getByRole('link', { name: 'Back to your companions' }).click();
	await expect(app.cards()).toHaveCount(2);
});

test('memory settings: the search model downloads with progress, shows its size, deletes', async ({
	app,
	page
}) => {
	const mirror = await startModelMirror({
		delayMs: (path) => (path.endsWith('.onnx') ? 1500 : 0)
	});
	await app.open('/settings/ai');
	await page.getByLabel('Model source').fill(mirror.url);
	await page.getByRole('button', { name: 'Save source' }).click();
	await expect(app.toast('Model mirror saved.')).toBeVisible();

	await page.getByLabel('Memory search model', { exact: true }).selectOption('Another model…');
	await page.getByLabel('Memory search model id').fill(EMBED_ID);
	const pause = page.getByLabel('Pause before a conversation is remembered (seconds)');
	await expect(pause).toHaveValue('20');
	await pause.fill('2');
	const deletes = page.getByLabel('Let companions delete memories they find wrong');
	await expect(deletes).not.toBeChecked();
	await deletes.check();
	await page.getByRole('button', { name: 'Save memory settings' }).click();
	await expect(
		page.getByText('The pause is a whole number of seconds from 5 to 600.')
	).toBeVisible();
	await pause.fill('45');
	await page.getByRole('button', { name: 'Save memory settings' }).click();
	await expect(app.toast('Memory settings saved.')).toBeVisible();

	const panel = page.getByTestId('memory-download');
	await expect(panel).toContainText(EMBED_ID);
	await expect(panel).toContainText('Not downloaded yet');
	await panel.getByRole('button', { name: 'Download now' }).click();
	await expect(panel).toHaveAttribute('data-status', 'loading');
	await expect(panel.getByRole('progressbar', { name: 'Memory search download' })).toBeVisible();
	await expect(panel).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
	await expect(panel.getByTestId('memory-stored')).toHaveText(
		/^\d+(\.\d)? (KB|MB) on this device, loaded$/
	);
	await expect(panel.getByTestId('memory-indexed')).toHaveText('0 memories indexed');

	// Saved and stored across a reload, then deleted.
	await app.reload();
	await expect(page.getByLabel('Memory search model id')).toHaveValue(EMBED_ID);
	await expect(pause).toHaveValue('45');
	await expect(deletes).toBeChecked();
	await expect(panel.getByTestId('memory-stored')).toHaveText(/(KB|MB) on this device$/);
	await panel.getByRole('button', { name: 'Delete files' }).click();
	await expect(app.toast('Deleted the memory search model from this device.')).toBeVisible();
	await expect(panel).toContainText('Not downloaded yet');
	await mirror.close();
});

test('what a companion noted after a chat shows where it came from', async ({ app, page }) => {
	await app.useTinyModel(LLM_ID);
	await app.useTinyMemory(EMBED_ID);

	await app.openChat('Lena');
	await app.send(LLM_ANNA_INTRO);
	await expect(app.messages('assistant').last()).toHaveAttribute('data-status', 'complete', {
		timeout: 30_000
	});
	// Leaving the chat has it read now rather than after the pause.
	await page.getByRole('link', { name: 'Memory' }).click();
	await expect(page.getByRole('heading', { name: 'What Lena remembers' })).toBeVisible();
	const formed = JSON.parse(LLM_MEMORY_JSON) as { memories: { text: string }[]; episode: string };
	const [fact, episode] = [formed.memories[0].text, formed.episode];
	const { shared, private: own } = sections(page);
	const remembered = item(shared, fact);
	await expect(remembered).toBeVisible({ timeout: 30_000 });
	await expect(remembered).toContainText('remembered from a chat on');
	await expect(own.getByRole('heading', { name: 'Conversations' })).toBeVisible();
	await expect(item(own, episode)).toHaveAttribute('data-kind', 'episodic');

	await remembered.getByRole('link', { name: /a chat on/ }).click();
	await expect(page.getByRole('heading', { name: 'Lena', exact: true })).toBeVisible();
	await expect(app.messages('user')).toContainText(LLM_ANNA_INTRO);
});
