/**
 * The review module's shared words, free of imports that have side effects: the home screen's due
 * count and the card factories read them without loading the scheduler (ts-fsrs patches
 * `Date.prototype` on import; only ./scheduler.ts imports it, and only the review screen loads that).
 */
import type { ReviewLog, VocabularyCard } from '$lib/db/rows';

/** ts-fsrs's grades, as stored: 1 again, 2 hard, 3 good, 4 easy. */
export type ReviewRating = 1 | 2 | 3 | 4;
export const RATINGS: readonly ReviewRating[] = [1, 2, 3, 4];

export const RATING_LABELS: Record<ReviewRating, string> = {
	1: 'Again',
	2: 'Hard',
	3: 'Good',
	4: 'Easy'
};

/** How a rating was given: a typed answer, a button alone, or a spoken answer in a call. */
export type ReviewVia = ReviewLog['via'];

/** A card as a factory makes it: everything but the rev the database stamps. */
export type NewCard = Omit<VocabularyCard, 'rev'>;

/** What rating a card produces: the card's next state and the log row, written together. */
export interface RatedCard {
	card: VocabularyCard;
	log: Omit<ReviewLog, 'rev'>;
}

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;
