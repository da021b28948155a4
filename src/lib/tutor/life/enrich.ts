/**
 * The LLM's richer rewrite of today's and yesterday's events, in the background: only on a loaded,
 * idle model (the runtime's background priority; a reply stops it, and it tries again after the
 * next reply). Its answer is untrusted: it must fit the schema and pass the consistency checker
 * with exactly the planned thread steps, or it is asked again, at most twice; then the generator's
 * day stays. A day is replaced whole, in one transaction, or not at all.
 */
import * as v from 'valibot';
import type { ChatTurn } from '$lib/ai/llm/engine';
import { CEFR_DESCRIPTIONS, CEFR_LEVELS, type CefrLevel } from '$lib/companion/languages';
import type { Repos } from '$lib/db';
import { isAbortError } from '$lib/errors';
import { quoted } from '$lib/prompt/quote';
import { parseModelJson } from '$lib/validation';
import { addDays } from './calendar';
import { checkDay, type Violation } from './check';
import { readDay, readState } from './service';
import { LifeEventSchema, type LifeEvent, type LifeState, type Progress } from './types';

/** Marks the rewrite prompt (the tiny test model's life script is triggered by it). */
export const ENRICH_PROMPT_MARK = 'diary rewrite';
/** One first try and at most two more. */
export const ENRICH_ATTEMPTS = 3;
const ENRICH_TOKENS = 1200;

const AnswerSchema = v.object({ events: v.array(v.unknown()) });

export type Generate = (prompt: ChatTurn[]) => Promise<string>;

/** The level estimator (tutor/level), loaded on first use. */
export type LevelOf = (text: string) => CefrLevel;

export interface EnrichDeps {
	repos: Pick<Repos, 'life'>;
	/**
	 * Rates a rewritten day: one that reads more than a level above the learner's (A2 at least)
	 * is rejected like an inconsistent one.
	 */
	levels?: () => Promise<LevelOf>;
	/** The LLM at background priority: rejects with AbortError when busy or stopped. */
	generate: Generate;
	now: () => number;
}

export type EnrichOutcome = 'enriched' | 'rejected' | 'busy' | 'skipped';

/** What one rewrite did: the figures (attempts per day, why answers were rejected). */
export interface EnrichReport {
	date: string;
	outcome: EnrichOutcome;
	attempts: number;
	reasons: string[];
}

/** The rewrite prompt: the world's people and places, the day as JSON, the rules. */
export function enrichPrompt(
	state: LifeState,
	date: string,
	events: readonly LifeEvent[],
	level: CefrLevel
): ChatTurn[] {
	const { world } = state;
	const people = world.people
		.map((p) => `${p.id}: ${p.name} (${p.relation}, ${p.trait})`)
		.join('\n');
	const places = world.places.map((p) => `${p.id}: ${p.name}`).join('\n');
	const system = [
		`You write a ${ENRICH_PROMPT_MARK}: one day of a simulated life in ${world.city}, told in the first person in German.`,
		`Make each event's "what" livelier, in German at CEFR ${level} (${CEFR_DESCRIPTIONS[level]}), at most 300 characters.`,
		'Keep every event: the same number, order, "time", "kind", "placeId" and "thread"; "people" only from the list; "feeling" one of froh, zufrieden, entspannt, müde, gestresst, aufgeregt, nervös, traurig.',
		'Nobody and nothing outside the lists; no work on a day off; no story that is over.',
		'Answer with JSON only: {"events": [ ... ]}.'
	].join('\n');
	const user = [
		`People (id: who):\n${quoted(people)}`,
		`Places (id: name):\n${quoted(places)}`,
		`The day ${date}:\n${quoted(JSON.stringify({ events }))}`
	].join('\n\n');
	return [
		{ role: 'system', content: system },
		{ role: 'user', content: user }
	];
}

/** The threads' progress before a planned day: each of its steps is the thread's next one. */
function progressBefore(state: LifeState, events: readonly LifeEvent[], date: string): Progress {
	const progress: Progress = { ...state.progress };
	for (const event of events) {
		if (event.thread)
			progress[event.thread.id] = { step: event.thread.step, status: 'active', nextOn: date };
	}
	return progress;
}

