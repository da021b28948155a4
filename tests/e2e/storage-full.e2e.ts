import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { fillDisk, mountSmallDisk } from './disk';
import { App, expect, expectClean, guardContext, test } from './fixtures';

test('a full disk gives a clear message, keeps what was typed and loses nothing', async ({
	baseURL
}, testInfo) => {
	const disk = mountSmallDisk(48);
	test.skip(typeof disk === 'string', typeof disk === 'string' ? disk : '');
	if (typeof disk === 'string') return;
	const profile = join(disk.path, 'profile');
	mkdirSync(profile);
	const context = await chromium.launchPersistentContext(profile, {
		...testInfo.project.use.launchOptions,
		baseURL,
		serviceWorkers: 'allow'
	});
	try {
		const guard = await guardContext(context);
		const app = new App(context.pages()[0] ?? (await context.newPage()));
		await app.open('/companions/new');
		await app.page.getByLabel('Name').fill('Too Much');
		await app.page.getByLabel('Persona').fill('Someone who arrives when the disk is full.');

		expect(await fillDisk(app)).toBe('QuotaExceededError');
		await app.page.getByRole('button', { name: 'Create companion' }).click();
		await expect(app.toast('Your device has no room left for Kompanion’s data')).toBeVisible();
		await expect(app.toast('Everything saved before is still there.')).toBeVisible();
		await expect(app.page.getByLabel('Name')).toHaveValue('Too Much');

		// Free the space; the same form now saves, and the companions from before are all there.
		await app.page.evaluate(
			() =>
				new Promise((done, fail) => {
					const request = indexedDB.deleteDatabase('filler');
					request.onsuccess = done;
					request.onerror = () => fail(request.error);
				})
		);
		await app.page.getByRole('button', { name: 'Create companion' }).click();
		await expect(app.card('Too Much')).toBeVisible();
		expect(await app.cards().getByRole('heading').allTextContents()).toEqual([
			'Lena',
			'Sam',
			'Too Much'
		]);
		expectClean(guard);
	} finally {
		await context.close();
		disk.release();
	}
});
