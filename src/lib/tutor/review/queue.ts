/**
 * The due queue under the daily limits. Pure: it works on rows the repo read, so the home screen's
 * count and the review screen agree, and neither needs the scheduler.
 *
 * - `newPerDay` caps the new cards started today (a card's first review).
 * - `maxPerDay` caps the cards reviewed today, new ones included. A card already reviewed today
 *   (one in its learning steps: due again in 1 or 10 minutes) always comes back: stopping half-way
 *   through its steps would waste the first review.
 * - Reviews come first (most overdue first), then new cards in the order they were made.
 * A day starts at local midnight.
 */
import type { VocabularyCard } from '$lib/db/rows';
import { DAY_MS } from './types';

export interface DailyLimits {
	newPerDay: number;
	maxPerDay: number;
}

/** What was already done today (VocabularyRepo.today). */
export interface TodayCounts {
	/** Cards reviewed today (each once). */
	reviewedIds: ReadonlySet<string>;
	/** Of those, the ones that were new. */
	newIds: ReadonlySet<string>;
}

export interface Queue {
	/** The cards to review now, in order. */
	cards: VocabularyCard[];
	/** Due cards held back by the daily limits. */
	heldBack: number;
	/** Which limit held cards back, if one did. */
	limitReached: 'new' | 'total' | null;
}

/** Local midnight of the day that holds `now`. */
export function startOfDay(now: number): number {
	const date = new Date(now);
	date.setHours(0, 0, 0, 0);
	return date.getTime();
}

/** Local midnight `days` days after `now`'s (days of different length: summer time). */
export function dayAfter(now: number, days: number): number {
	const date = new Date(startOfDay(now));
	date.setDate(date.getDate() + days);
	return date.getTime();
}

export function buildQueue(
	due: readonly VocabularyCard[],
	today: TodayCounts,
	limits: DailyLimits
): Queue {
	const seen = [...due].filter((card) => card.fsrs.state !== 0).sort((a, b) => a.due - b.due);
	const fresh = [...due]
		.filter((card) => card.fsrs.state === 0)
		.sort((a, b) => a.createdAt - b.createdAt || a.due - b.due || a.id.localeCompare(b.id));
	let total = today.reviewedIds.size;
	let started = today.newIds.size;
	const cards: VocabularyCard[] = [];
	let heldBack = 0;
	let limitReached: Queue['limitReached'] = null;
	for (const card of [...seen, ...fresh]) {
		const isNew = card.fsrs.state === 0;
		if (today.reviewedIds.has(card.id)) {
			cards.push(card);
			continue;
		}
		if (total >= limits.maxPerDay) {
			heldBack++;
			limitReached = 'total';
			continue;
		}
		if (isNew && started >= limits.newPerDay) {
			heldBack++;
			limitReached ??= 'new';
			continue;
		}
		cards.push(card);
		total++;
		if (isNew) started++;
	}
	return { cards, heldBack, limitReached };
}

export { DAY_MS };
