/**
 * The life simulation's data: the world a companion lives in (people, places, work, routine,
 * running threads), its progress, and the events of one day. The `lifeSim` row's free-form `state`
 * and the `lifeDays` rows' `events` are validated against these schemas: rows come from backups and
 * sync, events also from the LLM.
 */
import * as v from 'valibot';

const Slug = v.pipe(
	v.string(),
	v.regex(/^[a-z0-9-]{1,40}$/u, 'An id is up to 40 lower-case letters, digits or dashes.')
);
const Words = (max: number, what: string) =>
	v.pipe(
		v.string(),
		v.trim(),
		v.nonEmpty(`${what} cannot be empty.`),
		v.maxLength(max, `${what} can be at most ${max} characters long.`)
	);
/** `HH:MM`, 24-hour clock, in the world's time zone. */
export const TimeSchema = v.pipe(
	v.string(),
	v.regex(/^([01]\d|2[0-3]):[0-5]\d$/u, 'A time is written HH:MM (24-hour clock).')
);
/** `YYYY-MM-DD`. */
export const DateSchema = v.pipe(
	v.string(),
	v.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/u, 'A date is written YYYY-MM-DD.')
);
/** ISO weekdays: 1 = Monday … 7 = Sunday. */
const Weekdays = v.pipe(
	v.array(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7))),
	v.maxLength(7)
);
const Ids = v.pipe(v.array(Slug), v.maxLength(8));

export const FEELINGS = [
	'froh',
	'zufrieden',
	'entspannt',
	'müde',
	'gestresst',
	'aufgeregt',
	'nervös',
	'traurig'
] as const;
export type Feeling = (typeof FEELINGS)[number];

export const PLACE_KINDS = [
	'home',
	'work',
	'cafe',
	'shop',
	'transport',
	'sport',
	'club',
	'park',
	'culture',
	'bar',
	'market',
	'other'
] as const;

export const PersonSchema = v.object({
	id: Slug,
	name: Words(40, 'A name'),
	/** How she is related to the companion, in the world's language ("beste Freundin"). */
	relation: Words(60, 'The relation'),
	trait: Words(80, 'The trait')
});
export type Person = v.InferOutput<typeof PersonSchema>;

export const PlaceSchema = v.object({
	id: Slug,
	name: Words(60, 'A place name'),
	kind: v.picklist(PLACE_KINDS)
});
export type Place = v.InferOutput<typeof PlaceSchema>;

/** Something the companion does, with whom and where: routine, leisure and thread steps alike. */
const ActivityEntries = {
	placeId: Slug,
	people: Ids,
	/** One or two short sentences in the first person, in the world's language, at about A2. */
	what: Words(240, 'What happens'),
	feeling: v.picklist(FEELINGS)
};

export const RoutineSchema = v.object({
	...ActivityEntries,
	days: Weekdays,
	time: TimeSchema,
	/** Only on working days (the commute, lunch with a colleague). */
	workday: v.optional(v.boolean())
});
export type RoutineItem = v.InferOutput<typeof RoutineSchema>;

export const LeisureSchema = v.object({
	...ActivityEntries,
	/** Only when it is dry (a bike ride, the flea market). */
	dry: v.optional(v.boolean()),
	seasons: v.optional(v.array(v.picklist(['winter', 'spring', 'summer', 'autumn'])))
});
export type LeisureItem = v.InferOutput<typeof LeisureSchema>;

/** An invitation to the learner: a thread's step that becomes a role-play. */
export const InvitationSchema = v.object({
	text: Words(200, 'The invitation'),
	scenarioId: v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/u, 'A scenario id.'))
});
export type Invitation = v.InferOutput<typeof InvitationSchema>;

export const ThreadStepSchema = v.object({
	...ActivityEntries,
	invitation: v.optional(InvitationSchema)
});
export type ThreadStep = v.InferOutput<typeof ThreadStepSchema>;

/** A story that runs over weeks (a flat hunt, a wedding, a half-marathon), step by step. */
export const ThreadSchema = v.object({
	id: Slug,
	title: Words(80, 'A thread title'),
	/** Days between two steps, on average. */
	every: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(60)),
	steps: v.pipe(v.array(ThreadStepSchema), v.minLength(1), v.maxLength(20))
});
export type Thread = v.InferOutput<typeof ThreadSchema>;

export const WorldSchema = v.object({
	city: Words(80, 'The city'),
	/** IANA time zone of the city; days and "now" are in it. */
	timeZone: Words(60, 'The time zone'),
	district: Words(80, 'The district'),
	homeId: Slug,
	work: v.object({
		placeId: Slug,
		job: Words(80, 'The job'),
		days: Weekdays,
		start: TimeSchema,
		end: TimeSchema,
		/** Things that happen at work, one per working day. */
		moments: v.pipe(v.array(v.object(ActivityEntries)), v.minLength(1), v.maxLength(30))
	}),
	people: v.pipe(v.array(PersonSchema), v.maxLength(40)),
	places: v.pipe(v.array(PlaceSchema), v.minLength(1), v.maxLength(60)),
	routine: v.pipe(v.array(RoutineSchema), v.maxLength(40)),
	leisure: v.pipe(v.array(LeisureSchema), v.minLength(1), v.maxLength(40)),
	threads: v.pipe(v.array(ThreadSchema), v.maxLength(12)),
	/** Words of the world's texts above A2, with their English meaning (the diary's glossary). */
	glossary: v.record(v.string(), v.string())
});
export type World = v.InferOutput<typeof WorldSchema>;

export const THREAD_STATUSES = ['waiting', 'active', 'done', 'dropped'] as const;

/** How far a thread has got: `step` steps are done; the next one comes on `nextOn`. */
export const ThreadProgressSchema = v.object({
	step: v.pipe(v.number(), v.integer(), v.minValue(0)),
	status: v.picklist(THREAD_STATUSES),
	nextOn: DateSchema
});
export type ThreadProgress = v.InferOutput<typeof ThreadProgressSchema>;
export type Progress = Record<string, ThreadProgress>;

/** The `lifeSim` row's `state`. */
export const LifeStateSchema = v.object({
	version: v.literal(1),
	enabled: v.boolean(),
	paused: v.boolean(),
	/** The seed of every draw (weather, leisure, thread timing): the same seed, the same life. */
	seed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffffffff)),
	world: WorldSchema,
	progress: v.record(v.string(), ThreadProgressSchema),
	/** The last day simulated (in the world's time zone); null before the first. */
	lastDay: v.nullable(DateSchema),
	/** People taken out of the world by the person: never in an event again. */
	removed: v.pipe(v.array(v.object({ id: Slug, name: v.string() })), v.maxLength(40))
});
export type LifeState = v.InferOutput<typeof LifeStateSchema>;

export const EVENT_KINDS = ['weather', 'work', 'routine', 'leisure', 'thread', 'summary'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** One thing that happened (or, later than now today, is planned). */
export const LifeEventSchema = v.object({
	time: TimeSchema,
	kind: v.picklist(EVENT_KINDS),
	placeId: Slug,
	people: Ids,
	what: Words(300, 'What happened'),
	feeling: v.picklist(FEELINGS),
	/** The thread this event moves on, and which step it is (0-based). */
	thread: v.optional(v.object({ id: Slug, step: v.pipe(v.number(), v.integer(), v.minValue(0)) })),
	invitation: v.optional(InvitationSchema)
});
export type LifeEvent = v.InferOutput<typeof LifeEventSchema>;

export const DayEventsSchema = v.pipe(v.array(LifeEventSchema), v.minLength(1), v.maxLength(40));
