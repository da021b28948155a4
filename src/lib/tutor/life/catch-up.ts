/**
 * Catching up with real time: the days between the last simulated one and today, planned by the
 * seeded generator only (no model). Bounded: after a long absence only the last `FULL_DAYS` are
 * simulated in full; the threads are fast-forwarded over the rest (cheap arithmetic, the same draws)
 * and the first full day opens with a summary of what changed meanwhile.
 */
import { addDays, daysBetween } from './calendar';
import { advanceThreads, initialProgress, planDay } from './planner';
import type { LifeEvent, LifeState, World } from './types';

/** The most days simulated in full by one catch-up. */
export const FULL_DAYS = 30;
/** Days simulated when a life starts: a few, so the diary has something to read. */
export const FIRST_DAYS = 3;

export interface SimulatedDay {
	date: string;
	events: LifeEvent[];
	/** The state once this day is stored (progress moved on, `lastDay` = date). */
	state: LifeState;
}

export interface CatchUp {
	/** Days fast-forwarded without events (0 unless the absence was longer than FULL_DAYS). */
	skipped: number;
	/** The days to store, oldest first: plan each lazily, so a caller can yield between them. */
	days: Iterable<SimulatedDay>;
}

/** A new life for a world: seeded, on, not paused, threads staggered from `today`. */
export function newLifeState(world: World, seed: number, today: string): LifeState {
	return {
		version: 1,
		enabled: true,
		paused: false,
		seed,
		world,
		progress: initialProgress(world, seed, addDays(today, 1 - FIRST_DAYS)),
		lastDay: null,
		removed: []
	};
}

function summary(
	world: World,
	before: LifeState['progress'],
	after: LifeState['progress'],
	days: number
): LifeEvent {
	const finished = world.threads
		.filter((t) => before[t.id]?.status !== 'done' && after[t.id]?.status === 'done')
		.map((t) => t.title);
	const what =
		`Ich habe ${days} Tage nicht ins Tagebuch geschrieben. In der Zeit ist viel passiert.` +
		(finished.length ? ` Vorbei: ${finished.join(', ')}.` : '');
	return {
		time: '07:00',
		kind: 'summary',
		placeId: world.homeId,
		people: [],
		what: what.slice(0, 300),
		feeling: 'zufrieden'
	};
}

/** The days from the one after `state.lastDay` through `today` (nothing when up to date). */
export function catchUp(state: LifeState, today: string): CatchUp {
	const first = state.lastDay ? addDays(state.lastDay, 1) : addDays(today, 1 - FIRST_DAYS);
	const gap = daysBetween(first, today) + 1;
	if (gap <= 0) return { skipped: 0, days: [] };
	const skipped = Math.max(0, gap - FULL_DAYS);
	let progress = state.progress;
	for (let i = 0; i < skipped; i++) {
		progress = advanceThreads(state, progress, addDays(first, i)).progress;
	}
	const start = addDays(first, skipped);
	const before = state.progress;
	function* days(): Generator<SimulatedDay> {
		let current: LifeState = { ...state, progress };
		for (let i = 0; i < gap - skipped; i++) {
			const date = addDays(start, i);
			const planned = planDay(current, date);
			const events =
				i === 0 && skipped > 0
					? [summary(state.world, before, progress, skipped), ...planned.events].slice(0, 40)
					: planned.events;
			current = { ...current, progress: planned.progress, lastDay: date };
			yield { date, events, state: current };
		}
	}
	return { skipped, days: days() };
}
