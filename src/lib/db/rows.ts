/**
 * The shape of every stored row, as valibot schemas. They type the tables and validate rows that
 * come from outside (backup files, later sync), so a foreign file can never put junk in the database.
 */
import * as v from 'valibot';
import { CompanionSchema } from '$lib/companion/schema';
import { CEFR_LEVELS, LANGUAGE_CODES } from '$lib/companion/languages';
import { CORRECTION_CATEGORIES } from '$lib/tutor/types';
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
	status: v.picklist(['recording', 'complete', 'interrupted']),
	/** Audio only (the person chose it, or the call had no picture); absent: video and audio. */
	audioOnly: v.optional(v.boolean()),
	/**
	 * Where the playable chunks start: absent, they are MediaRecorder's own (seq 0 on, no duration
	 * or cues); set, the seekable file the duration fix wrote (from this seq on, `chunkCount` of them).
	 */
	fileFrom: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
	/** Why it stopped when the person did not stop it (a full disk), in words for the person. */
	stopReason: v.optional(text(300)),
	/**
	 * A call with people: the others in the recording, by name: those who allowed it (anyone who
	 * did not is not in its picture or sound).
	 */
	people: v.optional(v.pipe(v.array(text(60)), v.maxLength(16))),
	/**
	 * The media are in the person's sync project too, in this many parts (they uploaded them to
	 * have the recording on their other devices); the parts are the playable chunks, in order.
	 */
	cloudParts: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
	/** Schema 5: the metadata syncs (the media only when the person asks). */
	rev: RevField
});

export const RecordingChunkSchema = v.object({
	recordingId: Id,
	seq: v.pipe(v.number(), v.integer(), v.minValue(0)),
	data: v.blob()
});

/** ts-fsrs's `State`: 0 new, 1 learning, 2 review, 3 relearning. */
export const FSRS_STATES = [0, 1, 2, 3] as const;

/**
 * A card's FSRS memory state (ts-fsrs `Card`, with dates as epoch milliseconds). Only the review
 * module (lib/tutor/review) turns it into ts-fsrs objects.
 */
export const FsrsStateSchema = v.strictObject({
	stability: v.pipe(v.number(), v.minValue(0)),
	difficulty: v.pipe(v.number(), v.minValue(0), v.maxValue(10)),
	scheduledDays: v.pipe(v.number(), v.minValue(0)),
	learningSteps: v.pipe(v.number(), v.integer(), v.minValue(0)),
	reps: v.pipe(v.number(), v.integer(), v.minValue(0)),
	lapses: v.pipe(v.number(), v.integer(), v.minValue(0)),
	state: v.picklist(FSRS_STATES),
	lastReview: v.optional(Timestamp)
});

export const CARD_SOURCES = ['manual', 'correction', 'scenario', 'diary'] as const;
export const ARTICLES = ['der', 'die', 'das'] as const;

/**
 * Strict, like the review log: a field this version does not know (a backup from a newer build of
 * the same schema) is refused by name rather than silently dropped.
 */
const VocabularyCardV4Schema = v.strictObject({
	id: Id,
	language: v.picklist(LANGUAGE_CODES),
	/** The word or phrase asked for; on a cloze card, the corrected span. */
	term: text(200),
	/** Its meaning in the person's language ('' when unknown). */
	translation: text(200),
	/** Nouns: article and plural, asked with the word. */
	article: v.optional(v.picklist(ARTICLES)),
	plural: v.optional(text(80)),
	example: v.optional(text(500)),
	/** A cloze card hides `example.slice(start, end)` (the corrected span) and asks for it. */
	cloze: v.optional(
		v.object({ start: v.pipe(v.number(), v.integer()), end: v.pipe(v.number(), v.integer()) })
	),
	note: v.optional(text(500)),
	source: v.picklist(CARD_SOURCES),
	/** The message, scenario run or diary day the card came from. */
	sourceId: v.optional(Id),
	companionId: v.optional(Id),
	/** When it is next due (epoch ms): the index the review queue reads. */
	due: Timestamp,
	fsrs: FsrsStateSchema,
	suspended: v.optional(v.boolean()),
	createdAt: Timestamp,
	updatedAt: Timestamp,
	rev: RevField
});

