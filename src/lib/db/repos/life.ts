import Dexie from 'dexie';
import type { EventBus } from '$lib/events';
import { monotonicNow } from '../clock';
import type { KompanionDb } from '../database';
import type { LifeDay, LifeSimState } from '../rows';
import { writeTx } from '../write';

/** What the life simulation keeps in the `lifeSim` row besides its free-form state. */
export interface LifeRow {
	city: string;
	/** Days simulated so far. */
	day: number;
	state: Record<string, unknown>;
}

export interface NewLifeDay {
	date: string;
	events: Record<string, unknown>[];
	writtenBy: LifeDay['writtenBy'];
}

const dayId = (companionId: string, date: string) => `${companionId}/${date}`;

/**
 * A companion's simulated life: its world and progress (`lifeSim`) and its days (`lifeDays`).
 * The shapes inside are lib/tutor/life's, validated there; this repo only writes them, each
 * simulated day in one transaction with the state it leads to.
 */
export class LifeRepo {
	constructor(
		private readonly db: KompanionDb,
		private readonly bus: EventBus
	) {}

	get(companionId: string): Promise<LifeSimState | undefined> {
		return this.db.lifeSim.get(companionId);
	}

	/** Stores the world and its state (switched on or off, paused, edited). */
	async put(companionId: string, row: LifeRow): Promise<LifeSimState> {
		const stored: LifeSimState = { companionId, ...row, updatedAt: monotonicNow() };
		await writeTx(this.db, [this.db.lifeSim], () => this.db.lifeSim.put(stored));
		this.bus.emit('data:saved', { table: 'lifeSim' });
		return stored;
	}

	/**
	 * Changes the stored state in one transaction: `change` gets the row as stored and returns the
	 * new one, or null to leave it as it is. False when nothing was written.
	 */
	async update(
		companionId: string,
		change: (row: LifeSimState) => LifeRow | null
	): Promise<boolean> {
		const { db } = this;
		const written = await writeTx(db, [db.lifeSim], async () => {
			const current = await db.lifeSim.get(companionId);
			const next = current && change(current);
			if (!next) return false;
			await db.lifeSim.put({ companionId, ...next, updatedAt: monotonicNow() });
			return true;
		});
		if (written) this.bus.emit('data:saved', { table: 'lifeSim' });
		return written;
	}

	/**
	 * Stores one simulated day and the state after it, all or nothing. A day already stored (it
	 * came by sync, or another tab simulated it) is kept as it is; the state still moves on. Nothing
	 * is written when the stored state is already past `expectedDay` (another tab was quicker).
	 */
	async writeDay(
		companionId: string,
		day: NewLifeDay,
		next: LifeRow,
		expectedDay: number
	): Promise<'written' | 'kept' | 'stale'> {
		const { db } = this;
		const outcome = await writeTx(db, [db.lifeSim, db.lifeDays], async () => {
			const current = await db.lifeSim.get(companionId);
			if (!current || current.day !== expectedDay) return 'stale' as const;
			const at = monotonicNow();
			const existing = await db.lifeDays.get(dayId(companionId, day.date));
			if (!existing) {
				await db.lifeDays.add({
					id: dayId(companionId, day.date),
					companionId,
					date: day.date,
					events: day.events,
					writtenBy: day.writtenBy,
					createdAt: at,
					updatedAt: at
				});
			}
			await db.lifeSim.put({ companionId, ...next, updatedAt: at });
			return existing ? ('kept' as const) : ('written' as const);
		});
		if (outcome !== 'stale') this.bus.emit('data:saved', { table: 'lifeDays' });
		return outcome;
	}

	/**
	 * Replaces a generated day's events with the LLM's richer ones. Only a day still as the
	 * generator wrote it (`updatedAt` unchanged) is replaced: false otherwise.
	 */
	async enrichDay(
		companionId: string,
		date: string,
		events: Record<string, unknown>[],
		expectedUpdatedAt: number
	): Promise<boolean> {
		const { db } = this;
		const changed = await writeTx(db, [db.lifeDays], async () => {
			const row = await db.lifeDays.get(dayId(companionId, date));
			if (!row || row.writtenBy !== 'generator' || row.updatedAt !== expectedUpdatedAt)
				return false;
			await db.lifeDays.put({ ...row, events, writtenBy: 'llm', updatedAt: monotonicNow() });
			return true;
		});
		if (changed) this.bus.emit('data:saved', { table: 'lifeDays' });
		return changed;
	}

	day(companionId: string, date: string): Promise<LifeDay | undefined> {
		return this.db.lifeDays.get(dayId(companionId, date));
	}

	/** The newest `limit` days up to and including `until`, newest first. */
	recent(companionId: string, until: string, limit: number): Promise<LifeDay[]> {
		return this.db.lifeDays
			.where('[companionId+date]')
			.between([companionId, Dexie.minKey], [companionId, until], true, true)
			.reverse()
			.limit(limit)
			.toArray();
	}

	/** Starts the life over: its days and its world go, in one transaction. */
	async reset(companionId: string): Promise<void> {
		const { db } = this;
		await writeTx(db, [db.lifeSim, db.lifeDays], async () => {
			await db.lifeDays.where('companionId').equals(companionId).delete();
			await db.lifeSim.delete(companionId);
		});
		this.bus.emit('data:saved', { table: 'lifeSim' });
	}
}
