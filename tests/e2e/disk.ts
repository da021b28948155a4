import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from './fixtures';

/**
 * A real full disk: the browser profile lives on a small tmpfs that the test fills until IndexedDB
 * itself throws QuotaExceededError. (Chromium's CDP quota override no longer affects IndexedDB.)
 * Mounting needs root, as in CI; elsewhere the test is skipped and says why.
 */
export function mountSmallDisk(megabytes: number): { path: string; release: () => void } | string {
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
export async function fillDisk(app: App): Promise<string> {
	return app.page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((done, fail) => {
			const open = indexedDB.open('filler', 1);
			open.onupgradeneeded = () => open.result.createObjectStore('blobs');
			open.onsuccess = () => done(open.result);
			open.onerror = () => fail(open.error);
		});
		// One pattern per size, each blob told apart by its key in front: filling the bytes anew
		// for every blob (a typed array's map) took ~0.45 s per 2 MB, 30 s to fill a 200 MB disk.
		const patterns = new Map<number, Uint8Array<ArrayBuffer>>();
		const put = (key: number, size: number) =>
			new Promise<string>((done) => {
				let bytes = patterns.get(size);
				if (!bytes)
					patterns.set(size, (bytes = new Uint8Array(size).map((_, j) => (j * 31) & 255)));
				const tx = db.transaction('blobs', 'readwrite');
				tx.objectStore('blobs').put(new Blob([new Uint32Array([key]), bytes]), key);
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
