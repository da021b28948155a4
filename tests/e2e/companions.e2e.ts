import { expect, test } from './fixtures';

test('the built-in companions are there on the first visit', async ({ app }) => {
	await app.open();
	await expect(app.cards()).toHaveCount(2);
	await expect(app.card('Lena')).toContainText('Tutor · A2');
	await expect(app.card('Lena')).toContainText('German');
	await expect(app.card('Sam')).toContainText('English');
});

test('create, edit, duplicate and delete a companion; it all survives a reload', async ({
	app,
	page
}) => {
	await app.open();
	await page.getByRole('link', { name: 'New companion' }).click();

	// Invalid input gets clear messages next to the fields, and nothing is saved.
	await page.getByLabel('Persona').fill('x'.repeat(2001));
	await page.getByRole('button', { name: 'Create companion' }).click();
	await expect(page.getByText('Please give your companion a name.')).toBeVisible();
	await expect(
		page.getByText('The persona is too long: 2001 characters, at most 2000.')
	).toBeVisible();
	await expect(page.getByLabel('Name')).toBeFocused();

	await page.getByLabel('Name').fill('Mila');
	await page.getByLabel('Persona').fill('A calm friend from Vienna who loves coffee houses.');
	await page.getByLabel('Greeting').fill('Servus!');
	await page.getByLabel('Speaks mainly').selectOption('de');
	await page.getByLabel('Language tutor').check();
	await page.getByLabel('My level (CEFR)').selectOption('B1');
	await page.getByRole('button', { name: 'Create companion' }).click();

	await expect(app.toast('Mila was created.')).toBeVisible();
	await expect(app.cards()).toHaveCount(3);
	await expect(app.card('Mila')).toContainText('Tutor · B1');

	await app.card('Mila').getByRole('link', { name: 'Edit' }).click();
	await expect(page.getByRole('heading', { name: 'Edit Mila' })).toBeVisible();
	await expect(page.getByLabel('Greeting')).toHaveValue('Servus!');
	await page.getByLabel('Name').fill('Mila Huber');
	await page.getByRole('group', { name: 'Also speaks' }).getByLabel('English').check();
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(app.card('Mila Huber')).toContainText('English');

	await app.card('Mila Huber').getByRole('button', { name: 'Duplicate' }).click();
	await expect(app.card('Mila Huber (copy)')).toBeVisible();

	await app.card('Sam').getByRole('button', { name: 'Delete' }).click();
	const dialog = page.getByRole('dialog', { name: 'Delete Sam?' });
	await expect(dialog).toBeVisible();
	await dialog.getByRole('button', { name: 'Delete' }).click();
	await expect(app.card('Sam')).toHaveCount(0);
	// A deleted built-in companion can be brought back.
	await expect(page.getByRole('button', { name: 'Add Sam' })).toBeVisible();

	await app.reload();
	const names = await app.cards().getByRole('heading').allTextContents();
	expect(names).toEqual(['Lena', 'Mila Huber', 'Mila Huber (copy)']);
	await app.card('Mila Huber').getByRole('link', { name: 'Edit' }).click();
	await expect(page.getByLabel('Greeting')).toHaveValue('Servus!');
	await expect(page.getByLabel('My level (CEFR)')).toHaveValue('B1');
});

test('an unknown companion shows a way back', async ({ app, page }) => {
	await app.open('/companions/does-not-exist/edit');
	await expect(page.getByRole('heading', { name: 'Companion not found' })).toBeVisible();
	await page.getByRole('link', { name: 'Back to your companions' }).click();
	await expect(app.cards()).toHaveCount(2);
});
