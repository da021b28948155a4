import { describe, expect, it } from 'vitest';
import { CEFR_LEVELS } from '$lib/companion/languages';
import { estimateLevel } from '$lib/tutor/level/estimate';
import { cardsFromWords } from '$lib/tutor/review/factories';
import { BERLIN_WORLD } from '$lib/tutor/life/berlin';
import { addDays } from '$lib/tutor/life/calendar';
import { catchUp, newLifeState } from '$lib/tutor/life/catch-up';
import { diaryEntry, glossaryCards } from '$lib/tutor/life/diary';
import { explainPrompt, readExplained } from '$lib/tutor/life/explain';
import { LifeService } from '$lib/tutor/life/service';
import type { Day } from '$lib/tutor/life/service';
import { makeTestDb } from '../../../helpers/factories';
import type { LifeState } from '$lib/tutor/life/types';

/** Four weeks of days, stepped a day at a time from a Monday. */
function month(): Day[] {
	let state: LifeState = newLifeState(structuredClone(BERLIN_WORLD), 5, '2026-05-04');
	const days: Day[] = [];
	for (let i = 0; i < 28; i++) {
		for (const day of catchUp(state, addDays('2026-05-04', i)).days) {
			days.push({ date: day.date, events: day.events, writtenBy: 'generator', updatedAt: 0 });
			state = day.state;
		}
	}
	return days;
}

const rank = (level: string) => CEFR_LEVELS.indexOf(level as (typeof CEFR_LEVELS)[number]);

describe('diary entries at the companion’s level', () => {
	const days = month();
	const evening = (date: string) => ({ date, time: '23:59' });

	it('reads at its level by the level estimator: most entries at it, none two levels above', () => {
		expect.hasAssertions();
		const measured: Record<string, string[]> = {};
		for (const level of ['A1', 'A2', 'B1', 'B2'] as const) {
			measured[level] = days.map((day) => {
				const { text } = diaryEntry(day, BERLIN_WORLD, level, evening(day.date));
				return estimateLevel(text, { language: 'de' }).level;
			});
			// A1 is held to A2: a diary of real days names places (Landwehrkanal, Mauerpark) that the
			// estimator's word list counts as rare words.
			const target = Math.max(rank(level), 1);
			const within = measured[level].filter((found) => rank(found) <= target).length;
			expect.soft(within / days.length, level).toBeGreaterThanOrEqual(0.75);
			expect
				.soft(
					measured[level].filter((found) => rank(found) > target + 1),
					level
				)
				.toEqual([]);
		}
		console.info(
			'Diary entries, estimated level per setting:',
			JSON.stringify(
				Object.fromEntries(
					Object.entries(measured).map(([level, found]) => [
						level,
						Object.fromEntries(
							CEFR_LEVELS.map((l) => [l, found.filter((f) => f === l).length]).filter(([, n]) => n)
						)
					])
				)
			)
		);
		// A1 entries are plainer than B1 ones: shorter on average.
		const length = (level: 'A1' | 'B1') =>
			days.reduce(
				(n, day) => n + diaryEntry(day, BERLIN_WORLD, level, evening(day.date)).text.length,
				0
			);
		expect(length('A1')).toBeLessThan(length('B1'));
	});

	it('keeps what is later than now as a plan', () => {
		expect.assertions(2);
		const saturday = days.find((d) => d.date === '2026-05-09')!;
		const morning = diaryEntry(saturday, BERLIN_WORLD, 'A2', { date: '2026-05-09', time: '08:00' });
		expect(morning.planned).toContain('Brötchen');
		expect(morning.text).not.toContain('Brötchen');
	});

	it('glosses the words above the level that the entry uses, and they make cards', () => {
		expect.assertions(4);
		const entries = days.map((day) => diaryEntry(day, BERLIN_WORLD, 'A1', evening(day.date)));
		const glossed = entries.flatMap((e) => e.glossary);
		expect(glossed.length).toBeGreaterThan(5);
		expect(glossed.every((g) => g.example.includes(g.word))).toBe(true);
		const withWords = entries.find((e) => e.glossary.length)!;
		const cards = cardsFromWords(glossaryCards(withWords), { source: 'diary', language: 'de' });
		expect(cards).toHaveLength(withWords.glossary.length);
		// A B2 reader needs fewer words explained than an A1 reader.
		const b2 = days.flatMap(
			(day) => diaryEntry(day, BERLIN_WORLD, 'B2', evening(day.date)).glossary
		);
		expect(b2.length).toBeLessThan(glossed.length);
	});
});

describe('words the world’s glossary lacks', () => {
	const day: Day = {
		date: '2026-05-09',
		writtenBy: 'llm',
		updatedAt: 0,
		events: [
			{
				time: '09:30',
				kind: 'routine',
				placeId: 'baeckerei',
				people: ['mia'],
				what: 'Mia und ich genießen die Croissants, obwohl die Schlange unglaublich lang ist.',
				feeling: 'froh'
			}
		]
	};

	it('are listed for the model (names left out), and its answer is checked', () => {
		expect.assertions(5);
		const entry = diaryEntry(day, BERLIN_WORLD, 'A2', { date: '2026-05-09', time: '23:00' });
		expect(entry.unglossed).toContain('Croissants');
		expect(entry.unglossed).not.toContain('Mia');
		const meanings = readExplained(
			'```json\n{"glossary": [{"word": "croissants", "meaning": "croissants"}, {"word": "Haus", "meaning": "house"}, {"word": "genießen", "meaning": "<b>enjoy</b>"}]}\n```',
			entry.unglossed
		);
		expect([...meanings!.keys()]).toEqual(['croissants']); // not asked for, or not plain text: dropped
		expect(readExplained('Das weiß ich nicht.', entry.unglossed)).toBeNull();
		expect(explainPrompt(entry.unglossed)[1].content).toContain('Croissants');
	});

	it('once explained, are glossed from the world from then on', async () => {
		expect.assertions(2);
		const ctx = makeTestDb();
		const service = new LifeService({
			repos: ctx.repos,
			now: () => Date.UTC(2026, 4, 9, 8),
			idle: () => Promise.resolve(),
			seed: () => 1
		});
		await service.enable({ id: 'preset-lena' });
		expect(await service.addGlossary('preset-lena', new Map([['croissants', 'croissants']]))).toBe(
			1
		);
		const world = (await service.state('preset-lena'))!.world;
		const entry = diaryEntry(day, world, 'A2', { date: '2026-05-09', time: '23:00' });
		expect(entry.glossary.map((g) => g.word)).toContain('Croissants');
		await ctx.db.delete();
	});
});
