import { strToU8, zipSync, type Zippable } from 'fflate';
import type { KompanionDb } from '../database';
import { LATEST_VERSION } from '../database';
import { isSecretSetting } from '../settings';
import { BACKUP_TABLES, TABLES } from '../tables';
import {
	BACKUP_FORMAT,
	BACKUP_FORMAT_VERSION,
	MANIFEST_PATH,
	blobPath,
	tablePath,
	type BackupManifest,
	type BlobRef
} from './format';

/**
 * Everything on this device in one zip: `manifest.json`, one JSON file per table and the raw bytes
 * of every Blob (recordings). Secrets (API keys) are left out on purpose.
 */
export async function exportBackup(db: KompanionDb, appVersion: string): Promise<Blob> {
	// One read transaction, so the backup is a consistent snapshot even while the app writes.
	const snapshot = await db.transaction(
		'r',
		BACKUP_TABLES.map((name) => db.table(name)),
		async () => {
			const out: Record<string, unknown[]> = {};
			for (const name of BACKUP_TABLES) out[name] = await db.table(name).toArray();
			return out;
		}
	);
	snapshot.settings = (snapshot.settings as { key: string }[]).filter(
		(row) => !isSecretSetting(row.key)
	);

	const files: Zippable = {};
	const blobs: Blob[] = [];
	const manifest: BackupManifest = {
		format: BACKUP_FORMAT,
		formatVersion: BACKUP_FORMAT_VERSION,
		schemaVersion: LATEST_VERSION,
		appVersion,
		exportedAt: Date.now(),
		tables: {}
	};
	for (const name of BACKUP_TABLES) {
		const { blobFields } = TABLES[name];
		const rows = snapshot[name].map((row) => {
			if (blobFields.length === 0) return row;
			const copy = { ...(row as Record<string, unknown>) };
			for (const field of blobFields) {
				const blob = copy[field];
				if (!(blob instanceof Blob)) continue;
				const ref: BlobRef = { $blob: blobPath(blobs.length), type: blob.type };
				blobs.push(blob);
				copy[field] = ref;
			}
			return copy;
		});
		manifest.tables[name] = rows.length;
		files[tablePath(name)] = strToU8(JSON.stringify(rows));
	}
	for (const [index, blob] of blobs.entries()) {
		// Media is already compressed; storing it avoids burning CPU for nothing.
		files[blobPath(index)] = [new Uint8Array(await blob.arrayBuffer()), { level: 0 }];
	}
	files[MANIFEST_PATH] = strToU8(JSON.stringify(manifest, null, '\t'));
	return new Blob([zipSync(files, { level: 6 })], { type: 'application/zip' });
}

export function backupFileName(date = new Date()): string {
	return `kompanion-backup-${date.toISOString().slice(0, 10)}.zip`;
}
