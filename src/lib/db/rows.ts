/**
 * The shape of every stored row, as valibot schemas. They type the tables and validate rows that
 * come from outside (backup files, later sync), so a foreign file can never put junk in the database.
 */
import * as v from 'valibot';
import { CompanionSchema } from '$lib/companion/schema';
import { CEFR_LEVELS, LANGUAGE_CODES } from '$lib/companion/languages';
import { DeviceIdSchema, RevSchema, type Rev } from './hlc';

const Id = v.pipe(v.string(), v.nonEmpty(), v.maxLength(64));
const Timestamp = v.pipe(v.number(), v.integer(), v.minValue(0));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const Score = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
/**
 * The row version of a synced row (lib/db/hlc.ts). Every stored row has one: the hooks in
 * revs.ts stamp it on every write. Optional here only because backups made before schema 3 lack
 * it; such rows get one when they are stored.
 */
const RevField = v.optional(RevSchema);

export { CompanionSchema };

export const ProfileSchema = v.object({
	id: v.literal('me'),
	name: text(60),
	nativeLanguage: v.union([v.picklist(LANGUAGE_CODES), v.literal('')]),
	createdAt: Timestamp,
	updatedAt: Timestamp,
	rev: RevField
});

export const CONVERSATION_KINDS = ['chat', 'call', 'peer-call'] as const;

export const ConversationSchema = v.object({
	id: Id,
	companionId: Id,
	kind: v.picklist(CONVERSATION_KINDS),
	title: text(120),
	startedAt: Timestamp,
	updatedAt: Timestamp,
	endedAt: v.optional(Timestamp),
	/** Running summary of older turns, kept so long conversations fit the context window. */
	summary: v.optional(text(4000)),
	/** `createdAt` of the newest message the summary covers. */
	summaryUntil: v.optional(Timestamp),
	/** `createdAt` of the newest message memory formation has read (schema 2). */
	memoryUntil: v.optional(Timestamp),
	/** Failed memory-formation attempts since the last success (malformed model output). */
	memoryFailures: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
	rev: RevField
});

export const MESSAGE_ROLES = ['user', 'assistant', 'system'] as const;
export const MESSAGE_STATUSES = ['complete', 'streaming', 'interrupted', 'error'] as const;

/** Per-reply and per-turn measurements, so latency is visible (see docs/performance.md). */
export const MessageMetricsSchema = v.object({
	engine: v.optional(text(40)),
	model: v.optional(text(200)),
	/** From the person's send to the first token on screen: what the person waits. */
	timeToFirstTokenMs: v.optional(v.number()),
	/** The same as the engine measured it (prompt processing and first step only). */
	modelTimeToFirstTokenMs: v.optional(v.number()),
	tokensPerSecond: v.optional(v.number()),
	promptTokens: v.optional(v.number()),
	completionTokens: v.optional(v.number()),
	/** Voice turns: last voiced frame → end of turn decided (the silence waited for). */
	endOfTurnMs: v.optional(v.number()),
	/** Voice turns: end of turn → transcript → first token → first audio. */
	speechEndToTranscriptMs: v.optional(v.number()),
	transcriptToFirstTokenMs: v.optional(v.number()),
	firstTokenToFirstAudioMs: v.optional(v.number()),
	/** Time spent inside the speech models (their own measurements), for the overhead figure. */
	sttModelMs: v.optional(v.number()),
	/** First token → first complete sentence: the model writing it. */
	firstTokenToFirstSentenceMs: v.optional(v.number()),
	ttsFirstSentenceMs: v.optional(v.number()),
	/** The person spoke over this reply: their speech onset → the companion silent. */
	bargeInMs: v.optional(v.number()),
	/** Memory retrieval for this reply's prompt, in all, and the query embedding within it. */
	recallMs: v.optional(v.number()),
	recallEmbedMs: v.optional(v.number())
});

