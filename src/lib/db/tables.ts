import type * as v from 'valibot';
import {
	CompanionSchema,
	ConversationSchema,
	CorrectionRecordSchema,
	LevelSampleSchema,
	ReviewLogSchema,
	ScenarioRunSchema,
	DeviceSchema,
	LifeDaySchema,
	LifeSimSchema,
	MemorySchema,
	MemoryVectorBlockSchema,
	MemoryVersionSchema,
	MessageSchema,
	OutboxEntrySchema,
	ProfileSchema,
	RecordingChunkSchema,
	RecordingSchema,
	ScenarioSchema,
	SettingSchema,
	SyncStateSchema,
	VocabularyCardSchema
} from './rows';

export interface TableInfo {
	schema: v.GenericSchema;
	/** Fields that hold Blobs; backups store them as separate files. */
	blobFields: readonly string[];
	/** Included in backups. The outbox is device-local sync bookkeeping. */
	backup: boolean;
	/** Computed from other tables: emptied when a backup replaces them, rebuilt afterwards. */
	derived?: boolean;
	/**
	 * Will sync between a person's devices: every row carries `rev` (lib/db/hlc.ts), stamped on
	 * every write by the hooks in revs.ts. Recordings sync their metadata; their chunks stay on the
	 * device that made them until the person asks.
	 */
	synced?: boolean;
}

/** Every table, with what backups and validation need to know about it. */
export const TABLES = {
	profile: { schema: ProfileSchema, blobFields: [], backup: true, synced: true },
	companions: { schema: CompanionSchema, blobFields: [], backup: true, synced: true },
	conversations: { schema: ConversationSchema, blobFields: [], backup: true, synced: true },
	messages: { schema: MessageSchema, blobFields: [], backup: true, synced: true },
	memories: { schema: MemorySchema, blobFields: [], backup: true, synced: true },
	memoryVersions: { schema: MemoryVersionSchema, blobFields: [], backup: true, synced: true },
	memoryVectors: {
		schema: MemoryVectorBlockSchema,
		blobFields: [],
		backup: false,
		derived: true
	},
	recordings: { schema: RecordingSchema, blobFields: [], backup: true, synced: true },
	recordingChunks: { schema: RecordingChunkSchema, blobFields: ['data'], backup: true },
	vocabulary: { schema: VocabularyCardSchema, blobFields: [], backup: true, synced: true },
	scenarios: { schema: ScenarioSchema, blobFields: [], backup: true, synced: true },
	reviewLog: { schema: ReviewLogSchema, blobFields: [], backup: true, synced: true },
	corrections: { schema: CorrectionRecordSchema, blobFields: [], backup: true, synced: true },
	levelSamples: { schema: LevelSampleSchema, blobFields: [], backup: true, synced: true },
	scenarioRuns: { schema: ScenarioRunSchema, blobFields: [], backup: true, synced: true },
	lifeSim: { schema: LifeSimSchema, blobFields: [], backup: true, synced: true },
	lifeDays: { schema: LifeDaySchema, blobFields: [], backup: true, synced: true },
	settings: { schema: SettingSchema, blobFields: [], backup: true, synced: true },
	outbox: { schema: OutboxEntrySchema, blobFields: [], backup: false },
	/** Sync's cursors, status and session (schema 5): device-local, never backed up or synced. */
	syncState: { schema: SyncStateSchema, blobFields: [], backup: false },
	/** This device's id (schema 3): device-local, never backed up or synced, kept on erase. */
	device: { schema: DeviceSchema, blobFields: [], backup: false }
} as const satisfies Record<string, TableInfo>;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];
export const BACKUP_TABLES = TABLE_NAMES.filter((name) => TABLES[name].backup);
export const DERIVED_TABLES = TABLE_NAMES.filter(
	(name) => (TABLES[name] as TableInfo).derived === true
);
export const SYNCED_TABLES = TABLE_NAMES.filter(
	(name) => (TABLES[name] as TableInfo).synced === true
);
