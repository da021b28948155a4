/**
 * The seeded, deterministic planner: one day of a companion's life from the world, the threads'
 * progress and the calendar. The same state and date always give the same day, on any device.
 * Every draw is labelled by what it decides and the date (lib/tutor/life/random.ts), so fast-
 * forwarding threads over skipped days takes them exactly where simulating each day would have.
 */
import { addDays, holiday, season, weather, weekday, type Weather } from './calendar';
import { rng, type Rng } from './random';
import type { LeisureItem, LifeEvent, LifeState, Progress, ThreadProgress, World } from './types';

/** Whether the companion does not work on `date`: not one of her working days, or a holiday. */
export function isDayOff(world: World, date: string): boolean {
	return !world.work.days.includes(weekday(date)) || holiday(date) !== undefined;
}

/** Every thread's first step comes within its cadence of `start`, staggered by a seeded draw. */
export function initialProgress(world: World, seed: number, start: string): Progress {
	const progress: Progress = {};
	for (const thread of world.threads) {
		const draw = rng(seed, `start:${thread.id}`);
		progress[thread.id] = {
			step: 0,
			status: 'active',
			nextOn: addDays(start, draw.int(0, thread.every))
		};
	}
	return progress;
}

/** Ids the world knows and has not had removed. */
function present(state: Pick<LifeState, 'world' | 'removed'>): Set<string> {
	const removed = new Set(state.removed.map((person) => person.id));
	return new Set(state.world.people.map((p) => p.id).filter((id) => !removed.has(id)));
}

/** Where she meets someone the person added: a café, a bar, a park… whichever the world has. */
const MEETING_KINDS = new Set(['cafe', 'bar', 'park', 'culture', 'market']);

/**
 * Leisure with the people nothing in the world mentions yet (the ones the person added): each
 * gets a meeting at one of the world's meeting places, so a new friend turns up in her days.
 * The handwritten world mentions all its people, so its days are unchanged.
 */
export function meetups(state: Pick<LifeState, 'world' | 'removed' | 'seed'>): LeisureItem[] {
	const { world } = state;
	const mentioned = new Set(
		[
			...world.routine,
			...world.leisure,
			...world.work.moments,
			...world.threads.flatMap((t) => t.steps)
		].flatMap((item) => item.people)
	);
	const spots = world.places.filter((p) => MEETING_KINDS.has(p.kind));
	const people = present(state);
	return world.people
		.filter((p) => people.has(p.id) && !mentioned.has(p.id))
		.map((person) => ({
			placeId: spots.length ? rng(state.seed, `meet:${person.id}`).pick(spots).id : world.homeId,
			people: [person.id],
			what: `Ich treffe ${person.name} (${person.relation}). Wir reden lange.`.slice(0, 240),
			feeling: 'froh' as const
		}));
}

export interface ThreadMove {
	threadId: string;
	/** The step that happened (0-based). */
	step: number;
}

/**
 * Moves the threads due on `date` one step on. A thread whose next step needs someone or a place
 * no longer in the world is dropped: it never comes back.
 */
export function advanceThreads(
	state: Pick<LifeState, 'world' | 'removed' | 'seed'>,
	progress: Progress,
	date: string
): { progress: Progress; moves: ThreadMove[] } {
	const people = present(state);
	const places = new Set(state.world.places.map((p) => p.id));
	const next: Progress = { ...progress };
	const moves: ThreadMove[] = [];
	for (const thread of state.world.threads) {
		const current: ThreadProgress | undefined = progress[thread.id];
		if (!current || current.status === 'done' || current.status === 'dropped') continue;
		if (current.nextOn > date) continue;
		const step = thread.steps[current.step];
		if (!step || step.people.some((id) => !people.has(id)) || !places.has(step.placeId)) {
			next[thread.id] = { ...current, status: 'dropped' };
			continue;
		}
		moves.push({ threadId: thread.id, step: current.step });
		const done = current.step + 1 >= thread.steps.length;
		const gap = Math.max(
			1,
			thread.every + rng(state.seed, `thread:${thread.id}:${date}`).int(-2, 2)
		);
		next[thread.id] = {
			step: current.step + 1,
			status: done ? 'done' : 'active',
			nextOn: done ? current.nextOn : addDays(date, gap)
		};
	}
	return { progress: next, moves };
}