export const MessageSchema = v.object({
	id: Id,
	conversationId: Id,
	role: v.picklist(MESSAGE_ROLES),
	content: text(100_000),
	createdAt: Timestamp,
	status: v.picklist(MESSAGE_STATUSES),
	via: v.optional(v.picklist(['text', 'voice', 'peer'])),
	/** Display name of who said it, in calls between people. */
	speaker: v.optional(text(60)),
	metrics: v.optional(MessageMetricsSchema),
	/** Memories placed in this reply's prompt (shown with the reply). */
	recalled: v.optional(v.pipe(v.array(Id), v.maxLength(100))),
	error: v.optional(text(2000)),
	rev: RevField
});

export const MEMORY_KINDS = ['semantic', 'episodic', 'procedural'] as const;
/** The longest memory text: a fact or an episode summary, never a transcript. */
export const MEMORY_TEXT_MAX = 500;
/** `shared` (facts about the person, for every companion) or `companion:<id>` (private). */
export const MemoryNamespaceSchema = v.pipe(
	v.string(),
	v.regex(/^(shared|companion:[\w-]{1,64})$/, 'Not a memory namespace.')
);

export const MemorySchema = v.pipe(
	v.object({
		id: Id,
		kind: v.picklist(MEMORY_KINDS),
		namespace: MemoryNamespaceSchema,
		text: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(MEMORY_TEXT_MAX)),
		importance: Score,
		/** Always placed in the companion's prompt. */
		pinned: v.boolean(),
		/** When it was pinned; only on pinned memories (the index that finds them). */
		pinnedAt: v.optional(Timestamp),
		version: v.pipe(v.number(), v.integer(), v.minValue(1)),
		/** Who made it: the model's memory formation or the person (schema 2; older rows: model). */
		createdBy: v.optional(v.picklist(['model', 'person']), 'model'),
		sourceConversationId: v.optional(Id),
		createdAt: Timestamp,
		updatedAt: Timestamp,
		rev: RevField
	}),
	// Rows from older backups: `pinnedAt` follows `pinned`.
	v.transform((memory) =>
		memory.pinned && memory.pinnedAt === undefined
			? { ...memory, pinnedAt: memory.updatedAt }
			: memory
	)
);

export const MemoryVersionSchema = v.object({
	id: Id,
	memoryId: Id,
	/** One version of a memory: its text and importance as a change left them, why and by whom. */
	version: v.pipe(v.number(), v.integer(), v.minValue(1)),
	text: text(MEMORY_TEXT_MAX),
	importance: Score,
	reason: v.picklist(['created', 'updated', 'merged', 'edited', 'deleted']),
	by: v.picklist(['model', 'person']),
	changedAt: Timestamp,
	rev: RevField
});

/**
 * Memory embeddings, packed: one row holds a block of up to a few thousand vectors, int8 with a
 * scale per vector, so 50k memories load in a few dozen reads. Derived from `memories` (rebuilt
 * after an import), never exported. Written only by the memory worker.
 */
export const MemoryVectorBlockSchema = v.object({
	block: v.pipe(v.number(), v.integer(), v.minValue(0)),
	/** The embedding model the vectors come from; other models' blocks are ignored and rebuilt. */
	model: text(200),
	dims: v.pipe(v.number(), v.integer(), v.minValue(1)),
	count: v.pipe(v.number(), v.integer(), v.minValue(0)),
	ids: v.array(Id),
	namespaces: v.array(v.string()),
	vectors: v.custom<Int8Array>((value) => value instanceof Int8Array, 'Expected an Int8Array.'),
	scales: v.custom<Float32Array>(
		(value) => value instanceof Float32Array,
		'Expected a Float32Array.'
	)
});

