import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreTable } from 'dexie';
import type { HybridClock, Rev } from './hlc';
import type { OutboxEntry } from './rows';

export const OUTBOX = 'outbox';

/**
 * Transactions whose writes are not the person's: rows sync brought from another device. They
 * are marked while they run (`untracked`) so that applying a pulled row does not queue it to be
 * pushed back.
 */
const untrackedTransactions = new WeakSet<object>();

/**
 * Runs `work` in a read-write transaction over `tables` whose writes stay out of the outbox (rows
 * pulled from another device by sync). Revs the rows carry are kept (revs.ts).
 */
export function untracked<T>(db: Dexie, tables: string[], work: () => Promise<T>): Promise<T> {
	return db.transaction('rw', tables, async (tx) => {
		untrackedTransactions.add(tx.idbtrans);
		return work();
	});
}

/**
 * Every write to a synced table appends an outbox entry in the same transaction, whichever code
 * wrote it: a Dexie middleware, below the repos, so no repo (or a repo added later) can forget.
 * Read-write transactions over a synced table take the outbox into their scope; an entry names
 * the table and key and whether the row was put or deleted (a delete carries the rev of its
 * tombstone, so it wins over the versions before it). Sync pushes the rows as they are when it
 * runs, so several entries for one row cost one upload.
 *
 * Only while `enabled()`: the app tracks once the person has set sync up (`syncTracking`), so a
 * person who never syncs has no queue growing with every message; setting sync up queues every
 * existing row once (`SyncEngine.enqueueEverything`).
 *
 * Not tracked: schema upgrades (every device runs the same one), rows sync applied (`untracked`)
 * and clearing whole tables (erasing this device, replacing it from a backup: that is about this
 * device, not a wish to delete the person's data everywhere; "Delete my cloud data" is separate).
 */
export function trackChanges(
	db: Dexie,
	synced: readonly string[],
	clock: HybridClock,
	onTracked: () => void = () => {},
	enabled: () => boolean = () => true
): void {
	const tracked = new Set(synced);
	db.use({
		stack: 'dbcore',
		name: 'outbox',
		create: (down: DBCore): Partial<DBCore> => ({
			...down,
			transaction(stores, mode, options) {
				const widen =
					mode === 'readwrite' &&
					!stores.includes(OUTBOX) &&
					stores.some((store) => tracked.has(store));
				return down.transaction(widen ? [...stores, OUTBOX] : stores, mode, options);
			},
			table(name: string): DBCoreTable {
				const table = down.table(name);
				if (!tracked.has(name)) return table;
				return {
					...table,
					async mutate(request: DBCoreMutateRequest) {
						const response = await table.mutate(request);
						if (request.type === 'deleteRange' || !enabled() || !isTracked(request.trans)) {
							return response;
						}
						const keys = changedKeys(request, response.results).filter(
							(_key, index) => !(index in response.failures)
						);
						if (keys.length === 0) return response;
						const at = Date.now();
						const op = request.type === 'delete' ? 'delete' : 'put';
						const values: OutboxEntry[] = keys.map((key) => ({
							table: name,
							key: String(key),
							op,
							at,
							...(op === 'delete' ? { rev: clock.now() as Rev } : {})
						}));
						await down
							.table(OUTBOX)
							.mutate({ type: 'add', trans: request.trans, values: values as never[] });
						onTracked();
						return response;
					}
				};
			}
		})
	});
}

/**
 * By the write's own transaction only. Not by `Dexie.currentTransaction`: that is Dexie's zone,
 * which can still name sync's untracked transaction while another transaction (a person's edit
 * made at the same moment) writes, and the edit then never reached the outbox (seen in a CI run:
 * a rename saved while a pull applied rows was never pushed).
 */
function isTracked(trans: object): boolean {
	if ((trans as IDBTransaction).mode === 'versionchange') return false;
	return !untrackedTransactions.has(trans);
}

function changedKeys(request: DBCoreMutateRequest, results: unknown[] | undefined): unknown[] {
	switch (request.type) {
		case 'add':
			return results ?? request.keys ?? [];
		case 'put':
			return results ?? request.keys ?? request.updates?.keys ?? [];
		case 'delete':
			return request.keys;
		default:
			return [];
	}
}

/**
 * Whether this browser queues changes for sync: set when the person sets sync up. In
 * localStorage, not IndexedDB, because every write asks synchronously and every tab must see it
 * at once; it holds nothing but "1".
 */
const TRACKING_KEY = 'kompanion.sync.tracking';

export function syncTracking(): boolean {
	try {
		return globalThis.localStorage?.getItem(TRACKING_KEY) === '1';
	} catch {
		return false;
	}
}

export function setSyncTracking(on: boolean): void {
	try {
		if (on) globalThis.localStorage?.setItem(TRACKING_KEY, '1');
		else globalThis.localStorage?.removeItem(TRACKING_KEY);
	} catch {
		// Storage refused (a private window): the queue follows from enqueueEverything at start.
	}
}
