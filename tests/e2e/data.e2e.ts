import { strToU8, zipSync } from 'fflate';
import { chooseImport as importFile, exportBackup, tablesOf } from './backup';
import { App, expect, test } from './fixtures';

async function createCompanion(app: App, name: string) {
	await app.open('/companions/new');
	await app.page.getByLabel('Name').fill(name);
	await app.page.getByRole('button', { name: 'Create companion' }).click();
	await expect(app.card(name)).toBeVisible();
}

test('export, then import into a fresh profile, gives the same data', async ({
	app,
	page,
	browser
}) => {
	await createCompanion(app, 'Mila');
	await app.open('/settings');
	await page.getByLabel('Your name').fill('Anna');
	await page.getByLabel('Your native language').selectOption('en');
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(app.toast('Your details were saved.')).toBeVisible();
	const original = await exportBackup(page);

	const fresh = await browser.newContext();
	const { guardContext, expectClean } = await import('./fixtures');
	const guard = await guardContext(fresh);
	const other = new App(await fresh.newPage());
	await other.open('/settings');
	await importFile(other.page, 'backup.zip', original);
	const dialog = other.page.getByRole('dialog', { name: 'Replace the data on this device?' });
	await expect(dialog).toContainText('3 companions');
	await dialog.getByRole('button', { name: 'Import' }).click();
	await expect(other.toast('Your backup was imported.')).toBeVisible();
	await expect(other.page.getByLabel('Your name')).toHaveValue('Anna');

	const reexported = await exportBackup(other.page);
	expect(tablesOf(reexported)).toEqual(tablesOf(original));
	await other.open('/');
	expect(await other.cards().getByRole('heading').allTextContents()).toEqual([
		'Lena',
		'Sam',
		'Mila'
	]);
	expectClean(guard);
	await fresh.close();
});

test('a bad or foreign file is refused with a clear message and nothing is lost', async ({
	app,
	page
}) => {
	await createCompanion(app, 'Keep Me');
	await app.open('/settings');
	const valid = tablesOf(await exportBackup(page));

	await importFile(page, 'notes.zip', Buffer.from('just some text, not a zip'));
	await expect(
		app.toast(
			'This file was not imported: it is not a Kompanion backup. Choose a .zip file made with “Export my data”. Nothing on this device was changed.'
		)
	).toBeVisible();

	const foreign = zipSync({ 'readme.txt': strToU8('hello') });
	await importFile(page, 'other.zip', Buffer.from(foreign));
	await expect(app.toast('it is not a Kompanion backup')).toBeVisible();

	const companions = valid['tables/companions.json'] as { name: string }[];
	const tampered = zipSync({
		'manifest.json': strToU8(
			JSON.stringify({
				format: 'kompanion-backup',
				formatVersion: 1,
				schemaVersion: 1,
				appVersion: 'test',
				exportedAt: 0,
				tables: { companions: companions.length }
			})
		),
		'tables/companions.json': strToU8(
			JSON.stringify(companions.map((c, i) => (i === 1 ? { ...c, name: 'x'.repeat(41) } : c)))
		)
	});
	await importFile(page, 'tampered.zip', Buffer.from(tampered));
	await expect(
		app.toast('item 2 of companions is not valid (name: The name is too long')
	).toBeVisible();

	const truncated = Buffer.from(
		zipSync({ 'manifest.json': strToU8('{"format":"kompanion-backup"') })
	);
	await importFile(page, 'broken.zip', truncated);
	await expect(app.toast('manifest.json inside it is not valid JSON')).toBeVisible();

	const newer = zipSync({
		'manifest.json': strToU8(
			JSON.stringify({
				format: 'kompanion-backup',
				formatVersion: 9,
				schemaVersion: 99,
				appVersion: '9.0.0',
				exportedAt: 0,
				tables: {}
			})
		)
	});
	await importFile(page, 'newer.zip', Buffer.from(newer));
	await expect(app.toast('it was made by a newer version of Kompanion (9.0.0)')).toBeVisible();

	await expect(page.getByRole('dialog')).toHaveCount(0);
	await app.open('/');
	expect(await app.cards().getByRole('heading').allTextContents()).toEqual([
		'Lena',
		'Sam',
		'Keep Me'
	]);
});

test('delete all my data, after confirming, starts fresh', async ({ app, page }) => {
	await createCompanion(app, 'Temporary');
	await app.open('/settings');
	await page.getByRole('button', { name: 'Delete all my data' }).click();
	const dialog = page.getByRole('dialog', { name: 'Delete all your data?' });
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await app.open('/');
	await expect(app.card('Temporary')).toBeVisible();

	await app.open('/settings');
	await page.getByRole('button', { name: 'Delete all my data' }).click();
	await Promise.all([
		page.waitForEvent('load'),
		dialog.getByRole('button', { name: 'Delete everything' }).click()
	]);
	await app.ready();
	expect(await app.cards().getByRole('heading').allTextContents()).toEqual(['Lena', 'Sam']);
});

test('settings show how much storage is used and the quota', async ({ app, page }) => {
	await app.open('/settings');
	await expect(page.getByTestId('storage-usage')).toHaveText(/^\d+(\.\d)? (B|KB|MB)$/);
	await expect(page.getByTestId('storage-quota')).toHaveText(/^\d+(\.\d)? (MB|GB|TB)$/);
	await expect(page.getByRole('meter', { name: 'Storage used' })).toBeVisible();
});
