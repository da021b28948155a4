import { App, expect, test } from './fixtures';

/** The built-in Lena (lib/companion/presets.ts). */
const LENA = {
	description: 'A warm German tutor from Berlin who speaks at your level.',
	greeting: 'Hallo! Ich bin Lena aus Berlin. Schön, dass du da bist! Wie heißt du?'
};

test('the built-in companions are there on the first visit', async ({ app }) => {
	await app.open();
	await expect(app.cards()).toHaveCount(2);
	await expect(app.card('Lena')).toContainText('Tutor · A2');
	await expect(app.card('Lena')).toContainText('German');
	await expect(app.card('Sam')).toContainText('English');
	// Cards describe a companion in a line for people, not with the persona written for the model.
	await expect(app.card('Lena')).toContainText(LENA.description);
	await expect(app.card('Lena')).not.toContainText('You are Lena');
});

test('a 40-character name without spaces fits its card, at 390 px too, and copies are told apart', async ({
	app,
	page
}) => {
	const name = 'Wolfeschlegelsteinhausenbergerdorffwalde';
	expect(name).toHaveLength(40);
	await page.setViewportSize({ width: 390, height: 844 });
	await app.open('/companions/new');
	await page.getByLabel('Name').fill(name);
	await page.getByLabel('Description').fill('A very patient friend with a very long name.');
	await page.getByRole('button', { name: 'Create companion' }).click();
	await expect(app.toast(`${name} was created.`)).toBeVisible();
	await expect(app.card(name)).toContainText('A very patient friend with a very long name.');

	await app.card(name).getByRole('button', { name: 'Duplicate' }).click();
	await app.card(name).getByRole('button', { name: 'Duplicate' }).click();
	await expect(app.card(`${name.slice(0, 33)} (copy)`)).toBeVisible();
	await expect(app.card(`${name.slice(0, 31)} (copy 2)`)).toBeVisible();

	for (const width of [390, 1280]) {
		await page.setViewportSize({ width, height: 900 });
		const card = app.card(name);
		const box = (await card.boundingBox())!;
		expect(box.x + box.width, `card inside the page at ${width} px`).toBeLessThanOrEqual(width);
		const inside = [
			card.getByRole('heading'),
			...['Edit', 'Duplicate', 'Delete'].map((label) =>
				card.getByRole(label === 'Edit' ? 'link' : 'button', { name: label })
			)
		];
		for (const part of inside) {
			const partBox = (await part.boundingBox())!;
			expect(partBox.x).toBeGreaterThanOrEqual(box.x);
			expect(
				partBox.x + partBox.width,
				`${await part.textContent()} at ${width} px`
			).toBeLessThanOrEqual(box.x + box.width + 0.5);
		}
		// The whole name is shown, wrapped rather than clipped.
		const heading = card.getByRole('heading');
		expect(await heading.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
	}
});

test('two tabs editing one companion: the stale form is told, and the person chooses', async ({
	app,
	page,
	context
}) => {
	const tabB = new App(await context.newPage());
	const b = tabB.page;
	for (const tab of [app, tabB]) {
		await tab.open();
		await tab.card('Lena').getByRole('link', { name: 'Edit' }).click();
		await expect(tab.page.getByRole('heading', { name: 'Edit Lena' })).toBeVisible();
	}
	const notice = b.getByRole('status').filter({ hasText: 'was changed in another tab' });
	await expect(notice).toHaveCount(0);

	// Tab A saves a new persona while tab B's form still shows the old one.
	const leipzig = 'You are Lena, 30, a German teacher who moved to Leipzig.';
	await page.getByLabel('Persona').fill(leipzig);
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(app.toast('Lena was saved.')).toBeVisible();

	// Tab B is told before it saves, and saving does not silently overwrite tab A's persona.
	await expect(notice).toBeVisible();
	await b.getByLabel('Greeting').fill('Hallo aus Tab B!');
	await b.getByRole('button', { name: 'Save changes' }).click();
	const dialog = b.getByRole('dialog', { name: 'Changed in another tab' });
	await expect(dialog).toBeVisible();
	await dialog.getByRole('button', { name: 'Compare' }).click();
	await expect(dialog.getByRole('row', { name: /^Persona/ })).toContainText('Leipzig');
	await expect(dialog.getByRole('row', { name: /^Greeting/ })).toContainText('Hallo aus Tab B!');
	await expect(dialog.getByRole('row', { name: /^Name/ })).toHaveCount(0); // the same in both

	// Take the other version: the form reloads with tab A's persona.
	await dialog.getByRole('button', { name: 'Use the other version' }).click();
	await expect(dialog).toBeHidden();
	await expect(b.getByLabel('Persona')).toHaveValue(leipzig);
	await expect(b.getByLabel('Greeting')).toHaveValue(LENA.greeting);
	await expect(notice).toHaveCount(0);

	// Again, and this time tab B keeps its own version over tab A's newer description.
	await app.card('Lena').getByRole('link', { name: 'Edit' }).click();
	await page.getByLabel('Description').fill('Changed in tab A.');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(app.toast('Lena was saved.')).toBeVisible();
	await expect(notice).toBeVisible();
	await b.getByLabel('Greeting').fill('Hallo aus Tab B!');
	await b.getByRole('button', { name: 'Save changes' }).click();
	await dialog.getByRole('button', { name: 'Keep mine' }).click();
	await expect(tabB.toast('Lena was saved.')).toBeVisible();
	await expect(tabB.card('Lena')).toContainText(LENA.description);

	await app.reload();
	await expect(app.card('Lena')).toContainText(LENA.description);
	await app.card('Lena').getByRole('link', { name: 'Edit' }).click();
	await expect(page.getByLabel('Greeting')).toHaveValue('Hallo aus Tab B!');
	await expect(page.getByLabel('Persona')).toHaveValue(leipzig);
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
