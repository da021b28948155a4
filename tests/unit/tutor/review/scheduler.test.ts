import { describe, expect, it } from 'vitest';
import type { VocabularyCard } from '$lib/db/rows';
import { manualCard } from '$lib/tutor/review/factories';
import { formatInterval } from '$lib/tutor/review/interval';
import { Scheduler, fromFsrsCard, toFsrsCard } from '$lib/tutor/review/scheduler';
import { DAY_MS, MINUTE_MS } from '$lib/tutor/review/types';

const T0 = Date.UTC(2026, 0, 5, 9, 0);
const scheduler = new Scheduler({ fuzz: false });

function newCard(): VocabularyCard {
	return manualCard({ term: 'Bahnhof', article: 'der', plural: 'Bahnhöfe', note: 'station' }, T0);
}

describe('scheduling through ts-fsrs', () => {
	it('converts a stored card to a ts-fsrs card and back without loss', () => {
		const { card } = scheduler.rate(newCard(), 3, T0);
		const { card: later } = scheduler.rate(card, 3, card.due);
		expect(fromFsrsCard(toFsrsCard(later, later.due))).toEqual({
			due: later.due,
			fsrs: later.fsrs
		});
		expect(later.fsrs.lastReview).toBe(card.due);
	});

	it('puts a new card rated Good further out than one rated Again, Easy furthest', () => {
		const card = newCard();
		const due = Object.fromEntries(
			([1, 2, 3, 4] as const).map((rating) => [rating, scheduler.rate(card, rating, T0).card.due])
		);
		expect(due[1]).toBe(T0 + MINUTE_MS);
		expect(due[3]).toBe(T0 + 10 * MINUTE_MS);
		expect(due[1]).toBeLessThan(due[2]);
		expect(due[2]).toBeLessThan(due[3]);
		expect(due[3]).toBeLessThan(due[4]);
		expect(due[4] - T0).toBeGreaterThanOrEqual(DAY_MS);
	});

	it('grows the interval with each successful review and shrinks it after a lapse', () => {
		let card = scheduler.rate(newCard(), 3, T0).card;
		card = scheduler.rate(card, 3, card.due).card; // graduates from the learning steps
		expect(card.fsrs.state).toBe(2);
		const intervals: number[] = [];
		for (let i = 0; i < 4; i++) {
			const reviewedAt = card.due;
			card = scheduler.rate(card, 3, reviewedAt).card;
			intervals.push(card.due - reviewedAt);
		}
		for (let i = 1; i < intervals.length; i++)
			expect(intervals[i]).toBeGreaterThan(intervals[i - 1]);
		const lapsed = scheduler.rate(card, 1, card.due).card;
		expect(lapsed.fsrs).toMatchObject({ state: 3, lapses: 1 });
		expect(lapsed.due - card.due).toBeLessThan(DAY_MS);
	});

	it('logs the schedule before and after, the rating and how it was given', () => {
		const card = newCard();
		const { card: next, log } = scheduler.rate(card, 2, T0, {
			via: 'typed',
			answer: 'der Bahnhof'
		});
		expect(log).toMatchObject({
			cardId: card.id,
			rating: 2,
			reviewedAt: T0,
			via: 'typed',
			answer: 'der Bahnhof',
			before: { due: card.due, fsrs: card.fsrs },
			after: { due: next.due, fsrs: next.fsrs }
		});
		expect(next.updatedAt).toBe(T0);
	});

	it('previews every rating with the interval the buttons show', () => {
		const preview = scheduler.preview(newCard(), T0);
		expect(preview.map(({ rating }) => rating)).toEqual([1, 2, 3, 4]);
		expect(preview.map(({ intervalMs }) => formatInterval(intervalMs)).slice(0, 3)).toEqual([
			'1 min',
			'6 min',
			'10 min'
		]);
		for (const { rating, due } of preview)
			expect(scheduler.rate(newCard(), rating, T0).card.due).toBe(due);
	});

	it('with fuzz on (the app), review intervals spread but stay near the unfuzzed one', () => {
		const fuzzy = new Scheduler({ fuzz: true });
		let card = scheduler.rate(newCard(), 4, T0).card;
		card = scheduler.rate(card, 3, card.due).card;
		const plain = scheduler.rate(card, 3, card.due).card.due - card.due;
		const fuzzed = fuzzy.rate(card, 3, card.due).card.due - card.due;
		expect(Math.abs(fuzzed - plain)).toBeLessThanOrEqual(plain * 0.25 + DAY_MS);
	});
});

describe('formatInterval', () => {
	it.each([
		[30_000, '1 min'],
		[10 * MINUTE_MS, '10 min'],
		[3 * 60 * MINUTE_MS, '3 h'],
		[4 * DAY_MS, '4 d'],
		[61 * DAY_MS, '2 mo'],
		[550 * DAY_MS, '1.5 y']
	])('%i ms → %s', (ms, text) => {
		expect(formatInterval(ms)).toBe(text);
	});
});
