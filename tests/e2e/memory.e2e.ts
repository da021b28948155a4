import {
	EMBED_ID,
	LLM_ANNA_INTRO,
	LLM_DEFAULT_REPLY,
	LLM_MEMORY_JSON,
	LLM_RECALL_REPLIES
} from '../../scripts/tiny-models/index.mjs';
import { expect, test, type App } from './fixtures';

// The tiny LLM answers the memory-extraction prompt of a chat in which Anna introduced herself
// with LLM_MEMORY_JSON, and answers a chat whose prompt holds a remembered "lives in Hamburg"
// (or "lives in Munich") with its own sentence: what a reply says shows what reached its prompt.
const FACT = (JSON.parse(LLM_MEMORY_JSON) as { memories: { text: string }[] }).memories[0].text;
const MUNICH = FACT.replace('Hamburg', 'Munich');

/** A new chat with Lena; asks where the person lives and waits for the whole answer. */
async function askWhereILive(app: App) {
	await app.openChat('Lena');
	await app.send('Wo wohne ich?');
	const reply = app.messages('assistant').last();
	await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
	return reply;
}

/** From the chat to Lena's memory page, inside the app (no reload: memory search stays loaded). */
async function openLenasMemory(app: App) {
	await app.page.getByRole('link', { name: 'Memory' }).click();
	await expect(app.page.getByRole('heading', { name: 'What Lena remembers' })).toBeVisible();
}

test('a fact told in one chat is remembered, shown, and used in a later chat; editing, deleting and switching memory off change the next prompt', async ({
	app,
	page
}) => {
	test.setTimeout(120_000);
	await app.useTinyModel();
	await app.useTinyMemory(EMBED_ID);

	// Before anything is remembered, the question gets the default answer.
	await expect(await askWhereILive(app)).toContainText(LLM_DEFAULT_REPLY);

	// Told once…
	await app.openChat('Lena');
	await app.send(LLM_ANNA_INTRO);
	await expect(app.messages('assistant').last()).toHaveAttribute('data-status', 'complete', {
		timeout: 30_000
	});
	// …noted when the chat is left (not only after the quiet pause), and shown on the memory page.
	await openLenasMemory(app);
	const fact = page.getByTestId('memory-section-shared').getByTestId('memory');
	await expect(fact).toHaveText(new RegExp(FACT.replace('.', '\\.')), { timeout: 30_000 });

	// A separate, later chat: the fact is in the prompt, and the reply says which memories were used.
	const recalled = await askWhereILive(app);
	await expect(recalled).toContainText(LLM_RECALL_REPLIES['lives in Hamburg']);
	await recalled.getByText(/^Remembered \w+ things?$/).click();
	await expect(recalled.getByTestId('recalled-memory').filter({ hasText: FACT })).toBeVisible();

	// The recall started loading search by meaning: "forget" also finds what means the same.
	await openLenasMemory(app);
	await page.getByRole('button', { name: 'Forget everything about…' }).click();
	const dialog = page.getByRole('dialog', { name: 'Forget everything about…' });
	await dialog.getByLabel('A word or name').fill('wohnt Hamburg');
	await dialog.getByRole('button', { name: 'Find' }).click();
	await expect(dialog.getByRole('checkbox', { name: /similar in meaning/ })).toHaveCount(1);
	await expect(dialog).toContainText(FACT);
	await dialog.getByRole('button', { name: 'Cancel' }).click();

	// An edit changes what the next prompt holds.
	await fact.getByRole('button', { name: 'Edit' }).click();
	await fact.getByLabel('What to remember').fill(MUNICH);
	await fact.getByRole('button', { name: 'Save memory' }).click();
	await expect(app.toast('Memory saved.')).toBeVisible();
	await expect(await askWhereILive(app)).toContainText(LLM_RECALL_REPLIES['lives in Munich']);

	// Deleted: no longer in the prompt.
	await openLenasMemory(app);
	await fact.getByRole('button', { name: 'Delete' }).click();
	await page
		.getByRole('dialog', { name: 'Forget this memory?' })
		.getByRole('button', { name: 'Forget' })
		.click();
	await expect(app.toast('Memory forgotten.')).toBeVisible();
	await expect(await askWhereILive(app)).toContainText(LLM_DEFAULT_REPLY);

	// Memory off: what is remembered stays, but is not used.
	await openLenasMemory(app);
	await page.getByRole('button', { name: 'Add a memory' }).click();
	await page.getByLabel('What to remember').fill(FACT);
	await page.getByRole('button', { name: 'Remember this' }).click();
	await expect(fact).toHaveCount(1);
	await page.getByRole('switch', { name: 'Lena remembers our conversations' }).uncheck();
	await expect(app.toast('Lena no longer remembers your conversations.')).toBeVisible();
	const unrecalled = await askWhereILive(app);
	await expect(unrecalled).toContainText(LLM_DEFAULT_REPLY);
	await expect(unrecalled.getByTestId('recalled')).toHaveCount(0);
	await openLenasMemory(app);
	await expect(fact).toHaveCount(1);
});
