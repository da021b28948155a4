import { afterEach, describe, expect, it } from 'vitest';
import { estimateLevel } from '$lib/tutor/level/estimate';
import { addDays, localNow } from '$lib/tutor/life/calendar';
import { FULL_DAYS } from '$lib/tutor/life/catch-up';
import { ENRICH_ATTEMPTS, ENRICH_PROMPT_MARK, LifeEnricher } from '$lib/tutor/life/enrich';
import { openInvitation, renderLife } from '$lib/tutor/life/prompt-section';
import { LifeService, readDay, type Day } from '$lib/tutor/life/service';
import { companionDraft, makeTestDb } from '../../../helpers/factories';

type Ctx = ReturnType<typeof makeTestDb>;
const contexts: Ctx[] = [];
afterEach(async () => {
	for (const ctx of contexts.splice(0)) await ctx.db.delete();
});

/** A fake clock: Saturday 7 March 2026, 10:00 in Berlin (09:00 UTC), moved by hand. */
function setup() {
	const ctx = makeTestDb();
	contexts.push(ctx);
	const clock = { now: Date.UTC(2026, 2, 7, 9, 0) };
	const service = new LifeService({
		repos: ctx.repos,
		now: () => clock.now,
		idle: () => Promise.resolve(),
		seed: () => 42
	});
	return { ...ctx, clock, service };
}
const DAY_MS = 86_400_000;
const lena = { id: 'preset-lena' };

describe('LifeService', () => {
	it('starts with three days, catches up when time passes, never when paused', async () => {
		expect.assertions(7);
		const { service, clock, repos } = setup();
		expect((await service.enable(lena)).days).toBe(3);
		expect((await service.catchUp(lena.id)).days).toBe(0);
		clock.now += 7 * DAY_MS;
		const week = await service.catchUp(lena.id);
		expect(week.days).toBe(7);
		await service.setPaused(lena.id, true);
		clock.now += 2 * DAY_MS;
		expect((await service.catchUp(lena.id)).days).toBe(0);
		await service.setPaused(lena.id, false); // her life goes on from today: the paused days never happen
		const recent = await service.recent(lena.id, 30);
		expect(recent).toHaveLength(11);
		expect(recent.slice(0, 2).map((d) => d.date)).toEqual(['2026-03-16', '2026-03-14']);
		expect((await repos.life.get(lena.id))?.day).toBe(11);
	});

	it('caps a long absence; keeps a day that arrived by sync; reset forgets everything', async () => {
		expect.assertions(6);
		const { service, clock, repos, db } = setup();
		await service.enable(lena);
		// A day another device simulated (arrived by sync) before this one got to it.
		const synced = addDays(localNow(clock.now, 'Europe/Berlin').date, 1);
		const events = [
			{
				time: '08:00',
				kind: 'routine',
				placeId: 'wohnung',
				people: [],
				what: 'Von dort.',
				feeling: 'froh'
			}
		];
		const at = Date.now();
		await db.lifeDays.add({
			id: `${lena.id}/${synced}`,
			companionId: lena.id,
			date: synced,
			events,
			writtenBy: 'llm',
			createdAt: at,
			updatedAt: at
		});
		clock.now += 730 * DAY_MS;
		const away = await service.catchUp(lena.id);
		expect(away.days).toBe(FULL_DAYS);
		expect(away.skipped).toBe(730 - FULL_DAYS);
		expect((await repos.life.day(lena.id, synced))?.events).toEqual(events);
		const first = (await service.recent(lena.id, 40)).at(-1)!;
		expect(first.events.length).toBeGreaterThan(0);
		await service.reset(lena.id);
		expect(await repos.life.get(lena.id)).toBeUndefined();
		expect(await db.lifeDays.where('companionId').equals(lena.id).count()).toBe(0);
	});

	it('a person removed by the learner never appears in a new day', async () => {
		expect.assertions(2);
		const { service, clock } = setup();
		await service.enable(lena);
		await service.removePerson(lena.id, 'mia');
		const before = (await service.recent(lena.id, 10)).length;
		clock.now += 20 * DAY_MS;
		await service.catchUp(lena.id);
		const days = (await service.recent(lena.id, 40)).slice(0, 40 - before);
		const fresh = days.slice(0, 20);
		expect(fresh).toHaveLength(20);
		expect(
			fresh.flatMap((d) => d.events).filter((e) => e.people.includes('mia') || /Mia/u.test(e.what))
		).toEqual([]);
	});
});

