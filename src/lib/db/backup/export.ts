import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
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
 * of every Blob (recordings). Secrets (API keys) are left out on purpose, and so is a recording
 * still being made (it is not finished). The rows are read in one transaction (Blobs in them are
 * handles, not bytes); the zip is then made as a stream: each Blob is read in slices and passed
 * through, so a long recording never sits in memory whole.
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
	leaveOutUnfinishedRecordings(snapshot);

	const zip = new ZipWriter();
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
		zip.text(tablePath(name), JSON.stringify(rows));
	}
	// Media is already compressed; storing it avoids burning CPU for nothing.
	for (const [index, blob] of blobs.entries()) await zip.blob(blobPath(index), blob);
	zip.text(MANIFEST_PATH, JSON.stringify(manifest, null, '\t'));
	return zip.finish();
}

/** A recording still being made is not in a backup: neither its row nor its chunks. */
function leaveOutUnfinishedRecordings(snapshot: Record<string, unknown[]>) {
	const running = new Set(
		(snapshot.recordings as { id: string; status: string }[] | undefined)
			?.filter((row) => row.status === 'recording')
			.map((row) => row.id)
	);
	if (running.size === 0) return;
	snapshot.recordings = (snapshot.recordings as { id: string }[]).filter(
		(row) => !running.has(row.id)
	);
	snapshot.recordingChunks = (snapshot.recordingChunks as { recordingId: string }[]).filter(
		(row) => !running.has(row.recordingId)
	);
}

/** fflate's streaming zip, collected into a Blob whose parts are folded as they grow. */
class ZipWriter {
	#parts: BlobPart[] = [];
	#pending = 0;
	#done: Promise<Blob>;
	#zip: Zip;

	constructor() {
		let resolve!: (blob: Blob) => void;
		let reject!: (error: unknown) => void;
		this.#done = new Promise((ok, fail) => ((resolve = ok), (reject = fail)));
		this.#zip = new Zip((error, chunk, final) => {
			if (error) return reject(error);
			this.#parts.push(chunk as Uint8Array<ArrayBuffer>);
			this.#pending += chunk.length;
			// Folded into one Blob every few MB, the browser may keep the bytes out of the JS heap.
			if (this.#pending > 8 * 1024 * 1024 || final) {
				this.#parts = [new Blob(this.#parts)];
				this.#pending = 0;
			}
			if (final) resolve(new Blob(this.#parts, { type: 'application/zip' }));
		});
	}

	text(path: string, text: string) {
		const file = new ZipDeflate(path, { level: 6 });
		this.#zip.add(file);
		file.push(strToU8(text), true);
	}

	async blob(path: string, blob: Blob) {
		const file = new ZipPassThrough(path);
		this.#zip.add(file);
		const reader = blob.stream().getReader();
		for (;;) {
			const { value, done } = await reader.read();
			if (done) break;
			file.push(value);
		}
		file.push(new Uint8Array(0), true);
	}

	finish(): Promise<Blob> {
		this.#zip.end();
		return this.#done;
	}
}

export function backupFileName(date = new Date()): string {
	return `kompanion-backup-${date.toISOString().slice(0, 10)}.zip`;
}
