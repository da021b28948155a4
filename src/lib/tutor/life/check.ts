/**
 * The consistency checker: whether a day's events fit the world. The planner's days pass it by
 * construction (the unit tests run it over a year); the LLM's rewrites must pass it before they are
 * stored. Each rule has a name, so a rejection says which one failed.
 */
import * as v from 'valibot';
import { isDayOff } from './planner';
import { DayEventsSchema, type LifeEvent, type LifeState, type Progress } from './types';

export const RULES = [
	'schema',
	'time-order',
	'unknown-place',
	'unknown-person',
	'removed-person',
	'work-on-day-off',
	'dead-thread',
	'thread-order'
] as const;
export type Rule = (typeof RULES)[number];

export interface Violation {
	rule: Rule;
	/** The event's index, or -1 for the whole day. */
	event: number;
	message: string;
}

export interface DayCheck {
	state: Pick<LifeState, 'world' | 'removed'>;
	/** The threads' progress before the day. */
	progress: Progress;
	date: string;
	/**
	 * The thread steps the day must hold, exactly (an LLM rewrite keeps the planner's); without it
	 * any step that is the thread's next one is allowed.
	 */
	threadSteps?: readonly { id: string; step: number }[];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** Every rule broken by `events` on this day; empty when the day is consistent. */
export function checkDay(events: unknown, check: DayCheck): Violation[] {
	const parsed = v.safeParse(DayEventsSchema, events);
	if (!parsed.success) {
		const issue = parsed.issues[0];
		const path = v.getDotPath(issue);
		return [{ rule: 'schema', event: -1, message: `${issue.message}${path ? ` (${path})` : ''}` }];
	}
	const day = parsed.output;
	const { world, removed } = check.state;
	const violations: Violation[] = [];
	const add = (rule: Rule, event: number, message: string) =>
		violations.push({ rule, event, message });
	const places = new Set(world.places.map((p) => p.id));
	const gone = new Set(removed.map((p) => p.id));
	const people = new Set(world.people.map((p) => p.id).filter((id) => !gone.has(id)));
	const goneNames = removed
		.filter((p) => p.name.trim().length > 1)
		.map((p) => ({
			name: p.name,
			pattern: new RegExp(`(^|[^\\p{L}])${escape(p.name)}($|[^\\p{L}])`, 'iu')
		}));
	const off = isDayOff(world, check.date);
	const threads = new Map(world.threads.map((t) => [t.id, t]));
	const seenThreads = new Set<string>();

	day.forEach((event: LifeEvent, i) => {
		if (i > 0 && event.time < day[i - 1].time)
			add('time-order', i, `${event.time} comes after ${day[i - 1].time}.`);
		if (!places.has(event.placeId))
			add('unknown-place', i, `No place “${event.placeId}” in the world.`);
		for (const id of event.people) {
			if (gone.has(id)) add('removed-person', i, `“${id}” was taken out of the world.`);
			else if (!people.has(id)) add('unknown-person', i, `No person “${id}” in the world.`);
		}
		for (const { name, pattern } of goneNames) {
			if (pattern.test(event.what)) add('removed-person', i, `${name} was taken out of the world.`);
		}
		if (off && (event.kind === 'work' || event.placeId === world.work.placeId)) {
			add('work-on-day-off', i, `${check.date} is a day off, but this event is at work.`);
		}
		if (event.thread) {
			const { id, step } = event.thread;
			const progress = check.progress[id];
			if (
				!threads.has(id) ||
				!progress ||
				progress.status === 'done' ||
				progress.status === 'dropped'
			) {
				add('dead-thread', i, `The thread “${id}” is over or unknown.`);
			} else if (
				step !== progress.step ||
				seenThreads.has(id) ||
				step >= threads.get(id)!.steps.length
			) {
				add('thread-order', i, `The thread “${id}” is at step ${progress.step}, not ${step}.`);
			}
			seenThreads.add(id);
		}
	});
	if (check.threadSteps) {
		const expected = new Set(check.threadSteps.map((t) => `${t.id}:${t.step}`));
		const got = new Set(
			day.filter((e) => e.thread).map((e) => `${e.thread!.id}:${e.thread!.step}`)
		);
		const same = expected.size === got.size && [...expected].every((key) => got.has(key));
		if (!same)
			add('thread-order', -1, 'The day must keep the planned thread steps, no more, no fewer.');
	}
	return violations;
}
