/**
 * The scheduler: FSRS through ts-fsrs (default parameters: 90 % requested retention, learning
 * steps 1 min and 10 min, relearning 10 min). This is the only module that imports ts-fsrs,
 * which patches `Date.prototype` when it loads; it is loaded with the review screen, never with
 * the first page (eslint's boundary rules keep every other module from importing ts-fsrs).
 */
import { fsrs, State, type Card, type FSRS, type Grade } from 'ts-fsrs';
import { newId } from '$lib/db/clock';
import type { FsrsState, VocabularyCard } from '$lib/db/rows';
import { DAY_MS, RATINGS, type RatedCard, type ReviewRating, type ReviewVia } from './types';

export interface SchedulerOptions {
	/**
	 * Spread review intervals a little (ts-fsrs's fuzz) so cards made together do not stay due
	 * together. On in the app; tests turn it off to get exact intervals.
	 */
	fuzz?: boolean;
}

export interface RateOptions {
	via?: ReviewVia;
	/** The typed or spoken answer. */
	answer?: string;
}

/** A rating's outcome before it is chosen: when the card would be due next. */
export interface RatingPreview {
	rating: ReviewRating;
	due: number;
	/** `due - now`, in ms. */
	intervalMs: number;
}

/** Our stored card as a ts-fsrs `Card` (dates as Date objects). */
export function toFsrsCard(card: Pick<VocabularyCard, 'due' | 'fsrs'>, now: number): Card {
	const { fsrs: state } = card;
	return {
		due: new Date(card.due),
		stability: state.stability,
		difficulty: state.difficulty,
		// Deprecated in ts-fsrs 5 (it computes the gap from last_review), kept consistent anyway.
		elapsed_days:
			state.lastReview === undefined
				? 0
				: Math.max(0, Math.floor((now - state.lastReview) / DAY_MS)),
		scheduled_days: state.scheduledDays,
		learning_steps: state.learningSteps,
		reps: state.reps,
		lapses: state.lapses,
		state: state.state as State,
		...(state.lastReview === undefined ? {} : { last_review: new Date(state.lastReview) })
	};
}

/** A ts-fsrs `Card` as our stored schedule (`due` and `fsrs`, epoch ms). */
export function fromFsrsCard(card: Card): { due: number; fsrs: FsrsState } {
	return {
		due: card.due.getTime(),
		fsrs: {
			stability: card.stability,
			difficulty: card.difficulty,
			scheduledDays: card.scheduled_days,
			learningSteps: card.learning_steps,
			reps: card.reps,
			lapses: card.lapses,
			state: card.state as FsrsState['state'],
			...(card.last_review ? { lastReview: card.last_review.getTime() } : {})
		}
	};
}

export class Scheduler {
	readonly #fsrs: FSRS;

	constructor({ fuzz = true }: SchedulerOptions = {}) {
		this.#fsrs = fsrs({ enable_fuzz: fuzz });
	}

	/**
	 * Rates a card at `now`: its next state and the review-log row that records the change
	 * (the card's schedule before and after, so undo restores it exactly). Nothing is stored here:
	 * VocabularyRepo.review writes both in one transaction.
	 */
	rate(
		card: VocabularyCard,
		rating: ReviewRating,
		now: number,
		options: RateOptions = {}
	): RatedCard {
		const next = this.#fsrs.next(toFsrsCard(card, now), now, rating as Grade);
		const after = fromFsrsCard(next.card);
		const answer = options.answer?.slice(0, 500);
		return {
			card: { ...card, ...after, updatedAt: now },
			log: {
				id: newId(),
				cardId: card.id,
				rating,
				reviewedAt: now,
				before: { due: card.due, fsrs: card.fsrs },
				after,
				via: options.via ?? 'button',
				...(answer ? { answer } : {})
			}
		};
	}

	/** When the card would be due after each rating, for the rating buttons. */
	preview(card: VocabularyCard, now: number): RatingPreview[] {
		const log = this.#fsrs.repeat(toFsrsCard(card, now), now);
		return RATINGS.map((rating) => {
			const due = log[rating as Grade].card.due.getTime();
			return { rating, due, intervalMs: due - now };
		});
	}
}