/** Cards as schema 1-3 kept them (SM-2 fields), as older backups hold them. */
const LegacyVocabularyCardSchema = v.object({
	id: Id,
	language: v.picklist(LANGUAGE_CODES),
	term: text(200),
	translation: text(200),
	example: v.optional(text(500)),
	companionId: v.optional(Id),
	due: Timestamp,
	intervalDays: v.pipe(v.number(), v.minValue(0)),
	ease: v.pipe(v.number(), v.minValue(1.3), v.maxValue(5)),
	reps: v.pipe(v.number(), v.integer(), v.minValue(0)),
	lapses: v.pipe(v.number(), v.integer(), v.minValue(0)),
	createdAt: Timestamp,
	updatedAt: Timestamp,
	rev: RevField
});

export type LegacyVocabularyCard = v.InferOutput<typeof LegacyVocabularyCardSchema>;

/**
 * An SM-2 card as an FSRS card (the schema 4 upgrade and older backups): the interval becomes the
 * stability (both are "days until recall drops to ~90 %"), the ease a difficulty on FSRS's 1-10
 * scale (SM-2's default 2.5 → 5; each 0.3 of ease less → one point harder), reviewed cards are in
 * the review state and unreviewed ones new.
 */
export function fsrsFromSm2(card: LegacyVocabularyCard): VocabularyCard {
	const { intervalDays, ease, reps, lapses, ...rest } = card;
	const reviewed = reps > 0;
	return {
		...rest,
		source: 'manual',
		fsrs: {
			stability: reviewed ? Math.max(intervalDays, 0.1) : 0,
			difficulty: reviewed ? Math.min(10, Math.max(1, 5 + (2.5 - ease) / 0.3)) : 0,
			scheduledDays: reviewed ? intervalDays : 0,
			learningSteps: 0,
			reps,
			lapses,
			state: reviewed ? 2 : 0,
			...(reviewed ? { lastReview: Math.max(0, card.due - intervalDays * 86_400_000) } : {})
		}
	};
}

/**
 * A schema 4 card, or an SM-2 card (it has `ease`) upgraded on the way in: chosen by shape rather
 * than tried in turn, so a bad card's message names the field that is wrong.
 */
export const VocabularyCardSchema = v.lazy((input) =>
	typeof input === 'object' && input !== null && 'ease' in input
		? v.pipe(LegacyVocabularyCardSchema, v.transform(fsrsFromSm2))
		: VocabularyCardV4Schema
);

export const REVIEW_RATINGS = [1, 2, 3, 4] as const;

const CardScheduleSchema = v.object({ due: Timestamp, fsrs: FsrsStateSchema });

/**
 * One review of a card, append-only: what was rated and the card's state before and after, so undo
 * can restore the card, the plots can count reviews, and sync can merge two devices' reviews.
 */
export const ReviewLogSchema = v.strictObject({
	id: Id,
	cardId: Id,
	/** ts-fsrs Rating: 1 again, 2 hard, 3 good, 4 easy. */
	rating: v.picklist(REVIEW_RATINGS),
	reviewedAt: Timestamp,
	before: CardScheduleSchema,
	after: CardScheduleSchema,
	via: v.picklist(['typed', 'button', 'voice']),
	/** The typed or spoken answer, when there was one. */
	answer: v.optional(text(500)),
	/** Set when the review was undone: it no longer counts. */
	undone: v.optional(v.boolean()),
	rev: RevField
});

const CefrLevel = v.picklist(CEFR_LEVELS);

const CorrectionEditSchema = v.object({
	start: v.pipe(v.number(), v.integer(), v.minValue(0)),
	end: v.pipe(v.number(), v.integer(), v.minValue(0)),
	original: text(500),
	replacement: text(500),
	category: v.picklist(CORRECTION_CATEGORIES),
	layer: v.picklist(['rules', 'llm']),
	explanation: v.object({ text: text(500), lang: text(10) }),
	rule: v.optional(text(60))
});

/**
 * The tutor's corrections of one learner message (id = the message's id), both layers merged.
 * `llm` says where the background LLM pass stands.
 */
