import Dexie from 'dexie';
import { ConflictError, NotFoundError } from '$lib/errors';
import type { EventBus } from '$lib/events';
import { PRESETS, presetRowId } from '$lib/companion/presets';
import { CompanionDraftSchema, copyName, type Companion } from '$lib/companion/schema';
import { parseOrThrow } from '$lib/validation';
import { monotonicNow, newId } from '../clock';
import type { KompanionDb } from '../database';
import type { Rev } from '../hlc';
import type { Stamped } from '../rows';
import { writeTx } from '../write';
import { companionNamespace } from './memories';
import { readSetting } from '../settings';

export class CompanionRepo {
	constructor(
		private readonly db: KompanionDb,
		private readonly bus: EventBus
	) {}

	list(): Promise<Stamped<Companion>[]> {
		return this.db.companions.orderBy('createdAt').toArray();
	}

	get(id: string): Promise<Stamped<Companion> | undefined> {
		return this.db.companions.get(id);
	}

	async require(id: string): Promise<Stamped<Companion>> {
		const companion = await this.get(id);
		if (!companion) throw new NotFoundError('This companion');
		return companion;
	}

	/** Validates a draft from the form and stores a new companion. */
	async create(input: unknown): Promise<Stamped<Companion>> {
		const draft = parseOrThrow(CompanionDraftSchema, input, 'The companion was not saved.');
		const now = monotonicNow();
		const companion: Companion = { ...draft, id: newId(), createdAt: now, updatedAt: now };
		const created = await writeTx(this.db, [this.db.companions], () => this.#add(companion));
		this.bus.emit('data:saved', { table: 'companions' });
		return created;
	}

	/**
	 * Stores an edited draft. With `expectedRev` (the rev the form loaded), the save is refused
	 * with a ConflictError carrying the stored companion when the row changed since (another tab
	 * saved it): checked inside the write's transaction, so no save slips in between. Without it
	 * the draft overwrites whatever is stored (the person chose to keep theirs).
	 */
	async update(id: string, input: unknown, expectedRev?: Rev): Promise<Stamped<Companion>> {
		const draft = parseOrThrow(CompanionDraftSchema, input, 'The changes were not saved.');
		const { db } = this;
		const updated = await writeTx(db, [db.companions], async () => {
			const current = await this.require(id);
			if (expectedRev !== undefined && current.rev !== expectedRev) {
				throw new ConflictError('This companion', current);
			}
			const next: Companion = { ...current, ...draft, updatedAt: monotonicNow() };
			await db.companions.put(next);
			return (await db.companions.get(id))!;
		});
		this.bus.emit('data:saved', { table: 'companions' });
		return updated;
	}

	/** A copy under a name that tells it apart ("Mia (copy)", "Mia (copy 2)"), within the limit. */
	async duplicate(id: string): Promise<Stamped<Companion>> {
		const { db } = this;
		const copy = await writeTx(db, [db.companions], async () => {
			const source = await this.require(id);
			const names = (await db.companions.toArray()).map((companion) => companion.name);
			const now = monotonicNow();
			// A copy is no longer the preset, and is a new row with a rev of its own.
			const { presetId, rev, ...rest } = source;
			return this.#add({
				...structuredClone(rest),
				id: newId(),
				name: copyName(source.name, names),
				createdAt: now,
				updatedAt: now
			});
		});
		this.bus.emit('data:saved', { table: 'companions' });
		return copy;
	}

	/** Adds a row and returns it as stored, with its rev. Inside a write transaction. */
	async #add(companion: Companion): Promise<Stamped<Companion>> {
		await this.db.companions.add(companion);
		return (await this.db.companions.get(companion.id))!;
	}

	/**
	 * Deletes a companion with its conversations, messages, private memories, scenarios and their
	 * runs, the tutor's corrections and level samples (their messages go), and life simulation.
	 * Facts about the person (shared memories), vocabulary cards and recordings stay.
	 */
	async remove(id: string): Promise<void> {
		const { db } = this;
		const namespace = companionNamespace(id);
		const forgotten = await writeTx(
			db,
			[
				db.companions,
				db.conversations,
				db.messages,
				db.memories,
				db.memoryVersions,
				db.scenarios,
				db.scenarioRuns,
				db.corrections,
				db.levelSamples,
				db.lifeSim,
				db.lifeDays
			],
			async () => {
				const conversationIds = await db.conversations
					.where('companionId')
					.equals(id)
					.primaryKeys();
				await db.messages.where('conversationId').anyOf(conversationIds).delete();
				await db.conversations.bulkDelete(conversationIds);
				const memoryIds = await db.memories.where('namespace').equals(namespace).primaryKeys();
				await db.memoryVersions.where('memoryId').anyOf(memoryIds).delete();
				await db.memories.bulkDelete(memoryIds);
				await db.scenarios.where('companionId').equals(id).delete();
				const own = [
					[id, Dexie.minKey],
					[id, Dexie.maxKey]
				] as const;
				await db.scenarioRuns
					.where('[companionId+startedAt]')
					.between(...own)
					.delete();
				await db.corrections
					.where('[companionId+createdAt]')
					.between(...own)
					.delete();
				await db.levelSamples
					.where('[companionId+createdAt]')
					.between(...own)
					.delete();
				await db.lifeDays.where('companionId').equals(id).delete();
				await db.lifeSim.delete(id);
				await db.companions.delete(id);
				return memoryIds;
			}
		);
		this.bus.emit('memory:changed', { upserted: [], removed: forgotten });
		this.bus.emit('data:saved', { table: 'companions' });
	}

	/** Adds the built-in companions once, on the first start. Returns how many were added. */
	async seedPresets(): Promise<number> {
		const { db } = this;
		return writeTx(db, [db.companions, db.settings], async () => {
			const seeded = await db.settings.get('presets.seeded');
			if (readSetting('presets.seeded', seeded?.value)) return 0;
			let added = 0;
			for (const preset of PRESETS) {
				if (await db.companions.get(presetRowId(preset.id))) continue;
				await db.companions.add(this.#fromPreset(preset.id));
				added++;
			}
			await db.settings.put({ key: 'presets.seeded', value: true });
			return added;
		});
	}

	/** Adds a fresh copy of a built-in companion, e.g. after it was deleted. */
	async addPreset(presetId: string): Promise<Stamped<Companion>> {
		const companion = this.#fromPreset(presetId);
		const added = await writeTx(this.db, [this.db.companions], async () => {
			if (await this.get(companion.id)) companion.id = newId();
			return this.#add(companion);
		});
		this.bus.emit('data:saved', { table: 'companions' });
		return added;
	}

	#fromPreset(presetId: string): Companion {
		const preset = PRESETS.find((candidate) => candidate.id === presetId);
		if (!preset) throw new NotFoundError('This built-in companion');
		const now = monotonicNow();
		return {
			...structuredClone(preset.draft),
			id: presetRowId(preset.id),
			presetId: preset.id,
			createdAt: now,
			updatedAt: now
		};
	}
}
