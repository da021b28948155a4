import * as v from 'valibot';
import type { Companion } from '$lib/companion/schema';
import type { PromptSection } from '$lib/prompt/section';
import type { LifeDay, Repos } from '$lib/db';
import { reportError, ValidationError } from '$lib/errors';
import { BERLIN_WORLD } from './berlin';
import { addDays, localNow } from './calendar';
import { catchUp, newLifeState } from './catch-up';
import { lifeSection } from './prompt-section';
import { hash } from './random';
import { applyWorldEdit, type EditErrors, type WorldEditResult } from './world-edit';
import {
	DayEventsSchema,
	LifeStateSchema,
	type LifeEvent,
	type LifeState,
	type World
} from './types';

export interface LifeDeps {
	repos: Pick<Repos, 'life'>;
	/** Epoch ms (a fake clock in tests). */
	now: () => number;
	/** Waits until the page is idle: catch-up yields between days, so the UI never stalls. */
	idle: () => Promise<void>;
	/** A new life's seed (default: from the companion's id and the day it starts). */
	seed?: () => number;
}

/** A stored day, its events validated. */
export interface Day {
	date: string;
	events: LifeEvent[];
	writtenBy: LifeDay['writtenBy'];
	updatedAt: number;
}

export interface CatchUpResult {
	/** Days stored now. */
	days: number;
	/** Days fast-forwarded without events (a long absence). */
	skipped: number;
	/** Wall time from start to the last day stored, idle waits included. */
	ms: number;
}

/** The world's glossary holds at most this many words. */
const GLOSSARY_MAX = 2000;

/** Catch-up work between two idle waits, in milliseconds. */
const SLICE_MS = 50;

const NOTHING: CatchUpResult = { days: 0, skipped: 0, ms: 0 };

/** The world a companion's life starts from: Lena's Berlin (the only one written so far). */
export function worldFor(_companion: Pick<Companion, 'id'>): World {
	return structuredClone(BERLIN_WORLD);
}

/** Reads a stored state; null (and a note) when it does not validate, so nothing is overwritten. */
export function readState(row: { state: unknown } | undefined): LifeState | null {
	if (!row) return null;
	const parsed = v.safeParse(LifeStateSchema, row.state);
	if (parsed.success) return parsed.output;
	console.warn(
		`Life simulation: the stored world does not validate (${parsed.issues[0].message}); left as it is.`
	);
	return null;
}

/** Reads a stored day; a day whose events do not validate is left out. */
export function readDay(row: LifeDay): Day | null {
	const parsed = v.safeParse(DayEventsSchema, row.events);
	if (!parsed.success) return null;
	return {
		date: row.date,
		events: parsed.output,
		writtenBy: row.writtenBy,
		updatedAt: row.updatedAt
	};
}

/**
 * A companion's simulated life: switching it on, off, pausing, resetting, editing its people,
 * and catching up with real time (the seeded generator, day by day, one transaction each, idle
 * between days). One catch-up per companion at a time.
 */
export class LifeService {
	// Bookkeeping, not state: nothing renders it.
	#running = new Map<string, Promise<CatchUpResult>>();

	constructor(private readonly deps: LifeDeps) {}

	async state(companionId: string): Promise<LifeState | null> {
		return readState(await this.deps.repos.life.get(companionId));
	}

	/** Today and the time now in the world's time zone. */
	now(state: Pick<LifeState, 'world'>): { date: string; time: string } {
		return localNow(this.deps.now(), state.world.timeZone);
	}

	/** Switches a life on (a new one from the companion's world, or the stored one again). */
	async enable(companion: Pick<Companion, 'id'>): Promise<CatchUpResult> {
		const existing = await this.deps.repos.life.get(companion.id);
		const stored = readState(existing);
		if (existing && !stored) {
			throw new ValidationError(
				'Her stored life could not be read (it may come from a newer version of the app). Reset it on the diary page to start a new one.',
				[]
			);
		}
		if (existing && stored) {
			await this.#save(companion.id, { ...stored, enabled: true }, existing.day);
		} else {
			const world = worldFor(companion);
			const today = localNow(this.deps.now(), world.timeZone).date;
			// The same companion started on the same day lives the same life on every device.
			const seed = this.deps.seed?.() ?? hash(`${companion.id}:${today}`);
			await this.#save(companion.id, newLifeState(world, seed, today), 0);
		}
		return this.catchUp(companion.id);
	}

	async disable(companionId: string): Promise<void> {
		await this.#update(companionId, (state) => ({ ...state, enabled: false }));
	}