export const CorrectionRecordSchema = v.object({
	id: Id,
	messageId: Id,
	conversationId: Id,
	companionId: Id,
	language: v.picklist(LANGUAGE_CODES),
	mode: v.picklist(['typed', 'spoken']),
	text: text(20_000),
	corrected: text(20_000),
	edits: v.pipe(v.array(CorrectionEditSchema), v.maxLength(200)),
	flags: v.pipe(v.array(CorrectionEditSchema), v.maxLength(200)),
	llm: v.picklist(['pending', 'done', 'skipped', 'failed', 'off']),
	createdAt: Timestamp,
	updatedAt: Timestamp,
	rev: RevField
});

/** One level estimate (lib/tutor/level) of a learner message or a companion reply. */
export const LevelSampleSchema = v.object({
	id: Id,
	messageId: v.optional(Id),
	conversationId: v.optional(Id),
	companionId: Id,
	language: v.picklist(LANGUAGE_CODES),
	role: v.picklist(['learner', 'companion']),
	level: CefrLevel,
	/** Continuous estimate, 1 (A1) to 6 (C2). */
	score: v.pipe(v.number(), v.minValue(0), v.maxValue(7)),
	words: v.pipe(v.number(), v.integer(), v.minValue(0)),
	/** Voice turns: how long the person spoke. */
	spokenMs: v.optional(v.pipe(v.number(), v.minValue(0))),
	createdAt: Timestamp,
	rev: RevField
});

const ScenarioGoalSchema = v.object({
	id: v.pipe(v.string(), v.nonEmpty(), v.maxLength(40)),
	/** A can-do statement: "I can order two rolls and pay." */
	text: text(300),
	/** Words or phrases whose use shows the goal met (the fallback when no LLM judges). */
	keywords: v.pipe(v.array(text(80)), v.maxLength(20))
});

const ScenarioWordSchema = v.object({
	term: text(100),
	article: v.optional(v.picklist(ARTICLES)),
	translation: v.optional(text(100))
});

const ScenarioV4Schema = v.object({
	id: Id,
	companionId: v.optional(Id),
	language: v.picklist(LANGUAGE_CODES),
	title: text(120),
	/** Where and when it plays. */
	setting: text(2000),
	/** Who the companion plays. */
	role: text(300),
	goals: v.pipe(v.array(ScenarioGoalSchema), v.minLength(1), v.maxLength(8)),
	levelRange: v.object({ min: CefrLevel, max: CefrLevel }),
	vocabulary: v.pipe(v.array(ScenarioWordSchema), v.maxLength(40)),
	/** Built-in ones live in code (lib/tutor/scenarios); stored rows are generated or written. */
	source: v.picklist(['generated', 'custom']),
	createdAt: Timestamp,
	updatedAt: Timestamp,
	rev: RevField
});

/** Scenarios as schema 1-3 described them (one goal, one level). */
const LegacyScenarioSchema = v.object({
	id: Id,
	companionId: v.optional(Id),
	title: text(120),
	situation: text(2000),
	goal: text(500),
	cefrLevel: CefrLevel,
	builtIn: v.boolean(),
	createdAt: Timestamp,
	updatedAt: Timestamp,
	rev: RevField
});

export type LegacyScenario = v.InferOutput<typeof LegacyScenarioSchema>;

/** A schema 1-3 scenario (the schema 4 upgrade and older backups) in today's shape. */
export function scenarioFromLegacy(row: LegacyScenario): Scenario {
	const { situation, goal, cefrLevel, builtIn: _builtIn, ...rest } = row;
	return {
		...rest,
		language: 'de',
		setting: situation,
		role: '',
		goals: [{ id: 'goal-1', text: goal.slice(0, 300), keywords: [] }],
		levelRange: { min: cefrLevel, max: cefrLevel },
		vocabulary: [],
		source: 'custom'
	};
}

export const ScenarioSchema = v.union([
	ScenarioV4Schema,
	v.pipe(LegacyScenarioSchema, v.transform(scenarioFromLegacy))
]);