/** Reads and checks one answer against the planned day; the events, or why they were rejected. */
export function readEnriched(
	answer: string,
	state: LifeState,
	date: string,
	planned: readonly LifeEvent[]
): { ok: true; events: LifeEvent[] } | { ok: false; reason: string } {
	const read = parseModelJson(answer, AnswerSchema);
	if (!read.ok) return { ok: false, reason: read.reason };
	const violations: Violation[] = checkDay(read.value.events, {
		state,
		progress: progressBefore(state, planned, date),
		date,
		threadSteps: planned.filter((e) => e.thread).map((e) => e.thread!)
	});
	if (violations.length)
		return { ok: false, reason: `${violations[0].rule}: ${violations[0].message}` };
	if (read.value.events.length !== planned.length)
		return { ok: false, reason: 'the number of events changed.' };
	const events = read.value.events.map((e) => v.parse(LifeEventSchema, e));
	return { ok: true, events };
}

/**
 * Rewrites today's and yesterday's generated days, one at a time. Days given up on (three
 * rejected answers) are not tried again in this session.
 */
export class LifeEnricher {
	#givenUp = new Set<string>();
	#running: Promise<EnrichReport[]> | null = null;
	/** Every rewrite so far (the figures). */
	readonly reports: EnrichReport[] = [];

	constructor(private readonly deps: EnrichDeps) {}

	/** Runs once at a time; a second call while one runs shares it. */
	enrich(companionId: string, level: CefrLevel): Promise<EnrichReport[]> {
		this.#running ??= this.#enrich(companionId, level).finally(() => (this.#running = null));
		return this.#running;
	}

	async #enrich(companionId: string, level: CefrLevel): Promise<EnrichReport[]> {
		const { life } = this.deps.repos;
		const state = readState(await life.get(companionId));
		if (!state?.enabled || !state.lastDay) return [];
		const done: EnrichReport[] = [];
		for (const date of [state.lastDay, addDays(state.lastDay, -1)]) {
			const key = `${companionId}/${date}`;
			if (this.#givenUp.has(key)) continue;
			const row = await life.day(companionId, date);
			if (!row || row.writtenBy !== 'generator') continue;
			const day = readDay(row);
			if (!day) continue;
			const report = await this.#rewrite(
				companionId,
				state,
				day.date,
				day.events,
				row.updatedAt,
				level
			);
			this.reports.push(report);
			done.push(report);
			if (report.outcome === 'rejected') this.#givenUp.add(key);
			if (report.outcome === 'busy') break;
		}
		return done;
	}

	async #rewrite(
		companionId: string,
		state: LifeState,
		date: string,
		planned: LifeEvent[],
		updatedAt: number,
		level: CefrLevel
	): Promise<EnrichReport> {
		const prompt = enrichPrompt(state, date, planned, level);
		const reasons: string[] = [];
		for (let attempt = 1; attempt <= ENRICH_ATTEMPTS; attempt++) {
			let answer: string;
			try {
				answer = await this.deps.generate(prompt);
			} catch (error) {
				if (isAbortError(error)) return { date, outcome: 'busy', attempts: attempt, reasons };
				throw error;
			}
			const read = await this.#tooHard(readEnriched(answer, state, date, planned), level);
			if (!read.ok) {
				reasons.push(read.reason);
				console.info(`Life simulation: the rewrite of ${date} was rejected (${read.reason})`);
				continue;
			}
			const stored = await this.deps.repos.life.enrichDay(
				companionId,
				date,
				read.events,
				updatedAt
			);
			return { date, outcome: stored ? 'enriched' : 'skipped', attempts: attempt, reasons };
		}
		return { date, outcome: 'rejected', attempts: ENRICH_ATTEMPTS, reasons };
	}

	async #tooHard(
		read: ReturnType<typeof readEnriched>,
		level: CefrLevel
	): Promise<ReturnType<typeof readEnriched>> {
		if (!read.ok || !this.deps.levels) return read;
		const levelOf = await this.deps.levels();
		const found = levelOf(read.events.map((e) => e.what).join(' '));
		const allowed = Math.max(CEFR_LEVELS.indexOf(level), 1) + 1;
		if (CEFR_LEVELS.indexOf(found) <= allowed) return read;
		return { ok: false, reason: `level: the day reads at ${found}, above ${level}.` };
	}
}

export { ENRICH_TOKENS };