export interface PlannedDay {
	date: string;
	events: LifeEvent[];
	/** The threads' progress after this day. */
	progress: Progress;
	dayOff: boolean;
}

const WEATHER_WORDS: Record<Weather['kind'], string> = {
	sonnig: 'sonnig',
	bewölkt: 'bewölkt',
	regnerisch: 'regnerisch',
	verschneit: 'verschneit'
};

function weatherText(sky: Weather, holidayName: string | undefined, off: boolean): string {
	const today = `Heute ist es ${WEATHER_WORDS[sky.kind]} und ${sky.celsius} Grad.`;
	if (holidayName)
		return `${today} Heute ist ${holidayName}, ein Feiertag. Ich muss nicht arbeiten.`;
	return off ? `${today} Ich habe frei.` : today;
}

/** Minutes after midnight as HH:MM. */
const clock = (minutes: number) =>
	`${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const minutesOf = (time: string) => +time.slice(0, 2) * 60 + +time.slice(3, 5);

/** Plans one day: weather, routine, work (not on a day off), thread steps due, some leisure. */
export function planDay(state: LifeState, date: string): PlannedDay {
	const { world, seed } = state;
	const people = present(state);
	const places = new Set(world.places.map((p) => p.id));
	// Only people and places still in the world: the person may have taken some out.
	const usable = (ids: readonly string[], placeId: string) =>
		places.has(placeId) && ids.every((id) => people.has(id));
	const draw: Rng = rng(seed, `day:${date}`);
	const off = isDayOff(world, date);
	const sky = weather(seed, date);
	const day = weekday(date);
	const events: LifeEvent[] = [
		{
			time: '07:30',
			kind: 'weather',
			placeId: world.homeId,
			people: [],
			what: weatherText(sky, holiday(date), off),
			feeling: sky.dry ? 'froh' : 'müde'
		}
	];
	for (const item of world.routine) {
		if (!item.days.includes(day) || (item.workday && off) || !usable(item.people, item.placeId))
			continue;
		events.push({
			time: item.time,
			kind: 'routine',
			placeId: item.placeId,
			people: [...item.people],
			what: item.what,
			feeling: item.feeling
		});
	}
	if (!off) {
		const moments = world.work.moments.filter((m) => usable(m.people, m.placeId));
		if (moments.length) {
			const moment = draw.pick(moments);
			events.push({
				time: clock(minutesOf(world.work.start) + draw.int(0, 8) * 30),
				kind: 'work',
				placeId: world.work.placeId,
				people: [...moment.people],
				what: moment.what,
				feeling: moment.feeling
			});
		}
	}
	const { progress, moves } = advanceThreads(state, state.progress, date);
	moves.forEach((move, i) => {
		const thread = world.threads.find((t) => t.id === move.threadId)!;
		const step = thread.steps[move.step];
		events.push({
			time: clock((off ? 14 * 60 : Math.max(minutesOf(world.work.end) + 60, 17 * 60)) + i * 60),
			kind: 'thread',
			placeId: step.placeId,
			people: [...step.people],
			what: step.what,
			feeling: step.feeling,
			thread: { id: thread.id, step: move.step },
			...(step.invitation ? { invitation: { ...step.invitation } } : {})
		});
	});
	const now = season(date);
	const leisure = [...world.leisure, ...meetups(state)].filter(
		(item) =>
			usable(item.people, item.placeId) &&
			(!item.dry || sky.dry) &&
			(!item.seasons || item.seasons.includes(now))
	);
	const outings = leisure.length === 0 ? 0 : off ? draw.int(1, 2) : draw.chance(0.3) ? 1 : 0;
	const taken = new Set<number>();
	for (let i = 0; i < outings; i++) {
		const index = draw.int(0, leisure.length - 1);
		if (taken.has(index)) continue;
		taken.add(index);
		const item = leisure[index];
		events.push({
			time: off ? (i === 0 ? '11:00' : '16:00') : '20:30',
			kind: 'leisure',
			placeId: item.placeId,
			people: [...item.people],
			what: item.what,
			feeling: item.feeling
		});
	}
	events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
	return { date, events, progress, dayOff: off };
}
