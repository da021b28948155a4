import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { Browser, Page } from '@playwright/test';
import { App, expect, expectClean, guardContext } from './fixtures';

/** Exports a backup from the settings page (which must be open) and returns the file. */
export async function exportBackup(page: Page): Promise<Buffer> {
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export my data' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^kompanion-backup-\d{4}-\d{2}-\d{2}\.zip$/);
	return readFileSync((await download.path())!);
}

/** The backup's table files, decoded, for comparing two backups. */
export function tablesOf(zip: Buffer): Record<string, unknown> {
	const files = unzipSync(new Uint8Array(zip));
	return Object.fromEntries(
		Object.entries(files)
			.filter(([path]) => path.startsWith('tables/'))
			.map(([path, bytes]) => [path, JSON.parse(new TextDecoder().decode(bytes))])
	);
}

/** Chooses a file in the settings page's import control. */
export async function chooseImport(page: Page, name: string, buffer: Buffer) {
	await page
		.getByTestId('import-file')
		.setInputFiles({ name, mimeType: 'application/zip', buffer });
}

/** Imports a backup on the settings page, replacing what the device has. */
export async function importBackup(app: App, backup: Buffer) {
	await app.open('/settings');
	await chooseImport(app.page, 'backup.zip', backup);
	const dialog = app.page.getByRole('dialog', { name: 'Replace the data on this device?' });
	await dialog.getByRole('button', { name: 'Import' }).click();
	await expect(app.toast('Your backup was imported.')).toBeVisible();
}

/**
 * Imports `backup` into a fresh browser profile, exports it there again and expects the named
 * table files to come back as they were.
 */
export async function expectRoundTrip(browser: Browser, backup: Buffer, names: readonly string[]) {
	const tables = tablesOf(backup);
	const other = await browser.newContext();
	try {
		const guard = await guardContext(other);
		const fresh = new App(await other.newPage());
		await importBackup(fresh, backup);
		const again = tablesOf(await exportBackup(fresh.page));
		for (const name of names) expect(again[name], name).toEqual(tables[name]);
		expectClean(guard);
	} finally {
		await other.close();
	}
}