describe('deleting the companion', () => {
	it('takes her life and every day with it', async () => {
		expect.assertions(2);
		const { service, repos, db } = setup();
		const stored = await repos.companions.create(companionDraft({ name: 'Lena' }));
		await service.enable({ id: stored.id });
		await repos.companions.remove(stored.id);
		expect(await repos.life.get(stored.id)).toBeUndefined();
		expect(await db.lifeDays.where('companionId').equals(stored.id).count()).toBe(0);
	});
});

describe('the prompt section', () => {
	it('carries today so far, the plan for later and earlier days, within its budget', async () => {
		expect.assertions(6);
		const { service } = setup();
		await service.enable(lena);
		const state = (await service.state(lena.id))!;
		const days = await service.recent(lena.id, 8);
		const now = service.now(state);
		const text = renderLife({ world: state.world, days, now, budgetTokens: 2000 })!;
		expect(text).toContain('Today (2026-03-07):');
		expect(text).toContain('Ich hole Brötchen in der Bäckerei Kaya'); // Saturday, 09:30
		expect(text).toMatch(/"""[\s\S]*"""/u);
		// Earlier in the morning the bakery is still a plan.
		const early = renderLife({
			world: state.world,
			days,
			now: { ...now, time: '08:00' },
			budgetTokens: 2000
		})!;
		expect(early.indexOf('Planned for later today:')).toBeLessThan(early.indexOf('Bäckerei Kaya'));
		const small = renderLife({ world: state.world, days, now, budgetTokens: 150 });
		expect(small === null || small.length < text.length).toBe(true);
		expect(renderLife({ world: state.world, days: [], now, budgetTokens: 2000 })).toBeNull();
	});

	it('offers a thread step’s invitation once it has happened, until the thread moves on', () => {
		expect.assertions(3);
		const day: Day = {
			date: '2026-03-07',
			writtenBy: 'generator',
			updatedAt: 0,
			events: [
				{
					time: '14:00',
					kind: 'thread',
					placeId: 'wohnung',
					people: [],
					what: 'Mein Fahrrad hat einen Platten.',
					feeling: 'gestresst',
					thread: { id: 'fahrrad', step: 0 },
					invitation: { text: 'Übst du mit mir?', scenarioId: 'de-fahrradwerkstatt' }
				}
			]
		};
		expect(openInvitation([day], { date: '2026-03-07', time: '13:00' })).toBeNull();
		expect(openInvitation([day], { date: '2026-03-07', time: '15:00' })?.scenarioId).toBe(
			'de-fahrradwerkstatt'
		);
		// Once the thread has moved on (the bike is at the workshop), the invitation is closed.
		const next: Day = {
			...day,
			date: '2026-03-08',
			events: [{ ...day.events[0], thread: { id: 'fahrrad', step: 1 }, invitation: undefined }]
		};
		expect(openInvitation([next, day], { date: '2026-03-08', time: '15:00' })).toBeNull();
	});
});

