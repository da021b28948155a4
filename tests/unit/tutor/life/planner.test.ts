import { describe, expect, it } from 'vitest';
import { BERLIN_WORLD } from '$lib/tutor/life/berlin';
import { addDays, berlinHolidays, localNow, weekday } from '$lib/tutor/life/calendar';
import { catchUp, FULL_DAYS, newLifeState, type SimulatedDay } from '$lib/tutor/life/catch-up';
import { checkDay, RULES, type Rule } from '$lib/tutor/life/check';
import { advanceThreads, isDayOff } from '$lib/tutor/life/planner';
import { rng } from '$lib/tutor/life/random';
import type { LifeEvent, LifeState, Progress } from '$lib/tutor/life/types';

const START = '2026-03-02'; // a Monday
const SEED = 42;

function life(seed = SEED, today = START): LifeState {
	return newLifeState(structuredClone(BERLIN_WORLD), seed, today);
}

/**
 * A fake clock stepped a day at a time from START to `until`, the app opening once a day: every
 * day simulated, with the progress before each.
 */
function run(state: LifeState, until: string): { day: SimulatedDay; before: Progress }[] {
	const out: { day: SimulatedDay; before: Progress }[] = [];
	let current = state;
	for (let today = START; today <= until; today = addDays(today, 1)) {
		for (const day of catchUp(current, today).days) {
			out.push({ day, before: current.progress });
			current = day.state;
		}
	}
	return out;
}

describe('calendar', () => {
	it('knows Berlin time, weekdays and holidays', () => {
		expect.assertions(6);
		// 23:30 UTC on 6 December is already 7 December in Berlin (winter time, UTC+1).
		expect(localNow(Date.UTC(2026, 11, 6, 23, 30), 'Europe/Berlin')).toEqual({
			date: '2026-12-07',
			time: '00:30'
		});
		// Summer time: UTC+2.
		expect(localNow(Date.UTC(2026, 6, 1, 22, 30), 'Europe/Berlin').date).toBe('2026-07-02');
		expect(weekday('2026-12-06')).toBe(7);
		expect(berlinHolidays(2026).get('2026-04-03')).toBe('Karfreitag');
		expect(berlinHolidays(2026).get('2026-03-08')).toBe('Frauentag');
		expect(addDays('2026-03-28', 2)).toBe('2026-03-30'); // across the clock change
	});
});

describe('planner over 60 days (fake clock: dates stepped by hand)', () => {
	const days = run(life(), addDays(START, 59));

	it('plans every day, deterministically, and each day passes the checker', () => {
		expect.assertions(4);
		expect(days).toHaveLength(62); // the 3 first days, then 59 more
		const again = run(life(), addDays(START, 59));
		expect(again.map((d) => d.day.events)).toEqual(days.map((d) => d.day.events));
		const violations = days.flatMap(({ day, before }) =>
			checkDay(day.events, { state: day.state, progress: before, date: day.date })
		);
		expect(violations).toEqual([]);
		// Another seed, another life.
		const other = run(life(7), addDays(START, 59));
		expect(other.map((d) => d.day.events)).not.toEqual(days.map((d) => d.day.events));
	});

	it('works on working days only and moves threads on, step by step, until they end', () => {
		expect.hasAssertions();
		const atWork = days.filter(({ day }) => day.events.some((e) => e.kind === 'work'));
		expect(atWork.every(({ day }) => !isDayOff(BERLIN_WORLD, day.date))).toBe(true);
		expect(
			days
				.filter(({ day }) => !isDayOff(BERLIN_WORLD, day.date))
				.every(({ day }) => day.events.some((e) => e.kind === 'work'))
		).toBe(true);
		const steps = days.flatMap(({ day }) =>
			day.events.filter((e) => e.thread).map((e) => e.thread!)
		);
		for (const thread of BERLIN_WORLD.threads) {
			const mine = steps.filter((s) => s.id === thread.id).map((s) => s.step);
			if (mine.length) expect.soft(mine).toEqual(mine.map((_, i) => i));
		}
		const last = days.at(-1)!.day.state.progress;
		expect(Object.values(last).filter((p) => p.status === 'done').length).toBeGreaterThan(0);
		expect(days.some(({ day }) => day.events.some((e) => e.invitation))).toBe(true);
	});

	it('days off have leisure and no commute; holidays are days off', () => {
		expect.assertions(2);
		const easterMonday = days.find(({ day }) => day.date === '2026-04-06')!;
		expect(easterMonday.day.events.some((e) => e.kind === 'work' || e.placeId === 'u1')).toBe(
			false
		);
		const weekends = days.filter(({ day }) => weekday(day.date) >= 6);
		expect(weekends.every(({ day }) => day.events.some((e) => e.kind === 'leisure'))).toBe(true);
	});
});