	/**
	 * Paused, her life stands still: the days while it is paused are never simulated, and on
	 * resume it goes on from today (threads waiting where they were).
	 */
	async setPaused(companionId: string, paused: boolean): Promise<void> {
		await this.#update(companionId, (state) => {
			if (paused || !state.lastDay) return { ...state, paused };
			const yesterday = addDays(this.now(state).date, -1);
			return { ...state, paused, lastDay: state.lastDay < yesterday ? yesterday : state.lastDay };
		});
		if (!paused) await this.catchUp(companionId);
	}

	/** Forgets the whole life (world and days); switching on again starts a new one. */
	reset(companionId: string): Promise<void> {
		return this.deps.repos.life.reset(companionId);
	}

	/** Takes a person out of the world: no new event will have them again. */
	async removePerson(companionId: string, personId: string): Promise<void> {
		await this.editWorld(companionId, { op: 'remove-person', id: personId });
	}

	/**
	 * Applies the person's edit to her world (lib/tutor/life/world-edit.ts) in one transaction.
	 * The next simulated days use the edited world; the days already stored stay as they were.
	 * A catch-up under way finishes first, so its days cannot write the old world back.
	 */
	async editWorld(
		companionId: string,
		edit: unknown
	): Promise<{ ok: true } | { ok: false; errors: EditErrors }> {
		await this.#running.get(companionId)?.catch(() => undefined);
		let result = {
			ok: false,
			errors: { form: 'Her life is not switched on.' }
		} as WorldEditResult;
		await this.deps.repos.life.update(companionId, (row) => {
			const state = readState(row);
			if (!state) {
				result = { ok: false, errors: { form: 'Her stored life could not be read.' } };
				return null;
			}
			result = applyWorldEdit(state, edit);
			return result.ok
				? { city: result.state.world.city, day: row.day, state: result.state }
				: null;
		});
		return result.ok ? { ok: true } : result;
	}

	/**
	 * Adds meanings to the world's glossary (the model's explanations of words the list lacked), so
	 * the diary shows them from now on, offline too. Existing meanings are kept.
	 */
	async addGlossary(companionId: string, meanings: ReadonlyMap<string, string>): Promise<number> {
		let added = 0;
		await this.#update(companionId, (state) => {
			const glossary = { ...state.world.glossary };
			for (const [word, meaning] of meanings) {
				if (glossary[word] || Object.keys(glossary).length >= GLOSSARY_MAX) continue;
				glossary[word] = meaning;
				added++;
			}
			return { ...state, world: { ...state.world, glossary } };
		});
		return added;
	}

	/** Simulates the days since the last one (bounded; never a model). */
	catchUp(companionId: string): Promise<CatchUpResult> {
		const running = this.#running.get(companionId);
		if (running) return running;
		const work = this.#catchUp(companionId).finally(() => this.#running.delete(companionId));
		this.#running.set(companionId, work);
		return work;
	}

	/** The newest `limit` days up to today, newest first. */
	async recent(companionId: string, limit: number): Promise<Day[]> {
		const state = await this.state(companionId);
		if (!state) return [];
		const rows = await this.deps.repos.life.recent(companionId, this.now(state).date, limit);
		return rows.map(readDay).filter((day): day is Day => day !== null);
	}

	/** Whether the companion's life is on (paused counts: her past days are still hers). */
	async active(companionId: string): Promise<boolean> {
		return (await this.state(companionId))?.enabled ?? false;
	}

	/** Days the prompt looks back on: today and the week before, as the budget allows. */
	static readonly PROMPT_DAYS = 8;

	/** The prompt's life section: recent days within `budgetTokens`; none when the life is off. */
	async sections(companionId: string, budgetTokens: number): Promise<readonly PromptSection[]> {
		// A catch-up under way (the chat just opened) brings today's events: wait for it.
		await this.#running.get(companionId)?.catch(() => undefined);
		const state = await this.state(companionId);
		if (!state?.enabled) return [];
		const days = await this.recent(companionId, LifeService.PROMPT_DAYS);
		if (!days.length) return [];
		return [lifeSection({ world: state.world, days, now: this.now(state), budgetTokens })];
	}

	async #catchUp(companionId: string): Promise<CatchUpResult> {
		const t0 = performance.now();
		const row = await this.deps.repos.life.get(companionId);
		const state = readState(row);
		if (!row || !state || !state.enabled || state.paused) return NOTHING;
		const plan = catchUp(state, this.now(state).date);
		let count = row.day;
		let stored = 0;
		// Each day's write already yields to the page (IndexedDB is asynchronous); an idle wait
		// before the first day and then every SLICE_MS keeps a long catch-up out of the way of
		// rendering without paying an idle callback per day.
		await this.deps.idle();
		let slice = performance.now();
		for (const day of plan.days) {
			const outcome = await this.deps.repos.life.writeDay(
				companionId,
				{ date: day.date, events: day.events, writtenBy: 'generator' },
				{ city: state.world.city, day: count + 1, state: day.state },
				count
			);
			if (outcome === 'stale') break;
			count++;
			stored++;
			if (performance.now() - slice > SLICE_MS) {
				await this.deps.idle();
				slice = performance.now();
			}
		}
		return { days: stored, skipped: plan.skipped, ms: performance.now() - t0 };
	}

	async #update(companionId: string, change: (state: LifeState) => LifeState): Promise<void> {
		const row = await this.deps.repos.life.get(companionId);
		const state = readState(row);
		if (!row || !state) return;
		await this.#save(companionId, change(state), row.day);
	}

	#save(companionId: string, state: LifeState, day: number) {
		return this.deps.repos.life.put(companionId, { city: state.world.city, day, state });
	}
}

/** Between two simulated days: the page's idle time, or a macrotask where there is none. */
export function idleCallback(): Promise<void> {
	return new Promise((resolve) => {
		if (typeof requestIdleCallback === 'function')
			requestIdleCallback(() => resolve(), { timeout: 50 });
		else setTimeout(resolve, 0);
	});
}

export function reportLifeError(error: unknown, context: string): void {
	reportError(error, { context, silent: true });
}