describe('LLM rewrite (a scripted FAKE model: answers in order)', () => {
	async function enricherWith(answers: string[]) {
		const ctx = setup();
		await ctx.service.enable(lena);
		const prompts: string[] = [];
		const enricher = new LifeEnricher({
			repos: ctx.repos,
			now: () => ctx.clock.now,
			generate: async (prompt) => {
				prompts.push(prompt.map((t) => t.content).join('\n'));
				const next = answers.shift();
				if (next === undefined) throw new DOMException('busy', 'AbortError');
				return next;
			}
		});
		return { ...ctx, enricher, prompts };
	}

	it('stores a valid rewrite of today, then yesterday', async () => {
		expect.assertions(4);
		const probe = await enricherWith([]);
		const today = readDay((await probe.repos.life.day(lena.id, '2026-03-07'))!)!;
		const yesterday = readDay((await probe.repos.life.day(lena.id, '2026-03-06'))!)!;
		const richer = (day: Day) =>
			JSON.stringify({ events: day.events.map((e) => ({ ...e, what: `${e.what} Schön!` })) });
		const { enricher, repos, prompts } = await enricherWith([richer(today), richer(yesterday)]);
		const reports = await enricher.enrich(lena.id, 'A2');
		expect(reports.map((r) => r.outcome)).toEqual(['enriched', 'enriched']);
		expect(prompts[0]).toContain(ENRICH_PROMPT_MARK);
		const stored = (await repos.life.day(lena.id, '2026-03-07'))!;
		expect(stored.writtenBy).toBe('llm');
		expect(readDay(stored)!.events[0].what).toMatch(/Schön!$/u);
	});

	it('rejects invalid and inconsistent days, asks at most twice more, then keeps the generator’s day', async () => {
		expect.assertions(5);
		const probe = await enricherWith([]);
		const today = readDay((await probe.repos.life.day(lena.id, '2026-03-07'))!)!;
		const stranger = JSON.stringify({
			events: today.events.map((e) => ({ ...e, people: ['lukas'] }))
		});
		const { enricher, repos } = await enricherWith([
			'Gern! Hier ist der Tag.', // no JSON
			'{"events": []}', // fails the schema
			stranger, // a person who does not exist
			'{"events": []}',
			'{"events": []}',
			'{"events": []}'
		]);
		const reports = await enricher.enrich(lena.id, 'A2');
		expect(reports[0]).toMatchObject({ outcome: 'rejected', attempts: ENRICH_ATTEMPTS });
		expect(reports[0].reasons[2]).toMatch(/^unknown-person/u);
		expect(reports[1].outcome).toBe('rejected');
		expect((await repos.life.day(lena.id, '2026-03-07'))!.writtenBy).toBe('generator');
		// Given up on: not asked again this session.
		expect(await enricher.enrich(lena.id, 'A2')).toEqual([]);
	});

	it('rejects a rewrite that reads far above the learner’s level (the level estimator)', async () => {
		expect.assertions(2);
		const probe = await enricherWith([]);
		const today = readDay((await probe.repos.life.day(lena.id, '2026-03-07'))!)!;
		const hard = JSON.stringify({
			events: today.events.map((e) => ({
				...e,
				what: 'Obwohl die Infrastrukturmaßnahmen der Verkehrsbetriebe, deren Finanzierung umstritten gewesen wäre, hätten verschoben werden müssen, analysierte ich die Verwaltungsvorschrift.'
			}))
		});
		const ctx = await enricherWith([hard, hard, hard]);
		const gated = new LifeEnricher({
			repos: ctx.repos,
			now: () => ctx.clock.now,
			levels: async () => (text) => estimateLevel(text, { language: 'de' }).level,
			generate: async () => hard
		});
		const [report] = await gated.enrich(lena.id, 'A2');
		expect(report).toMatchObject({ outcome: 'rejected', attempts: ENRICH_ATTEMPTS });
		expect(report.reasons[0]).toMatch(/^level: the day reads at (B2|C1|C2)/u);
	});

	it('a busy model leaves the day for later', async () => {
		expect.assertions(2);
		const { enricher, repos } = await enricherWith([]);
		const reports = await enricher.enrich(lena.id, 'A2');
		expect(reports).toEqual([{ date: '2026-03-07', outcome: 'busy', attempts: 1, reasons: [] }]);
		expect((await repos.life.day(lena.id, '2026-03-07'))!.writtenBy).toBe('generator');
	});
});
