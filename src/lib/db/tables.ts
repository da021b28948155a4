import type * as v from 'valibot';
import {
	CompanionSchema,
	ConversationSchema,
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
}

/** Every table, with what backups and validation need to know about it. */
export const TABLES = {
	profile: { schema: ProfileSchema, blobFields: [], backup: true },
	companions: { schema: CompanionSchema, blobFields: [], backup: true },
	conversations: { schema: ConversationSchema, blobFields: [], backup: true },
	messages: { schema: MessageSchema, blobFields: [], backup: true },
	memories: { schema: MemorySchema, blobFields: [], backup: true },
	memoryVersions: { schema: MemoryVersionSchema, blobFields: [], backup: true },
	memoryVectors: {
		schema: MemoryVectorBlockSchema,
		blobFields: [],
		backup: false,
		derived: true
	},
	recordings: { schema: RecordingSchema, blobFields: [], backup: true },
	recordingChunks: { schema: RecordingChunkSchema, blobFields: ['data'], backup: true },
	vocabulary: { schema: VocabularyCardSchema, blobFields: [], backup: true },
	scenarios: { schema: ScenarioSchema, blobFields: [], backup: true },
	lifeSim: { schema: LifeSimSchema, blobFields: [], backup: true },
	settings: { schema: SettingSchema, blobFields: [], backup: true },
	outbox: { schema: OutboxEntrySchema, blobFields: [], backup: false }
} as const satisfies Record<string, TableInfo>;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];
export const BACKUP_TABLES = TABLE_NAMES.filter((name) => TABLES[name].backup);
export const DERIVED_TABLES = TABLE_NAMES.filter(
	(name) => (TABLES[name] as TableInfo).derived === true
);
