import type { EventBus } from '$lib/events';
import type { KompanionDb } from './database';
import { TABLE_NAMES } from './tables';
import { writeTx } from './write';

/**
 * Deletes every row of every table in one transaction: all or nothing. This device's id stays:
 * it is not the person's data, and the revs made after the erase keep ending with it.
 */
export async function eraseEverything(db: KompanionDb, bus: EventBus): Promise<void> {
	const tables = TABLE_NAMES.filter((name) => name !== 'device').map((name) => db.table(name));
	await writeTx(db, tables, async () => {
		for (const table of tables) await table.clear();
	});
	bus.emit('data:replaced', { reason: 'erase' });
}

/** Row counts per table, for the settings page and backup summaries. */
export async function countRows(db: KompanionDb): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	await db.transaction(
		'r',
		TABLE_NAMES.map((name) => db.table(name)),
		async () => {
			for (const name of TABLE_NAMES) counts[name] = await db.table(name).count();
		}
	);
	return counts;
}
