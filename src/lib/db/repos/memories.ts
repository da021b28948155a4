import Dexie from 'dexie';
import * as v from 'valibot';
import { NotFoundError } from '$lib/errors';
import type { EventBus, MemoryRef } from '$lib/events';
import { parseOrThrow } from '$lib/validation';
import { monotonicNow, newId } from '../clock';
import type { KompanionDb } from '../database';
import {
	MEMORY_KINDS,
	MEMORY_TEXT_MAX,
	MemoryNamespaceSchema,
	type Memory,
	type MemoryKind,
	type MemoryVersion
} from '../rows';
import { writeTx } from '../write';

export type MemoryAuthor = MemoryVersion['by'];
export type MemoryChange = 'updated' | 'merged' | 'edited';

const MemoryText = v.pipe(
	v.string(),
	v.trim(),
	v.nonEmpty('Write what should be remembered.'),
	v.maxLength(MEMORY_TEXT_MAX, `A memory holds at most ${MEMORY_TEXT_MAX} characters.`)
);
const Importance = v.pipe(
	v.number(),
	v.minValue(0, 'Importance is between 0 and 1.'),
	v.maxValue(1, 'Importance is between 0 and 1.')
);

export const MemoryDraftSchema = v.object({
	kind: v.picklist(MEMORY_KINDS),
	namespace: MemoryNamespaceSchema,
	text: MemoryText,
	importance: Importance,
	pinned: v.optional(v.boolean(), false),
	sourceConversationId: v.optional(v.pipe(v.string(), v.maxLength(64)))
});
export type MemoryDraft = v.InferInput<typeof MemoryDraftSchema>;

export const MemoryPatchSchema = v.object({
	kind: v.optional(v.picklist(MEMORY_KINDS)),
	namespace: v.optional(MemoryNamespaceSchema),
	text: v.optional(MemoryText),
	importance: v.optional(Importance)
});
export type MemoryPatch = v.InferInput<typeof MemoryPatchSchema>;

/** The namespace of a companion's private memories. */
export const companionNamespace = (companionId: string) => `companion:${companionId}`;
/** Where a companion's memory reads from: facts about the person, then its own. */
export const namespacesFor = (companionId: string) => ['shared', companionNamespace(companionId)];

const ref = ({ id, namespace, text }: Memory): MemoryRef => ({ id, namespace, text });

/**
 * Long-term memories and their history. Every version of a memory is kept as a row in
 * `memoryVersions` (its text and importance, why it changed and who changed it), written in the
 * same transaction as the memory; deleting forgets the memory with its whole history.
 */
export class MemoryRepo {
	constructor(
		private readonly db: KompanionDb,
		private readonly bus: EventBus
	) {}

	get(id: string): Promise<Memory | undefined> {
		return this.db.memories.get(id);
	}

	bulkGet(ids: readonly string[]): Promise<(Memory | undefined)[]> {
		return this.db.memories.bulkGet([...ids]);
	}

	/** The memories of some namespaces, most recently changed first. */
	async list(namespaces: readonly string[]): Promise<Memory[]> {
		const lists = await Promise.all(
			namespaces.map((namespace) =>
				this.db.memories
					.where('[namespace+updatedAt]')
					.between([namespace, Dexie.minKey], [namespace, Dexie.maxKey])
					.reverse()
					.toArray()
			)
		);
		return lists.flat().sort((a, b) => b.updatedAt - a.updatedAt);
	}

	/** Whether any memory lives in these namespaces (memory search has something to find). */
	async any(namespaces: readonly string[]): Promise<boolean> {
		const first = await this.db.memories
			.where('namespace')
			.anyOf([...namespaces])
			.first();
		return first !== undefined;
	}

	/** Pinned memories of some namespaces (always placed in the prompt). */
	async pinned(namespaces: readonly string[]): Promise<Memory[]> {
		return this.db.memories
			.where('pinnedAt')
			.above(0)
			.filter((memory) => namespaces.includes(memory.namespace))
			.toArray();
	}

	/** The most important memories of some namespaces, most important first. */
	async mostImportant(namespaces: readonly string[], limit: number): Promise<Memory[]> {
		const lists = await Promise.all(
			namespaces.map((namespace) =>
				this.db.memories
					.where('[namespace+importance]')
					.between([namespace, Dexie.minKey], [namespace, Dexie.maxKey])
					.reverse()
					.limit(limit)
					.toArray()
			)
		);
		return lists
			.flat()
			.sort((a, b) => b.importance - a.importance)
			.slice(0, limit);
	}

	/** Every version of a memory, newest first. */
	async versions(id: string): Promise<MemoryVersion[]> {
		const rows = await this.db.memoryVersions.where('memoryId').equals(id).toArray();
		return rows.sort((a, b) => b.version - a.version);
	}

