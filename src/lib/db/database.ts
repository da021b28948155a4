import Dexie, { type Table, type Transaction } from 'dexie';
import { describePersona } from '$lib/companion/schema';
import { HybridClock, formatRev } from './hlc';
import { trackChanges } from './outbox';
import { deviceIdIn, stampRevs } from './revs';
import type {
	Companion,
	Conversation,
	CorrectionRecord,
	LegacyScenario,
	LegacyVocabularyCard,
	LevelSample,
	ReviewLog,
	ScenarioRun,
	DeviceRow,
	LifeDay,
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
	Stamped,
	SyncStateRow,
	VocabularyCard
} from './rows';
import { fsrsFromSm2, scenarioFromLegacy } from './rows';
import { SYNCED_TABLES } from './tables';

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
	},
	{
		// Row versions for sync (hlc.ts): this device gets an id, every row that will sync a rev,
		// dated by the row's own last change so older edits stay older. Companions get a one-line
		// description for their card, from the first sentence of their persona.
		version: 3,
		stores: { device: 'key' },
		upgrade: async (tx) => {
			const device = await deviceIdIn(tx.table('device'));
			const upgradedAt = Date.now();
			const stamp = (row: Record<string, unknown>) => {
				const time = row.updatedAt ?? row.changedAt ?? row.createdAt;
				const wall = typeof time === 'number' && time >= 0 ? Math.floor(time) : upgradedAt;
				row.rev ??= formatRev({ wall, counter: 0, device });
			};
			const synced = [
				...['profile', 'conversations', 'messages', 'memories', 'memoryVersions'],
				...['vocabulary', 'scenarios', 'lifeSim', 'settings']
			];
			for (const name of synced) await tx.table(name).toCollection().modify(stamp);
			await tx
				.table('companions')
				.toCollection()
				.modify((companion: { persona: string; description?: string }) => {
					companion.description ??= describePersona(companion.persona);
					stamp(companion);
				});
		}
	},
	{
		// The tutor: FSRS card state instead of SM-2's (ts-fsrs; rows.ts says how the fields map),
		// an append-only review log, corrections and level samples per learner message, scenarios
		// with goals and their runs. Recordings are found by status (recovery after a crash).
		version: 4,
		stores: {
			vocabulary: 'id, [language+due], companionId, source, createdAt',
			reviewLog: 'id, cardId, reviewedAt',
			corrections: 'id, conversationId, [companionId+createdAt], createdAt',
			levelSamples: 'id, messageId, [companionId+createdAt]',
			scenarioRuns: 'id, scenarioId, conversationId, [companionId+startedAt]',
			recordings: 'id, conversationId, companionId, startedAt, status'
		},
		upgrade: async (tx) => {
			await tx
				.table('vocabulary')
				.toCollection()
				.modify((card: Record<string, unknown>, ref: { value: unknown }) => {
					if ('ease' in card) ref.value = fsrsFromSm2(card as LegacyVocabularyCard);
				});
			await tx
				.table('scenarios')
				.toCollection()
				.modify((row: Record<string, unknown>, ref: { value: unknown }) => {
					if ('situation' in row) ref.value = scenarioFromLegacy(row as LegacyScenario);
				});
		}
	},
	{
		// The life simulation's days, one row per [companionId+date]; sync's device-local state;
		// recordings' metadata syncs, so existing recordings get their revs.
		version: 5,
		stores: {
			lifeDays: 'id, &[companionId+date], companionId',
			syncState: 'key'
		},
		upgrade: async (tx) => {
			const device = await deviceIdIn(tx.table('device'));
			await tx
				.table('recordings')
				.toCollection()
				.modify((row: { startedAt: number; rev?: string }) => {
					row.rev ??= formatRev({ wall: Math.floor(row.startedAt), counter: 0, device });
				});
		}
	}
];

export const LATEST_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1].version;

/**
 * Synced tables read rows with their rev and take rows without one: the hooks stamp it
 * (revs.ts).
 */
type SyncedTable<T, K> = Table<Stamped<T>, K, T>;

export class KompanionDb extends Dexie {
	declare profile: SyncedTable<Profile, 'me'>;
	declare companions: SyncedTable<Companion, string>;
	declare conversations: SyncedTable<Conversation, string>;
	declare messages: SyncedTable<Message, string>;
	declare memories: SyncedTable<Memory, string>;
	declare memoryVersions: SyncedTable<MemoryVersion, string>;
	declare memoryVectors: Table<MemoryVectorBlock, number>;
	declare recordings: SyncedTable<Recording, string>;
	declare recordingChunks: Table<RecordingChunk, [string, number]>;
	declare vocabulary: SyncedTable<VocabularyCard, string>;
	declare scenarios: SyncedTable<Scenario, string>;
	declare lifeSim: SyncedTable<LifeSimState, string>;
	declare lifeDays: SyncedTable<LifeDay, string>;
	declare reviewLog: SyncedTable<ReviewLog, string>;
	declare corrections: SyncedTable<CorrectionRecord, string>;
	declare levelSamples: SyncedTable<LevelSample, string>;
	declare scenarioRuns: SyncedTable<ScenarioRun, string>;
	declare settings: SyncedTable<Setting, string>;
	declare outbox: Table<OutboxEntry, number>;
	declare syncState: Table<SyncStateRow, string>;
	declare device: Table<DeviceRow, 'this'>;

	/** Makes every rev this database's writes carry; knows this device's id once open. */
	readonly clock = new HybridClock();

	/** Called after every write that queued outbox entries (sync schedules a push). */
	readonly outboxListeners = new Set<() => void>();

	/** Whether writes queue outbox entries (the app: once sync is set up, lib/db/index.ts). */
	trackOutbox: () => boolean = () => true;

	/** No I/O here: Dexie opens lazily on first use, or explicitly from `init()`. */
	constructor(name = DB_NAME, versions: readonly SchemaVersion[] = SCHEMA_VERSIONS) {
		super(name);
		for (const { version, stores, upgrade } of versions) {
			const declared = this.version(version).stores(stores);
			if (upgrade) declared.upgrade(upgrade);
		}
		// Databases opened at a version before revs (the migration tests) write rows as it did.
		if (!versions.some(({ stores }) => 'device' in stores)) return;
		const declared = new Set(versions.flatMap(({ stores }) => Object.keys(stores)));
		const synced = SYNCED_TABLES.filter((name) => declared.has(name));
		stampRevs(
			synced.map((name) => this.table(name)),
			this.clock
		);
		trackChanges(
			this,
			synced,
			this.clock,
			() => {
				for (const listener of this.outboxListeners) listener();
			},
			() => this.trackOutbox()
		);
		// Runs before any other request once the database is open (and again after a reopen).
		this.on(
			'ready',
			async () => {
				this.clock.device = await this.transaction('rw', this.device, () =>
					deviceIdIn(this.device)
				);
			},
			true
		);
	}
}
