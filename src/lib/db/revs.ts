import type { Table, Transaction } from 'dexie';
import * as v from 'valibot';
import { RevSchema, newDeviceId, type HybridClock, type Rev } from './hlc';
import type { DeviceRow } from './rows';

const isRev = (value: unknown): value is Rev => v.is(RevSchema, value);

/**
 * Gives every row written to `tables` a fresh rev, whichever repo (or migration, or import)
 * writes it, so none can forget. The rules, in Dexie's hooks (they run inside the write's
 * transaction):
 * - A row that arrives with a rev keeps it (a restored backup; later, a row from another
 *   device), and the clock moves past it. Any other new row gets `clock.now()`. So a new row
 *   made from a copy of another leaves the rev out (CompanionRepo.duplicate).
 * - A change that sets a new rev itself keeps it. Any other change gets a rev later than the
 *   row's previous one (`clock.receive`), so a row's rev grows with every write even when two
 *   tabs write it or the wall clock went back. A form that remembers the rev it loaded can tell
 *   whether the row changed since (CompanionRepo.update's `expectedRev`).
 * - Schema upgrades write rows exactly as they say: the same upgrade on every device must give the
 *   same rows, not new versions of them (the schema 3 upgrade gives older rows their revs).
 */
export function stampRevs(tables: readonly Table[], clock: HybridClock): void {
	for (const table of tables) {
		table.hook('creating', (_key, row: { rev?: unknown }, tx: Transaction) => {
			if (isUpgrade(tx)) return;
			if (isRev(row.rev)) clock.observe(row.rev);
			else row.rev = clock.now();
		});
		table.hook('updating', (changes: { rev?: unknown }, _key, row: { rev?: unknown }, tx) => {
			if (isUpgrade(tx)) return undefined;
			if (isRev(changes.rev) && changes.rev !== row.rev) {
				clock.observe(changes.rev);
				return undefined;
			}
			return { rev: isRev(row.rev) ? clock.receive(row.rev) : clock.now() };
		});
	}
}

const isUpgrade = (tx: Transaction) => tx.idbtrans?.mode === 'versionchange';

/**
 * This device's id, made on first use. Call inside a read-write transaction over `table`, so two
 * tabs opening a new database at once agree on one id.
 */
export async function deviceIdIn(table: Table<DeviceRow, 'this'>): Promise<string> {
	const stored = await table.get('this');
	if (stored) return stored.id;
	const id = newDeviceId();
	await table.add({ key: 'this', id });
	return id;
}
