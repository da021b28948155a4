import { afterEach, describe, expect, it } from 'vitest';
import { BERLIN_WORLD } from '$lib/tutor/life/berlin';
import { addDays } from '$lib/tutor/life/calendar';
import { catchUp, newLifeState, type SimulatedDay } from '$lib/tutor/life/catch-up';
import { checkDay } from '$lib/tutor/life/check';
import { LifeService } from '$lib/tutor/life/service';
import type { LifeState } from '$lib/tutor/life/types';
import { applyWorldEdit, slugFor, type WorldEdit } from '$lib/tutor/life/world-edit';
import { makeTestDb } from '../../../helpers/factories';

const START = '2026-03-02'; // a Monday
const SEED = 42;

const fresh = (): LifeState => newLifeState(structuredClone(BERLIN_WORLD), SEED, START);

/** Applies edits that must pass, in order. */
function edited(state: LifeState, ...edits: WorldEdit[]): LifeState {
	return edits.reduce((current, edit) => {
		const result = applyWorldEdit(current, edit);
		if (!result.ok) throw new Error(`${edit.op}: ${JSON.stringify(result.errors)}`);
		return result.state;
	}, state);
}

/** Sixty days after the edit, the app opening once a day; each day checked against its world. */
function sixtyDays(state: LifeState): SimulatedDay[] {
	const out: SimulatedDay[] = [];
	let current: LifeState = { ...state, lastDay: START };
	for (let today = addDays(START, 1); today <= addDays(START, 60); today = addDays(today, 1)) {
		for (const day of catchUp(current, today).days) {
			expect
				.soft(checkDay(day.events, { state: current, progress: current.progress, date: day.date }))
				.toEqual([]);
			out.push(day);
			current = day.state;
		}
	}
	return out;
}

describe('world edits: validation', () => {
	it('rejects empty, too long and duplicate names with a message on the field; nothing changes', () => {
		expect.assertions(7);
		const state = fresh();
		const before = structuredClone(state);
		const add = (name: string, relation = 'Freundin', trait = 'singt gern') =>
			applyWorldEdit(state, { op: 'add-person', name, relation, trait });
		expect(add('   ')).toEqual({ ok: false, errors: { name: 'The name cannot be empty.' } });
		expect(add('A'.repeat(41))).toEqual({
			ok: false,
			errors: { name: 'The name can be at most 40 characters long.' }
		});
		expect(add('mia')).toEqual({ ok: false, errors: { name: 'mia is already in her life.' } });
		expect(add('Lea', '', 'x'.repeat(81))).toEqual({
			ok: false,
			errors: {
				relation: 'The relation cannot be empty.',
				trait: 'The trait can be at most 80 characters long.'
			}
		});
		expect(
			applyWorldEdit(state, { op: 'add-place', name: 'Späti an der Ecke', kind: 'shop' })
		).toEqual({ ok: false, errors: { name: 'She already has a place called Späti an der Ecke.' } });
		expect(applyWorldEdit(state, { op: 'remove-place', id: 'sprachschule' })).toMatchObject({
			ok: false,
			errors: { form: expect.stringContaining('workplace stay') }
		});
		expect(state).toEqual(before);
	});

	it('keeps a removed person out: her name cannot come back as someone new', () => {
		expect.assertions(2);
		const state = edited(fresh(), { op: 'remove-person', id: 'mia' });
		const again = applyWorldEdit(state, {
			op: 'add-person',
			name: 'Mia',
			relation: 'Freundin',
			trait: 'neu'
		});
		expect(again.ok).toBe(false);
		expect(!again.ok && again.errors.name).toMatch(/taken out of her life/u);
	});

	it('gives new people and places fresh ids, edits relation and trait, renames', () => {
		expect.assertions(6);
		expect(slugFor('Frau Müller-Weiß', new Set())).toBe('frau-mueller-weiss');
		expect(slugFor('Mia', new Set(['mia', 'mia-2']))).toBe('mia-3');
		const state = edited(
			fresh(),
			{ op: 'add-person', name: ' Lea ', relation: 'Nachbarin', trait: 'spielt Cello' },
			{ op: 'edit-person', id: 'tom', relation: 'Chef', trait: 'trinkt viel Kaffee' },
			{ op: 'rename', district: 'Neukölln', workplace: 'Volkshochschule' }
		);
		expect(state.world.people.at(-1)).toEqual({
			id: 'lea',
			name: 'Lea',
			relation: 'Nachbarin',
			trait: 'spielt Cello'
		});
		expect(state.world.people.find((p) => p.id === 'tom')).toMatchObject({ relation: 'Chef' });
		expect(state.world.district).toBe('Neukölln');
		expect(state.world.places.find((p) => p.id === 'sprachschule')!.name).toBe('Volkshochschule');
	});
});

