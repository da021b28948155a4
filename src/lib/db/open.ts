import Dexie from 'dexie';
import { DatabaseError } from '$lib/errors';
import type { KompanionDb } from './database';

/** Opens the database, turning the ways it can fail into messages a person can act on. */
export async function openDatabase(db: KompanionDb): Promise<void> {
	try {
		await db.open();
	} catch (error) {
		throw describeOpenError(error);
	}
}

function describeOpenError(error: unknown): DatabaseError {
	if (error instanceof Dexie.MissingAPIError) {
		return new DatabaseError(
			'This browser window does not let Kompanion store data (IndexedDB is unavailable, as in ' +
				'some private windows). Open Kompanion in a normal window.',
			error,
			'storage/unavailable'
		);
	}
	if (error instanceof Dexie.VersionError) {
		return new DatabaseError(
			'Your data was saved by a newer version of Kompanion than this one. Reload the page to ' +
				'get the latest version; your data is untouched.',
			error,
			'storage/newer-version'
		);
	}
	const detail = error instanceof Error ? error.message : String(error);
	return new DatabaseError(
		`Kompanion could not open its local database (${detail}). Close other Kompanion tabs and ` +
			'reload; your data is untouched.',
		error,
		'storage/open-failed'
	);
}
