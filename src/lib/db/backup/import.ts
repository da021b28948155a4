import { strFromU8 } from 'fflate';
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
import { ZipReader } from './zip-reader';

/** Zip's own limit without Zip64; the file is read lazily, so memory is not the bound. */
export const MAX_BACKUP_BYTES = 4 * 1024 ** 3 - 1;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export interface ParsedBackup {
	manifest: BackupManifest;
	rows: Record<TableName, unknown[]>;
	summary: BackupSummary;
}

const NOT_A_BACKUP = 'it is not a Kompanion backup. Choose a .zip file made with “Export my data”.';

/**
 * Reads and validates a backup completely before anything is written, so a bad or foreign file
 * is refused with a clear reason and leaves the device's data untouched. This is the staging step:
 * the rows are parsed and checked here, while media stays in the file (each recording chunk is a
 * slice of it, read only when `restoreBackup` commits it), so a backup with long recordings is
 * never read into memory whole.
 */
export async function readBackup(file: Blob): Promise<ParsedBackup> {
	if (file.size > MAX_BACKUP_BYTES) {
		throw new ImportError('it is larger than a backup can be (4 GB).', 'import/too-large');
	}
	const magic = new Uint8Array(await file.slice(0, 4).arrayBuffer());
	if (magic.length < 4 || ZIP_MAGIC.some((byte, i) => magic[i] !== byte)) {
		throw new ImportError(NOT_A_BACKUP, 'import/not-a-backup');
	}
	const zip = await unpack(() => ZipReader.open(file));
	const manifest = await readManifest(zip);
	const rows = {} as Record<TableName, unknown[]>;
	let blobs = 0;
	let blobBytes = 0;
	for (const name of BACKUP_TABLES) {
		const list = await readTable(zip, name, manifest.tables[name] ?? 0);
		for (const [index, row] of list.entries()) {
			for (const field of TABLES[name].blobFields) {
				const record = row as Record<string, unknown>;
				const blob = await reviveBlob(zip, record[field], name, index);
				record[field] = blob;
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

/** Runs a read of the zip, turning a damaged file into the person's message. */
async function unpack<T>(read: () => Promise<T>): Promise<T> {
	try {
		return await read();
	} catch (error) {
		if (error instanceof ImportError) throw error;
		throw new ImportError(
			'the file is damaged and could not be unpacked.',
			'import/corrupt',
			error
		);
	}
}

async function readManifest(zip: ZipReader): Promise<BackupManifest> {
	const raw = await unpack(() => zip.bytes(MANIFEST_PATH));
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

async function readTable(zip: ZipReader, name: TableName, expected: number): Promise<unknown[]> {
	const raw = await unpack(() => zip.bytes(tablePath(name)));
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

async function reviveBlob(
	zip: ZipReader,
	ref: unknown,
	table: string,
	index: number
): Promise<Blob> {
	const result = v.safeParse(BlobRefSchema, ref);
	const blob = result.success
		? await unpack(() => zip.blob(result.output.$blob, result.output.type))
		: undefined;
	if (!blob) {
		throw new ImportError(
			`item ${index + 1} of ${table} refers to missing media.`,
			'import/corrupt'
		);
	}
	return blob;
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
