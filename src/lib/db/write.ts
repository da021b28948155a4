import type { Table } from 'dexie';
import { toAppError } from '$lib/errors';
import type { KompanionDb } from './database';

/**
 * Runs a read-write transaction over `tables`. Either every write lands or none does, and a
 * failure comes out as an AppError (a full disk as StorageFullError), never a raw Dexie error.
 */
export async function writeTx<T>(
	db: KompanionDb,
	tables: readonly Table[],
	work: () => Promise<T>
): Promise<T> {
	try {
		return await db.transaction('rw', tables as Table[], work);
	} catch (error) {
		throw toAppError(error);
	}
}
