import Dexie, { type Table, type Transaction } from 'dexie';
import type {
	Companion,
	Conversation,
	LifeSimState,
	Memory,
	MemoryVectorBlock,
	MemoryVersion,
	Message,
	OutboxEntry,
	Profile,
	Recording,
	RecordingChunk,
	Scenario,
	Setting,
	VocabularyCard
} from './rows';

export const DB_NAME = 'kompanion';

export interface SchemaVersion {
	version: number;
	/** Dexie store specs: primary key first, then indexed fields. `null` drops a table. */
	stores: Record<string, string | null>;
	/** Data migration run inside the upgrade transaction. */
	upgrade?: (tx: Transaction) => Promise<void>;
}

/**
 * The schema history. Released entries are never edited: a change is a new entry, with an
 * `upgrade` when existing rows must be rewritten. tests/unit/db/migrations.test.ts opens a database
 * at every earlier version and checks that it upgrades to the latest without losing rows.
 */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
	{
		version: 1,
		stores: {
			profile: 'id',
			companions: 'id, createdAt',
			conversations: 'id, companionId, [companionId+updatedAt], updatedAt',
			messages: 'id, conversationId, [conversationId+createdAt]',
			memories: 'id, namespace, kind, updatedAt, sourceConversationId',
			memoryVersions: 'id, memoryId',
			recordings: 'id, conversationId, companionId, startedAt',
			recordingChunks: '[recordingId+seq], recordingId',
			vocabulary: 'id, [language+due], companionId',
			scenarios: 'id, companionId',
			lifeSim: 'companionId',
			settings: 'key',
			outbox: '++seq, [table+key]'
		}
	},
	{
		// Memory: packed embeddings; indexes for what a reply reads (pinned memories, the latest
		// episode, the most important memories) so it never scans a namespace; who made a memory.
		version: 2,
		stores: {
			memories:
				'id, namespace, kind, updatedAt, sourceConversationId, pinnedAt, [namespace+updatedAt], ' +
				'[namespace+kind+updatedAt], [namespace+importance]',
			memoryVectors: 'block'
		},
		upgrade: async (tx) => {
			await tx
				.table('memories')
				.toCollection()
				.modify(
					(memory: {
						createdBy?: string;
						pinned: boolean;
						pinnedAt?: number;
						updatedAt: number;
					}) => {
						memory.createdBy ??= 'model';
						if (memory.pinned) memory.pinnedAt ??= memory.updatedAt;
					}
				);
		}
	}
];

export const LATEST_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1].version;

export class KompanionDb extends Dexie {
	declare profile: Table<Profile, 'me'>;
	declare companions: Table<Companion, string>;
	declare conversations: Table<Conversation, string>;
	declare messages: Table<Message, string>;
	declare memories: Table<Memory, string>;
	declare memoryVersions: Table<MemoryVersion, string>;
	declare memoryVectors: Table<MemoryVectorBlock, number>;
	declare recordings: Table<Recording, string>;
	declare recordingChunks: Table<RecordingChunk, [string, number]>;
	declare vocabulary: Table<VocabularyCard, string>;
	declare scenarios: Table<Scenario, string>;
	declare lifeSim: Table<LifeSimState, string>;
	declare settings: Table<Setting, string>;
	declare outbox: Table<OutboxEntry, number>;

	/** No I/O here: Dexie opens lazily on first use, or explicitly from `init()`. */
	constructor(name = DB_NAME, versions: readonly SchemaVersion[] = SCHEMA_VERSIONS) {
		super(name);
		for (const { version, stores, upgrade } of versions) {
			const declared = this.version(version).stores(stores);
			if (upgrade) declared.upgrade(upgrade);
		}
	}
}