	/** The episode (summary) of a conversation, if one was written. */
	async episodeFor(conversationId: string): Promise<Memory | undefined> {
		return (
			await this.db.memories.where('sourceConversationId').equals(conversationId).toArray()
		).find((memory) => memory.kind === 'episodic');
	}

	/** The newest episode of a companion, other than `exceptConversationId`'s. */
	async latestEpisode(
		companionId: string,
		exceptConversationId?: string
	): Promise<Memory | undefined> {
		const namespace = companionNamespace(companionId);
		return this.db.memories
			.where('[namespace+kind+updatedAt]')
			.between([namespace, 'episodic', Dexie.minKey], [namespace, 'episodic', Dexie.maxKey])
			.reverse()
			.filter((memory) => memory.sourceConversationId !== exceptConversationId)
			.first();
	}

	/** Memories whose text mentions `term` (case and accents ignored), for "forget everything about". */
	async mentioning(term: string, namespaces: readonly string[]): Promise<Memory[]> {
		const needle = fold(term.trim());
		if (!needle) return [];
		return (await this.list(namespaces)).filter((memory) => fold(memory.text).includes(needle));
	}

	async add(draft: MemoryDraft, by: MemoryAuthor): Promise<Memory> {
		const input = parseOrThrow(MemoryDraftSchema, draft, 'This memory cannot be saved:');
		const now = monotonicNow();
		const { pinned, ...fields } = input;
		const memory: Memory = {
			id: newId(),
			...fields,
			pinned,
			...(pinned ? { pinnedAt: now } : {}),
			version: 1,
			createdBy: by,
			createdAt: now,
			updatedAt: now
		};
		const { db } = this;
		await writeTx(db, [db.memories, db.memoryVersions], async () => {
			await db.memories.add(memory);
			await db.memoryVersions.add(versionOf(memory, 'created', by, now));
		});
		this.#changed(by, [ref(memory)], []);
		return memory;
	}

	/**
	 * Changes a memory's text, importance, kind or namespace as a new version (the previous one
	 * stays in its history). Returns the memory as it is now; unchanged when nothing differs.
	 */
	async update(
		id: string,
		patch: MemoryPatch,
		by: MemoryAuthor,
		reason: MemoryChange = by === 'person' ? 'edited' : 'updated'
	): Promise<Memory> {
		const input = parseOrThrow(MemoryPatchSchema, patch, 'This memory cannot be saved:');
		const { db } = this;
		const next = await writeTx(db, [db.memories, db.memoryVersions], async () => {
			const current = await db.memories.get(id);
			if (!current) throw new NotFoundError('This memory');
			const changed = (Object.keys(input) as (keyof typeof input)[]).some(
				(key) => input[key] !== undefined && input[key] !== current[key]
			);
			if (!changed) return null;
			const now = monotonicNow();
			const updated: Memory = {
				...current,
				...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)),
				version: current.version + 1,
				updatedAt: now
			};
			await db.memories.put(updated);
			await db.memoryVersions.add(versionOf(updated, reason, by, now));
			return updated;
		});
		if (!next) return (await this.get(id))!;
		this.#changed(by, [ref(next)], []);
		return next;
	}

	/** Pins or unpins: pinned memories are always in the companion's prompt. Not a new version. */
	async setPinned(id: string, pinned: boolean): Promise<void> {
		await writeTx(this.db, [this.db.memories], async () => {
			const memory = await this.db.memories.get(id);
			if (!memory) throw new NotFoundError('This memory');
			const next: Memory = { ...memory, pinned };
			if (pinned) next.pinnedAt = Date.now();
			else delete next.pinnedAt;
			await this.db.memories.put(next);
		});
		this.bus.emit('data:saved', { table: 'memories' });
	}

	/** Forgets memories with their whole history, in one transaction. */
	async remove(ids: readonly string[], by: MemoryAuthor): Promise<void> {
		if (ids.length === 0) return;
		const { db } = this;
		await writeTx(db, [db.memories, db.memoryVersions], async () => {
			await db.memoryVersions
				.where('memoryId')
				.anyOf([...ids])
				.delete();
			await db.memories.bulkDelete([...ids]);
		});
		this.#changed(by, [], ids);
	}

	#changed(by: MemoryAuthor, upserted: MemoryRef[], removed: readonly string[]) {
		this.bus.emit('memory:changed', { upserted, removed });
		if (by === 'person') this.bus.emit('data:saved', { table: 'memories' });
	}
}

function versionOf(
	memory: Memory,
	reason: MemoryVersion['reason'],
	by: MemoryAuthor,
	changedAt: number
): MemoryVersion {
	return {
		id: newId(),
		memoryId: memory.id,
		version: memory.version,
		text: memory.text,
		importance: memory.importance,
		reason,
		by,
		changedAt
	};
}

/** Lower case without accents, for matching a name however it was typed ("Müller", "muller"). */
function fold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase();
}

export type { MemoryKind };
