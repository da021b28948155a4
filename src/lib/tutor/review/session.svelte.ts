/**
 * One review sitting, as rune state for the review screen: the queue under the daily limits, the
 * card on show, the typed answer's grade, the rating buttons' intervals, undo. Every change is
 * stored through the vocabulary repo at once (a review and its log in one transaction), so a reload
 * or a closed tab loses nothing; the queue is read again after each change.
 */
import type { QueryState, Repos, VocabularyCard } from '$lib/db';
import { toAppError } from '$lib/errors';
import { matchAnswer, type MatchResult } from './matcher';
import { promptFor, type CardPrompt } from './prompt';
import { buildQueue, dayAfter, type DailyLimits, type Queue } from './queue';
import { Scheduler, type RatingPreview } from './scheduler';
import type { ReviewRating } from './types';

export interface ReviewSessionDeps {
	repos: Pick<Repos, 'vocabulary'>;
	/** The daily limits, read when the queue is (the settings store). */
	limits: () => DailyLimits;
	scheduler?: Scheduler;
	now?: () => number;
}

export interface ReviewSnapshot {
	queue: Queue;
	/** Cards due now before the limits. */
	due: number;
	/** When the next card not in the queue falls due (a learning step), if today. */
	nextDue: number | null;
	/** Whether there is a review to undo. */
	canUndo: boolean;
	/** Cards in the deck. */
	total: number;
}

export class ReviewSession {
	#state = $state.raw<QueryState<ReviewSnapshot>>({ status: 'loading' });
	/** The typed answer's grade once checked; null while the card asks. */
	result = $state.raw<MatchResult | null>(null);
	/** The answer was shown without typing ("Show answer"). */
	revealed = $state(false);
	/** What the person typed, as checked. */
	answer = $state('');
	busy = $state(false);
	readonly #scheduler: Scheduler;
	readonly #now: () => number;

	constructor(private readonly deps: ReviewSessionDeps) {
		this.#scheduler = deps.scheduler ?? new Scheduler();
		this.#now = deps.now ?? Date.now;
	}

	get current(): QueryState<ReviewSnapshot> {
		return this.#state;
	}

	/** The card on show. */
	get card(): VocabularyCard | null {
		return this.#state.status === 'ready' ? (this.#state.value.queue.cards[0] ?? null) : null;
	}

	get prompt(): CardPrompt | null {
		const card = this.card;
		return card ? promptFor(card) : null;
	}

	/** The answer side is showing: after checking a typed answer, or "Show answer". */
	get answered(): boolean {
		return this.result !== null || this.revealed;
	}

	/** The rating the answer suggests (Good when shown without typing). */
	get suggested(): ReviewRating {
		return this.result?.suggested ?? 3;
	}

	/** When the card would be due after each rating. */
	get previews(): RatingPreview[] {
		const card = this.card;
		return card ? this.#scheduler.preview(card, this.#now()) : [];
	}

	/** Reads the queue again (after a change here or elsewhere). */
	async load(): Promise<void> {
		try {
			const now = this.#now();
			const { vocabulary } = this.deps.repos;
			const [due, today, last, total, soon] = await Promise.all([
				vocabulary.due(now),
				vocabulary.today(now),
				vocabulary.lastReview(),
				vocabulary.count(),
				vocabulary.due(endOfDay(now))
			]);
			const queue = buildQueue(due, today, this.deps.limits());
			const later = soon.filter((card) => card.due > now);
			const previous = this.card?.id;
			this.#state = {
				status: 'ready',
				value: {
					queue,
					due: due.length,
					nextDue: later.length > 0 ? later[0].due : null,
					canUndo: !!last,
					total
				}
			};
			if (this.card?.id !== previous) this.#resetAnswer();
		} catch (error) {
			this.#state = { status: 'error', error: toAppError(error) };
		}
	}

	/** Grades the typed answer (Enter in the answer field). */
	check(answer: string): MatchResult | null {
		const prompt = this.prompt;
		if (!prompt) return null;
		this.answer = answer;
		this.result = matchAnswer(prompt.expected, answer);
		return this.result;
	}

	/** Shows the answer without grading one (the person rates themselves). */
	reveal(): void {
		if (this.card) this.revealed = true;
	}

	/** Rates the card on show, stores it with its log row, and moves on. */
	async rate(rating: ReviewRating): Promise<void> {
		const card = this.card;
		if (!card || this.busy) return;
		this.busy = true;
		try {
			const typed = this.result !== null;
			const rated = this.#scheduler.rate(card, rating, this.#now(), {
				via: typed ? 'typed' : 'button',
				...(typed ? { answer: this.answer } : {})
			});
			await this.deps.repos.vocabulary.review(rated);
		} finally {
			this.#resetAnswer();
			this.busy = false;
			await this.load();
		}
	}

	/** Takes the last review back: its card is on show again, as it was. */
	async undo(): Promise<VocabularyCard | null> {
		if (this.busy) return null;
		this.busy = true;
		try {
			const restored = await this.deps.repos.vocabulary.undoLast();
			await this.load();
			// The restored card is asked next, even if other cards are due before it.
			if (restored && this.#state.status === 'ready') {
				const { queue } = this.#state.value;
				const rest = queue.cards.filter((card) => card.id !== restored.id);
				this.#state = {
					status: 'ready',
					value: { ...this.#state.value, queue: { ...queue, cards: [restored, ...rest] } }
				};
			}
			this.#resetAnswer();
			return restored;
		} finally {
			this.busy = false;
		}
	}

	#resetAnswer() {
		this.result = null;
		this.revealed = false;
		this.answer = '';
	}
}

/** The last millisecond of `now`'s local day. */
const endOfDay = (now: number) => dayAfter(now, 1) - 1;