describe('catch-up bounds', () => {
	it('is nothing when up to date, and one day after one day away', () => {
		expect.assertions(2);
		const state = { ...life(), lastDay: START };
		expect([...catchUp(state, START).days]).toHaveLength(0);
		expect([...catchUp(state, addDays(START, 1)).days]).toHaveLength(1);
	});

	it('caps a two-year absence and summarises it, with threads where a full run takes them', () => {
		expect.assertions(5);
		const state = { ...life(), lastDay: START };
		const away = addDays(START, 730);
		const plan = catchUp(state, away);
		const stored = [...plan.days];
		expect(plan.skipped).toBe(730 - FULL_DAYS);
		expect(stored).toHaveLength(FULL_DAYS);
		expect(stored[0].events[0].kind).toBe('summary');
		expect(stored[0].events[0].what).toMatch(/730|700/);
		// Fast-forwarding draws what the full simulation draws.
		let progress = state.progress;
		for (let i = 1; i <= 730; i++)
			progress = advanceThreads(state, progress, addDays(START, i)).progress;
		expect(stored.at(-1)!.state.progress).toEqual(progress);
	});
});

describe('edited world', () => {
	it('a person taken out never appears again, and a thread that needs her is dropped', () => {
		expect.assertions(3);
		const state = life();
		const edited: LifeState = {
			...state,
			world: { ...state.world, people: state.world.people.filter((p) => p.id !== 'mia') },
			removed: [{ id: 'mia', name: 'Mia' }]
		};
		const days = run(edited, addDays(START, 364));
		const mentions = days.filter(({ day }) =>
			day.events.some((e) => e.people.includes('mia') || /\bMia\b/u.test(e.what))
		);
		expect(mentions).toEqual([]);
		const last = days.at(-1)!.day.state.progress;
		expect(last.hochzeit.status).toBe('dropped'); // its last step needs Mia
		const violations = days.flatMap(({ day, before }) =>
			checkDay(day.events, { state: day.state, progress: before, date: day.date })
		);
		expect(violations).toEqual([]);
	});
});

describe('checker strength: seeded violations over 365 days', () => {
	const state = life(1234);
	const days = run(state, addDays(START, 362));
	const draw = rng(99, 'violations');

	/** Breaks one rule in a copy of a day; null when this day cannot carry that violation. */
	function inject(rule: Rule, events: LifeEvent[], date: string, before: Progress): unknown {
		const copy = structuredClone(events);
		const i = draw.int(0, copy.length - 1);
		switch (rule) {
			case 'schema':
				return copy.map((e, j) => (j === i ? { ...e, feeling: 'furious' } : e));
			case 'time-order':
				if (copy.length < 2) return null;
				copy.push({ ...copy[0], time: '00:00' });
				return copy;
			case 'unknown-place':
				copy[i].placeId = 'mond';
				return copy;
			case 'unknown-person':
				copy[i].people = ['lukas'];
				return copy;
			case 'removed-person':
				return null; // below, with an edited world
			case 'work-on-day-off':
				if (!isDayOff(state.world, date)) return null;
				copy.push({ ...copy.at(-1)!, time: '23:00', kind: 'work', placeId: 'sprachschule' });
				return copy;
			case 'dead-thread': {
				const dead = Object.entries(before).find(([, p]) => p.status === 'done');
				if (!dead) return null;
				copy.push({ ...copy.at(-1)!, time: '23:30', thread: { id: dead[0], step: 0 } });
				return copy;
			}
			case 'thread-order': {
				// A step out of turn: skipped ahead, or back to one already told.
				const live = Object.entries(before).find(([, p]) => p.status === 'active');
				if (!live) return null;
				const step = live[1].step > 0 && draw.chance(0.5) ? live[1].step - 1 : live[1].step + 1;
				copy.push({ ...copy.at(-1)!, time: '23:30', thread: { id: live[0], step } });
				return copy;
			}
		}
	}

	it('the clean year passes, and every seeded violation of every rule is caught', () => {
		expect.assertions(RULES.length + 2);
		const clean = days.flatMap(({ day, before }) =>
			checkDay(day.events, { state: day.state, progress: before, date: day.date })
		);
		expect(clean).toEqual([]);
		const caught: Record<string, { seeded: number; caught: number }> = {};
		for (const rule of RULES) {
			caught[rule] = { seeded: 0, caught: 0 };
			for (const { day, before } of days) {
				if (draw.next() > 0.3 && !['dead-thread', 'work-on-day-off', 'thread-order'].includes(rule))
					continue;
				const bad =
					rule === 'removed-person'
						? day.events.some((e) => e.people.length)
							? day.events
							: null
						: inject(rule, day.events, day.date, before);
				if (!bad) continue;
				const removedState =
					rule === 'removed-person'
						? {
								...day.state,
								removed: day.events
									.flatMap((e) => e.people)
									.slice(0, 1)
									.map((id) => ({ id, name: id }))
							}
						: day.state;
				caught[rule].seeded++;
				const found = checkDay(bad, { state: removedState, progress: before, date: day.date });
				if (found.some((f) => f.rule === rule)) caught[rule].caught++;
			}
			expect.soft(caught[rule].caught, rule).toBe(caught[rule].seeded);
		}
		console.info('Life checker, seeded violations caught over 365 days:', JSON.stringify(caught));
		expect(Object.values(caught).every((c) => c.seeded > 0)).toBe(true);
	});
});
