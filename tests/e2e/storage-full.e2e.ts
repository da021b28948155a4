import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { App, expect, expectClean, guardContext, test } from './fixtures';

/**
 * A real full disk: the browser profile lives on a small tmpfs that the test fills until IndexedDB
 * itself throws QuotaExceededError. (Chromium's CDP quota override no longer affects IndexedDB.)
 * Mounting needs root, as in CI; elsewhere the test is skipped and says why.
 */
function mountSmallDisk(megabytes: number): { path: string; release: () => void } | string {
	if (process.platform !== 'linux' || process.getuid?.() !== 0)
		return 'needs root on Linux to mount a tmpfs';
	const path = mkdtempSync(join(tmpdir(), 'kompanion-disk-'));
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', path]);
	} catch (error) {
		rmSync(path, { recursive: true, force: true });
		return `could not mount a tmpfs: ${(error as Error).message}`;
	}
	return {
		path,
		release: () => {
			execFileSync('umount', [path]);
			rmSync(path, { recursive: true, force: true });
		}
	};
}

/**
 * Writes blobs into a separate database until the disk is full: 2 MB ones, then ever smaller ones
 * down to 1 KB, so no room is left that a small save could still use.
 */
async function fillDisk(app: App): Promise<string> {
	return app.page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((done, fail) => {
			const open = indexedDB.open('filler', 1);
			open.onupgradeneeded = () => open.result.createObjectStore('blobs');
			open.onsuccess = () => done(open.result);
			open.onerror = () => fail(open.error);
		});
		const put = (key: number, size: number) =>
			new Promise<string>((done) => {
				const bytes = new Uint8Array(size).map((_, j) => (j * 31 + key) & 255);
				const tx = db.transaction('blobs', 'readwrite');
				tx.objectStore('blobs').put(new Blob([bytes]), key);
				tx.oncomplete = () => done('ok');
				tx.onabort = () => done(tx.error?.name ?? 'aborted');
			});
		let key = 0;
		let outcome = 'never filled';
		for (const size of [2_000_000, 250_000, 32_000, 4_000, 1_000]) {
			for (let i = 0; i < 500; i++) {
				outcome = await put(key++, size);
				if (outcome !== 'ok') break;
			}
			if (outcome === 'ok') break; // 500 writes fitted: the disk is not filling
		}
		db.close();
		return outcome;
	});
}

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