export const RecordingSchema = v.object({
	id: Id,
	conversationId: v.optional(Id),
	companionId: v.optional(Id),
	title: text(120),
	mimeType: text(100),
	startedAt: Timestamp,
	durationMs: v.pipe(v.number(), v.minValue(0)),
	bytes: v.pipe(v.number(), v.minValue(0)),
	chunkCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
	status: v.picklist(['recording', 'complete', 'interrupted'])
});

export const RecordingChunkSchema = v.object({
	recordingId: Id,
	seq: v.pipe(v.number(), v.integer(), v.minValue(0)),
	data: v.blob()
});

export const VocabularyCardSchema = v.object({
	id: Id,
	language: v.picklist(LANGUAGE_CODES),
	term: text(200),
	translation: text(200),
	example: v.optional(text(500)),
	companionId: v.optional(Id),
	/** Spaced repetition state (SM-2 style). */
	due: Timestamp,
	intervalDays: v.pipe(v.number(), v.minValue(0)),
	ease: v.pipe(v.number(), v.minValue(1.3), v.maxValue(5)),
	reps: v.pipe(v.number(), v.integer(), v.minValue(0)),
	lapses: v.pipe(v.number(), v.integer(), v.minValue(0)),
	createdAt: Timestamp,
	updatedAt: Timestamp,
	rev: RevField
});

export const ScenarioSchema = v.object({
	id: Id,
	companionId: v.optional(Id),
	title: text(120),
	situation: text(2000),
	goal: text(500),
	cefrLevel: v.picklist(CEFR_LEVELS),
	builtIn: v.boolean(),
	createdAt: Timestamp,
	updatedAt: Timestamp,
	rev: RevField
});

export const LifeSimSchema = v.object({
	companionId: Id,
	city: text(80),
	day: v.pipe(v.number(), v.integer(), v.minValue(0)),
	/** Free-form simulation state, owned and validated by lib/tutor. */
	state: v.record(v.string(), v.unknown()),
	updatedAt: Timestamp,
	rev: RevField
});

export const SettingSchema = v.object({
	key: v.pipe(v.string(), v.nonEmpty(), v.maxLength(100)),
	value: v.unknown(),
	rev: RevField
});

/** This device's identity, made once when the database is first opened; never exported or synced. */
export const DeviceSchema = v.object({
	key: v.literal('this'),
	/** Ends every rev this device makes (lib/db/hlc.ts). */
	id: DeviceIdSchema
});

export const OutboxEntrySchema = v.object({
	seq: v.optional(v.number()),
	table: text(40),
	key: v.string(),
	op: v.picklist(['put', 'delete']),
	at: Timestamp
});

export type Profile = v.InferOutput<typeof ProfileSchema>;
export type Conversation = v.InferOutput<typeof ConversationSchema>;
export type ConversationKind = Conversation['kind'];
export type Message = v.InferOutput<typeof MessageSchema>;
export type MessageMetrics = v.InferOutput<typeof MessageMetricsSchema>;
export type Memory = v.InferOutput<typeof MemorySchema>;
export type MemoryVersion = v.InferOutput<typeof MemoryVersionSchema>;
export type MemoryKind = Memory['kind'];
export type MemoryVectorBlock = v.InferOutput<typeof MemoryVectorBlockSchema>;
export type Recording = v.InferOutput<typeof RecordingSchema>;
export type RecordingChunk = v.InferOutput<typeof RecordingChunkSchema>;
export type VocabularyCard = v.InferOutput<typeof VocabularyCardSchema>;
export type Scenario = v.InferOutput<typeof ScenarioSchema>;
export type LifeSimState = v.InferOutput<typeof LifeSimSchema>;
export type Setting = v.InferOutput<typeof SettingSchema>;
export type OutboxEntry = v.InferOutput<typeof OutboxEntrySchema>;
export type DeviceRow = v.InferOutput<typeof DeviceSchema>;
/** A row as stored: synced rows always carry their rev. */
export type Stamped<T> = T & { rev: Rev };
export type { Rev };
export type { Companion } from '$lib/companion/schema';
