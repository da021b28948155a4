import { NotFoundError } from '$lib/errors';
import type { EventBus } from '$lib/events';
import { PRESETS, presetRowId } from '$lib/companion/presets';
import { CompanionDraftSchema, LIMITS, type Companion } from '$lib/companion/schema';
import { parseOrThrow } from '$lib/validation';
import { monotonicNow, newId } from '../clock';
import type { KompanionDb } from '../database';
import { writeTx } from '../write';
import { companionNamespace } from './memories';
import { readSetting } from '../settings';

export class CompanionRepo {
	constructor(
		private readonly db: KompanionDb,
		private readonly bus: EventBus
	) {}

	list(): Promise<Companion[]> {
		return this.db.companions.orderBy('createdAt').toArray();
	}

	get(id: string): Promise<Companion | undefined> {
		return this.db.companions.get(id);
	}

	async require(id: string): Promise<Companion> {
		const companion = await this.get(id);
		if (!companion) throw new NotFoundError('This companion');
		return companion;
	}

	/** Validates a draft from the form and stores a new companion. */
	async create(input: unknown): Promise<Companion> {
		const draft = parseOrThrow(CompanionDraftSchema, input, 'The companion was not saved.');
		const now = monotonicNow();
		const companion: Companion = { ...draft, id: newId(), createdAt: now, updatedAt: now };
		await writeTx(this.db, [this.db.companions], () => this.db.companions.add(companion));
		this.bus.emit('data:saved', { table: 'companions' });
		return companion;
	}

	async update(id: string, input: unknown): Promise<Companion> {
		const draft = parseOrThrow(CompanionDraftSchema, input, 'The changes were not saved.');
		const updated = await writeTx(this.db, [this.db.companions], async () => {
			const current = await this.require(id);
			const next: Companion = { ...current, ...draft, updatedAt: monotonicNow() };
			await this.db.companions.put(next);
			return next;
		});
		this.bus.emit('data:saved', { table: 'companions' });
		return updated;
	}

	async duplicate(id: string): Promise<Companion> {
		const source = await this.require(id);
		const now = monotonicNow();
		const { presetId, ...rest } = source; // a copy is no longer the preset
		const copy: Companion = {
			...structuredClone(rest),
			id: newId(),
			name: `${source.name} (copy)`.slice(0, LIMITS.name),
			createdAt: now,
			updatedAt: now
		};
		await writeTx(this.db, [this.db.companions], () => this.db.companions.add(copy));
		this.bus.emit('data:saved', { table: 'companions' });
		return copy;
	}

	/**
	 * Deletes a companion with its conversations, messages, private memories, scenarios and life
	 * simulation. Facts about the person (shared memories), vocabulary and recordings stay.
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
				db.lifeSim
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
	async addPreset(presetId: string): Promise<Companion> {
		const companion = this.#fromPreset(presetId);
		if (await this.get(companion.id)) companion.id = newId();
		await writeTx(this.db, [this.db.companions], () => this.db.companions.add(companion));
		this.bus.emit('data:saved', { table: 'companions' });
		return companion;
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