/** One time a scenario was played: in which conversation, which goals were met, the recap. */
export const ScenarioRunSchema = v.object({
	id: Id,
	/** A built-in scenario's id or a stored one's. */
	scenarioId: Id,
	companionId: Id,
	conversationId: Id,
	status: v.picklist(['active', 'finished', 'abandoned']),
	goalsMet: v.pipe(
		v.array(
			v.object({
				goalId: v.pipe(v.string(), v.maxLength(40)),
				at: Timestamp,
				by: v.picklist(['llm', 'keywords', 'person']),
				messageId: v.optional(Id)
			})
		),
		v.maxLength(8)
	),
	recap: v.optional(
		v.object({
			/** Mistakes by category, with the corrected sentences (from `corrections`). */
			mistakes: v.pipe(
				v.array(
					v.object({
						category: v.picklist(CORRECTION_CATEGORIES),
						text: text(2000),
						corrected: text(2000)
					})
				),
				v.maxLength(100)
			),
			newWords: v.pipe(v.array(text(100)), v.maxLength(100)),
			/** Cards made from this run. */
			cardIds: v.pipe(v.array(Id), v.maxLength(200)),
			suggestedScenarioId: v.optional(Id)
		})
	),
	startedAt: Timestamp,
	endedAt: v.optional(Timestamp),
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

/** `YYYY-MM-DD`, a calendar day in the companion's city (Berlin time for Lena). */
export const LifeDateSchema = v.pipe(
	v.string(),
	v.regex(/^\d{4}-\d{2}-\d{2}$/u, 'Expected a date.')
);

/**
 * One simulated day of a companion's life (schema 5), one row per [companionId+date]. The events'
 * shape is owned and validated by lib/tutor/life; the row only bounds it. A day is written whole,
 * in one transaction, and a day that arrived by sync is never simulated again.
 */
export const LifeDaySchema = v.object({
	/** `${companionId}/${date}`: one key that sync and backups can name. */
	id: v.pipe(v.string(), v.nonEmpty(), v.maxLength(100)),
	companionId: Id,
	date: LifeDateSchema,
	events: v.pipe(v.array(v.record(v.string(), v.unknown())), v.maxLength(40)),
	/** Who wrote the events: the seeded generator, or the LLM's rewrite of them. */
	writtenBy: v.picklist(['generator', 'llm']),
	createdAt: Timestamp,
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

/**
 * Device-local sync bookkeeping (schema 5): per-table pull cursors, the engine's status and the
 * sync session. Never backed up or synced.
 */
export const SyncStateSchema = v.object({
	key: v.pipe(v.string(), v.nonEmpty(), v.maxLength(100)),
	value: v.unknown()
});

export const OutboxEntrySchema = v.object({
	seq: v.optional(v.number()),
	table: text(40),
	key: v.string(),
	op: v.picklist(['put', 'delete']),
	at: Timestamp,
	/** A delete's tombstone rev (lib/db/outbox.ts); a put sends the row's own rev. */
	rev: v.optional(RevSchema)
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
export type VocabularyCard = v.InferOutput<typeof VocabularyCardV4Schema>;
export type Scenario = v.InferOutput<typeof ScenarioV4Schema>;
export type ScenarioGoal = Scenario['goals'][number];
export type ScenarioRun = v.InferOutput<typeof ScenarioRunSchema>;
export type ReviewLog = v.InferOutput<typeof ReviewLogSchema>;
export type FsrsState = v.InferOutput<typeof FsrsStateSchema>;
export type CorrectionRecord = v.InferOutput<typeof CorrectionRecordSchema>;
export type LevelSample = v.InferOutput<typeof LevelSampleSchema>;
export type LifeSimState = v.InferOutput<typeof LifeSimSchema>;
export type LifeDay = v.InferOutput<typeof LifeDaySchema>;
export type SyncStateRow = v.InferOutput<typeof SyncStateSchema>;
export type Setting = v.InferOutput<typeof SettingSchema>;
export type OutboxEntry = v.InferOutput<typeof OutboxEntrySchema>;
export type DeviceRow = v.InferOutput<typeof DeviceSchema>;
/** A row as stored: synced rows always carry their rev. */
export type Stamped<T> = T & { rev: Rev };
export type { Rev };
export type { Companion } from '$lib/companion/schema';
