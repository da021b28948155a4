import Dexie from 'dexie';
import type { EventBus } from '$lib/events';
import { monotonicNow, newId } from '../clock';
import type { KompanionDb } from '../database';
import type { CorrectionRecord, LevelSample } from '../rows';
import { writeTx } from '../write';

export type NewCorrectionRecord = Omit<CorrectionRecord, 'id' | 'createdAt' | 'updatedAt'>;
export type CorrectionPatch = Partial<
	Pick<CorrectionRecord, 'corrected' | 'edits' | 'flags' | 'llm'>
>;
export type NewLevelSample = Omit<LevelSample, 'id' | 'createdAt'> &
	Partial<Pick<LevelSample, 'createdAt'>>;

/** The tutor's corrections, one record per learner message (its id is the message's). */
export class CorrectionRepo {
	constructor(
		private readonly db: KompanionDb,
		private readonly bus: EventBus
	) {}

	get(messageId: string): Promise<CorrectionRecord | undefined> {
		return this.db.corrections.get(messageId);
	}

	forConversation(conversationId: string): Promise<CorrectionRecord[]> {
		return this.db.corrections.where('conversationId').equals(conversationId).toArray();
	}

	/** A companion's corrections since `since` (epoch ms), oldest first (the progress page). */
	since(companionId: string | null, since: number): Promise<CorrectionRecord[]> {
		if (companionId === null)
			return this.db.corrections.where('createdAt').aboveOrEqual(since).toArray();
		return this.db.corrections
			.where('[companionId+createdAt]')
			.between([companionId, since], [companionId, Dexie.maxKey])
			.toArray();
	}

	/** Records the deterministic layer's result for a message (again: replaces it). */
	async put(input: NewCorrectionRecord): Promise<CorrectionRecord> {
		const at = monotonicNow();
		const record: CorrectionRecord = {
			...input,
			id: input.messageId,
			createdAt: at,
			updatedAt: at
		};
		await writeTx(this.db, [this.db.corrections], () => this.db.corrections.put(record));
		this.bus.emit('data:saved', { table: 'corrections' });
		return record;
	}

	/** Merges the LLM pass in; false when the record is gone (its message was deleted). */
	async update(messageId: string, patch: CorrectionPatch): Promise<boolean> {
		const changed = await writeTx(this.db, [this.db.corrections], () =>
			this.db.corrections.update(messageId, { ...patch, updatedAt: monotonicNow() })
		);
		if (changed) this.bus.emit('data:saved', { table: 'corrections' });
		return changed > 0;
	}

	/** Records still waiting for the LLM pass, oldest first. */
	async pending(conversationId: string): Promise<CorrectionRecord[]> {
		const records = await this.forConversation(conversationId);
		return records.filter((r) => r.llm === 'pending').sort((a, b) => a.createdAt - b.createdAt);
	}
}

/** Level estimates of learner messages and companion replies, for the progress page. */
export class LevelSampleRepo {
	constructor(
		private readonly db: KompanionDb,
		private readonly bus: EventBus
	) {}

	async add(input: NewLevelSample): Promise<LevelSample> {
		const sample: LevelSample = {
			...input,
			id: newId(),
			createdAt: input.createdAt ?? monotonicNow()
		};
		await writeTx(this.db, [this.db.levelSamples], () => this.db.levelSamples.add(sample));
		this.bus.emit('data:saved', { table: 'levelSamples' });
		return sample;
	}

	/** A companion's samples since `since`, oldest first; every companion's when null. */
	since(companionId: string | null, since: number): Promise<LevelSample[]> {
		if (companionId === null)
			return this.db.levelSamples
				.filter((sample) => sample.createdAt >= since)
				.toArray()
				.then((rows) => rows.sort((a, b) => a.createdAt - b.createdAt));
		return this.db.levelSamples
			.where('[companionId+createdAt]')
			.between([companionId, since], [companionId, Dexie.maxKey])
			.toArray();
	}
}
