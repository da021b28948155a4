import { strFromU8, unzipSync, type Unzipped } from 'fflate';
import * as v from 'valibot';
import { ImportError } from '$lib/errors';
import type { EventBus } from '$lib/events';
import type { KompanionDb } from '../database';
import { LATEST_VERSION } from '../database';
import { isSecretSetting, settingIssue } from '../settings';
import { BACKUP_TABLES, DERIVED_TABLES, TABLES, type TableName } from '../tables';
import { writeTx } from '../write';
import {
	BACKUP_FORMAT,
	BACKUP_FORMAT_VERSION,
	BlobRefSchema,
	MANIFEST_PATH,
	ManifestSchema,
	tablePath,
	type BackupManifest,
	type BackupSummary
} from './format';

/** Browsers cannot hold much more than this in memory at once; bigger backups need streaming. */
export const MAX_BACKUP_BYTES = 1.5 * 1024 ** 3;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export interface ParsedBackup {
	manifest: BackupManifest;
	rows: Record<TableName, unknown[]>;
	summary: BackupSummary;
}

const NOT_A_BACKUP = 'it is not a Kompanion backup. Choose a .zip file made with “Export my data”.';

/**
 * Reads and validates a backup completely before anything is written, so a bad or foreign file
 * is refused with a clear reason and leaves the device's data untouched.
 */
export async function readBackup(file: Blob): Promise<ParsedBackup> {
	if (file.size > MAX_BACKUP_BYTES) {
		throw new ImportError('it is larger than this browser can import at once.', 'import/too-large');
	}
	const bytes = new Uint8Array(await file.arrayBuffer());
	if (bytes.length < 4 || ZIP_MAGIC.some((byte, i) => bytes[i] !== byte)) {
		throw new ImportError(NOT_A_BACKUP, 'import/not-a-backup');
	}
	let files: Unzipped;
	try {
		files = unzipSync(bytes);
	} catch (error) {
		throw new ImportError(
			'the file is damaged and could not be unpacked.',
			'import/corrupt',
			error
		);
	}
	const manifest = readManifest(files);
	const rows = {} as Record<TableName, unknown[]>;
	let blobs = 0;
	let blobBytes = 0;
	for (const name of BACKUP_TABLES) {
		const list = readTable(files, name, manifest.tables[name] ?? 0);
		for (const [index, row] of list.entries()) {
			for (const field of TABLES[name].blobFields) {
				const blob = reviveBlob(files, (row as Record<string, unknown>)[field], name, index);
				(row as Record<string, unknown>)[field] = blob;
				blobs++;
				blobBytes += blob.size;
			}
			// Stored as parsed: fields added by later schema versions get their defaults.
			list[index] = validateRow(name, index, row);
		}
		rows[name] =
			name === 'settings'
				? list.filter((row) => !isSecretSetting((row as { key: string }).key))
				: list;
	}
	const tables = Object.fromEntries(BACKUP_TABLES.map((name) => [name, rows[name].length]));
	return { manifest, rows, summary: { tables, blobs, bytes: blobBytes } };
}

function readManifest(files: Unzipped): BackupManifest {
	const raw = files[MANIFEST_PATH];
	if (!raw) throw new ImportError(NOT_A_BACKUP, 'import/not-a-backup');
	const json = parseJson(raw, MANIFEST_PATH);
	if ((json as { format?: unknown })?.format !== BACKUP_FORMAT) {
		throw new ImportError(NOT_A_BACKUP, 'import/not-a-backup');
	}
	const result = v.safeParse(ManifestSchema, json);
	if (!result.success) {
		throw new ImportError('its description (manifest.json) is not valid.', 'import/invalid-data');
	}
	const manifest = result.output;
	if (manifest.formatVersion > BACKUP_FORMAT_VERSION || manifest.schemaVersion > LATEST_VERSION) {
		throw new ImportError(
			`it was made by a newer version of Kompanion (${manifest.appVersion}). Update this app (reload it) and try again.`,
			'import/newer-version'
		);
	}
	const unknown = Object.keys(manifest.tables).filter((name) => !(name in TABLES));
	if (unknown.length > 0) {
		throw new ImportError(
			`it contains unknown data (${unknown.join(', ')}).`,
			'import/invalid-data'
		);
	}
	return manifest;
}

function readTable(files: Unzipped, name: TableName, expected: number): unknown[] {
	const raw = files[tablePath(name)];
	if (!raw) {
		if (expected === 0) return [];
		throw new ImportError(`the ${name} data is missing from it.`, 'import/corrupt');
	}
	const rows = parseJson(raw, tablePath(name));
	if (!Array.isArray(rows) || rows.length !== expected) {
		throw new ImportError(`the ${name} data in it is incomplete.`, 'import/corrupt');
	}
	return rows;
}

function parseJson(raw: Uint8Array, path: string): unknown {
	try {
		return JSON.parse(strFromU8(raw));
	} catch (error) {
		throw new ImportError(`${path} inside it is not valid JSON.`, 'import/corrupt', error);
	}
}

function reviveBlob(files: Unzipped, ref: unknown, table: string, index: number): Blob {
	const result = v.safeParse(BlobRefSchema, ref);
	const bytes = result.success ? files[result.output.$blob] : undefined;
	if (!result.success || !bytes) {
		throw new ImportError(
			`item ${index + 1} of ${table} refers to missing media.`,
			'import/corrupt'
		);
	}
	return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: result.output.type });
}

function validateRow(name: TableName, index: number, row: unknown): unknown {
	const result = v.safeParse(TABLES[name].schema, row);
	let problem = result.success ? undefined : describeIssue(result.issues[0]);
	if (!problem && name === 'settings') {
		const { key, value } = row as { key: string; value: unknown };
		const issue = settingIssue(key, value);
		if (issue) problem = `setting ${key}: ${issue}`;
	}
	if (problem) {
		throw new ImportError(
			`item ${index + 1} of ${name} is not valid (${problem}).`,
			'import/invalid-data'
		);
	}
	return result.success ? result.output : row;
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
	const path = v.getDotPath(issue);
	// A strict schema's unknown key ("Expected never"), in words.
	const message =
		issue.type === 'strict_object' && issue.expected === 'never'
			? 'a field this version of Kompanion does not know'
			: issue.message;
	return path ? `${path}: ${message}` : message;
}

/**
 * Replaces the data on this device with the backup's, in one transaction: if anything fails
 * (a full disk), nothing changes. Secrets already on this device (API keys) are kept.
 */
export async function restoreBackup(
	db: KompanionDb,
	bus: EventBus,
	backup: ParsedBackup
): Promise<BackupSummary> {
	const tables = [...BACKUP_TABLES, ...DERIVED_TABLES].map((name) => db.table(name));
	await writeTx(db, tables, async () => {
		for (const name of DERIVED_TABLES) await db.table(name).clear();
		const secrets = (await db.settings.toArray()).filter((row) => isSecretSetting(row.key));
		for (const name of BACKUP_TABLES) {
			const table = db.table(name);
			await table.clear();
			await table.bulkAdd(backup.rows[name]);
		}
		await db.settings.bulkPut(secrets);
	});
	bus.emit('data:replaced', { reason: 'import' });
	return backup.summary;
}