describe('world edits: the next 60 days', () => {
	it('a person added turns up in her days, and every day passes the checker', () => {
		expect.hasAssertions();
		const state = edited(fresh(), {
			op: 'add-person',
			name: 'Lea',
			relation: 'Nachbarin',
			trait: 'spielt Cello'
		});
		const days = sixtyDays(state);
		expect(days).toHaveLength(60);
		const withLea = days.flatMap((d) => d.events).filter((e) => e.people.includes('lea'));
		expect(withLea.length).toBeGreaterThan(0);
		expect(withLea[0].what).toContain('Lea');
	});

	it('a person, a place and a thread taken out never come back', () => {
		expect.hasAssertions();
		const state = edited(
			fresh(),
			{ op: 'remove-person', id: 'paul' },
			{ op: 'remove-place', id: 'kanal' },
			{ op: 'remove-place', id: 'werkstatt' },
			{ op: 'end-thread', id: 'wohnung' }
		);
		// Without the edits, the same 60 days have all of them.
		const before = sixtyDays(fresh()).flatMap((d) => d.events);
		expect(before.some((e) => e.people.includes('paul'))).toBe(true);
		expect(before.some((e) => e.placeId === 'kanal')).toBe(true);
		expect(before.some((e) => e.thread?.id === 'wohnung')).toBe(true);
		const days = sixtyDays(state);
		const events = days.flatMap((d) => d.events);
		expect(events.filter((e) => e.people.includes('paul') || /Paul/u.test(e.what))).toEqual([]);
		expect(events.filter((e) => e.placeId === 'kanal' || e.placeId === 'werkstatt')).toEqual([]);
		expect(events.filter((e) => e.thread?.id === 'wohnung')).toEqual([]);
		// The bike thread needs the workshop: it ends rather than coming back somewhere else.
		expect(days.at(-1)!.state.progress.fahrrad.status).toBe('dropped');
		expect(days.at(-1)!.state.progress.wohnung.status).toBe('dropped');
	});

	it('an ended thread stays ended in what the checker accepts', () => {
		expect.assertions(1);
		const state = edited(fresh(), { op: 'end-thread', id: 'hochzeit' });
		const violations = checkDay(
			[
				{
					time: '18:00',
					kind: 'thread',
					placeId: 'kanal',
					people: ['aylin'],
					what: 'Ich helfe Aylin.',
					feeling: 'froh',
					thread: { id: 'hochzeit', step: state.progress.hochzeit.step }
				}
			],
			{ state, progress: state.progress, date: addDays(START, 1) }
		);
		expect(violations.map((v) => v.rule)).toEqual(['dead-thread']);
	});
});

describe('LifeService.editWorld', () => {
	const contexts: ReturnType<typeof makeTestDb>[] = [];
	afterEach(async () => {
		for (const ctx of contexts.splice(0)) await ctx.db.delete();
	});

	it('stores a valid edit in one write, keeps the stored world on bad input and the days as they were', async () => {
		expect.assertions(5);
		const ctx = makeTestDb();
		contexts.push(ctx);
		const clock = { now: Date.UTC(2026, 2, 7, 9, 0) };
		const service = new LifeService({
			repos: ctx.repos,
			now: () => clock.now,
			idle: () => Promise.resolve(),
			seed: () => SEED
		});
		const lena = { id: 'preset-lena' };
		await service.enable(lena);
		const days = await service.recent(lena.id, 10);
		const stored = await ctx.repos.life.get(lena.id);

		const bad = await service.editWorld(lena.id, {
			op: 'add-person',
			name: '',
			relation: 'x',
			trait: 'y'
		});
		expect(bad).toEqual({ ok: false, errors: { name: 'The name cannot be empty.' } });
		expect(await ctx.repos.life.get(lena.id)).toEqual(stored);

		const good = await service.editWorld(lena.id, {
			op: 'add-person',
			name: 'Lea',
			relation: 'Nachbarin',
			trait: 'spielt Cello'
		});
		expect(good).toEqual({ ok: true });
		expect((await service.state(lena.id))!.world.people.map((p) => p.name)).toContain('Lea');
		expect(await service.recent(lena.id, 10)).toEqual(days);
	});
});
