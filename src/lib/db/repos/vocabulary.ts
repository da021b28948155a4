import Dexie from 'dexie';
import * as v from 'valibot';
import { LANGUAGE_CODES } from '$lib/companion/languages';
import { AppError, NotFoundError } from '$lib/errors';
import type { EventBus } from '$lib/events';
import { parseOrThrow } from '$lib/validation';
import type { KompanionDb } from '../database';
import {
	ARTICLES,
	ReviewLogSchema,
	VocabularyCardSchema,
	type ReviewLog,
	type Stamped,
	type VocabularyCard
} from '../rows';
import { writeTx } from '../write';

/** A card as made by the tutor's factories (lib/tutor/review/factories.ts): no rev yet. */
export type NewVocabularyCard = Omit<VocabularyCard, 'rev'>;

/** A rated card: its next state and the review-log row, as the scheduler makes them. */
export interface CardReview {
	card: VocabularyCard;
	log: Omit<ReviewLog, 'rev'>;
}

/** Reviews, cards started and lapses of one day, for the progress plots. */
export interface DayCount {
	/** Local midnight that starts the day (epoch ms). */
	day: number;
	count: number;
}

export interface ReviewDay extends DayCount {
	/** Reviews rated Again. */
	again: number;
}

/** What was reviewed today: each card once, and which of them were new. */
export interface TodayReviews {
	reviewedIds: Set<string>;
	newIds: Set<string>;
}

const optional = (max: number) =>
	v.optional(v.pipe(v.string(), v.trim(), v.maxLength(max, `At most ${max} characters.`)));

/** What the card list may change on a card. `article: ''` makes it a word that is not a noun. */
export const CardPatchSchema = v.object({
	term: v.optional(
		v.pipe(
			v.string(),
			v.trim(),
			v.nonEmpty('Write the word or phrase to learn.'),
			v.maxLength(200, 'At most 200 characters.')
		)
	),
	translation: optional(200),
	article: v.optional(v.union([v.literal(''), v.picklist(ARTICLES)])),
	plural: optional(80),
	example: optional(500),
	note: optional(500),
	suspended: v.optional(v.boolean())
});
export type CardPatch = v.InferInput<typeof CardPatchSchema>;

/** Local midnight `days` days after the day that holds `now`. */
function midnight(now: number, days = 0): number {
	const date = new Date(now);
	date.setHours(0, 0, 0, 0);
	date.setDate(date.getDate() + days);
	return date.getTime();
}

/**
 * The key that makes two cards the same card: language and term, as written (German tells nouns
 * by their capital: "Essen" and "essen" are two words; the factories capitalise nouns), and for a
 * cloze card its sentence too (many sentences practise "den").
 */
export function cardKey(card: Pick<VocabularyCard, 'language' | 'term' | 'cloze' | 'example'>) {
	const norm = (text = '') => text.normalize('NFC').replace(/\s+/g, ' ').trim();
	return [card.language, norm(card.term), card.cloze ? norm(card.example) : ''].join('\u0000');
}

/**
 * Vocabulary cards and their review log. A review writes the card's next state and its log row in
 * one transaction; undo restores the card from the newest log row's `before` and marks that row
 * undone, also in one. The log is append-only: rows are marked, never deleted (sync merges them),
 * and they stay when their card is deleted, so the plots keep the reviews that were done.
 */
export class VocabularyRepo {
	constructor(
		private readonly db: KompanionDb,
		private readonly bus: EventBus
	) {}

	get(id: string): Promise<Stamped<VocabularyCard> | undefined> {
		return this.db.vocabulary.get(id);
	}

	/** Every card, newest first. */
	list(): Promise<Stamped<VocabularyCard>[]> {
		return this.db.vocabulary.orderBy('createdAt').reverse().toArray();
	}

	count(): Promise<number> {
		return this.db.vocabulary.count();
	}

	/**
	 * Adds a card unless the deck already has it (same language and term; for a cloze card the
	 * same sentence too). Returns the stored card (the existing one for a duplicate).
	 */
	async add(card: NewVocabularyCard): Promise<{ card: VocabularyCard; added: boolean }> {
		const [result] = await this.#addAll([card]);
		return result;
	}

	/** Adds cards in one transaction, skipping duplicates (of the deck and within the list). */
	async addMany(
		cards: readonly NewVocabularyCard[]
	): Promise<{ added: VocabularyCard[]; skipped: number }> {
		const results = await this.#addAll(cards);
		const added = results.filter((result) => result.added).map((result) => result.card);
		return { added, skipped: results.length - added.length };
	}

	async #addAll(cards: readonly NewVocabularyCard[]) {
		const rows = cards.map((card) =>
			parseOrThrow(VocabularyCardSchema, card, 'The card could not be saved:')
		);
		const results = await writeTx(this.db, [this.db.vocabulary], async () => {
			const languages = new Set(rows.map((row) => row.language));
			const existing = new Map<string, VocabularyCard>();
			for (const language of languages) {
				for (const card of await this.#ofLanguage(language).toArray())
					existing.set(cardKey(card), card);
			}
			const out: { card: VocabularyCard; added: boolean }[] = [];
			for (const row of rows) {
				const key = cardKey(row);
				const found = existing.get(key);
				if (found) {
					out.push({ card: found, added: false });
					continue;
				}
				await this.db.vocabulary.add(row);
				const stored = (await this.db.vocabulary.get(row.id)) ?? row;
				existing.set(key, stored);
				out.push({ card: stored, added: true });
			}
			return out;
		});
		if (results.some((result) => result.added))
			this.bus.emit('data:saved', { table: 'vocabulary' });
		return results;
	}

	/** Changes a card's words (not its schedule). */
	async update(id: string, input: CardPatch): Promise<VocabularyCard> {
		const patch = parseOrThrow(CardPatchSchema, input, 'The card was not saved:');
		const card = await writeTx(this.db, [this.db.vocabulary], async () => {
			const current = await this.db.vocabulary.get(id);
			if (!current) throw new NotFoundError('This card');
			const { article, ...rest } = patch;
			const next: VocabularyCard = { ...current, ...rest, updatedAt: Date.now() };
			if (article === '') delete next.article;
			else if (article) next.article = article;
			const checked = parseOrThrow(VocabularyCardSchema, next, 'The card was not saved:');
			await this.db.vocabulary.put(checked);
			return checked;
		});
		this.bus.emit('data:saved', { table: 'vocabulary' });
		return card;
	}

	/** Deletes a card; its review log stays (the plots count the reviews that were done). */
	async remove(id: string): Promise<void> {
		await writeTx(this.db, [this.db.vocabulary], () => this.db.vocabulary.delete(id));
		this.bus.emit('data:saved', { table: 'vocabulary' });
	}

	#ofLanguage(language: string, until?: number) {
		return this.db.vocabulary
			.where('[language+due]')
			.between([language, Dexie.minKey], [language, until ?? Dexie.maxKey], true, true);
	}

	/** Cards due at `now` (suspended ones left out), most overdue first. */
	async due(now: number, language?: string): Promise<VocabularyCard[]> {
		const languages = language ? [language] : LANGUAGE_CODES;
		const lists = await Promise.all(
			languages.map((code) =>
				this.#ofLanguage(code, now)
					.filter((card) => !card.suspended)
					.toArray()
			)
		);
		return lists.flat().sort((a, b) => a.due - b.due);
	}

	/** How many cards are due at `now`, before the daily limits. */
	async dueCount(now: number, language?: string): Promise<number> {
		return (await this.due(now, language)).length;
	}

	/**
	 * Cards falling due on each of the next `days` days (local days; day 0 is today and includes
	 * every overdue card), for the progress page's plot.
	 */
	async dueByDay(days: number, now = Date.now()): Promise<DayCount[]> {
		const starts = Array.from({ length: days }, (_, i) => midnight(now, i));
		const end = midnight(now, days);
		const counts = starts.map((day) => ({ day, count: 0 }));
		for (const card of await this.due(end - 1)) {
			let index = 0;
			while (index + 1 < starts.length && card.due >= starts[index + 1]) index++;
			counts[index].count++;
		}
		return counts;
	}

	/** Words learned: cards in FSRS's review state (past their learning steps). */
	async wordsLearned(language?: string): Promise<number> {
		const cards = language
			? await this.#ofLanguage(language).toArray()
			: await this.db.vocabulary.toArray();
		return cards.filter((card) => card.fsrs.state === 2).length;
	}

	/**
	 * Words learned at the end of each of the last `days` local days (today last), for the
	 * progress plot: the review log is replayed card by card, and a card counts from the review
	 * that took it into FSRS's review state until a lapse takes it out. Cards with no reviews count
	 * as they are now (cards upgraded from SM-2); deleted cards do not count.
	 */
	async learnedByDay(days: number, now = Date.now()): Promise<DayCount[]> {
		const ends = Array.from({ length: days }, (_, i) => midnight(now, i - days + 2));
		const [cards, log] = await Promise.all([this.db.vocabulary.toArray(), this.reviewLog()]);
		const byCard = new Map<string, ReviewLog[]>();
		for (const row of log) byCard.set(row.cardId, [...(byCard.get(row.cardId) ?? []), row]);
		const counts = ends.map((end) => ({ day: midnight(end - 1), count: 0 }));
		for (const card of cards) {
			const reviews = byCard.get(card.id) ?? [];
			for (const [index, end] of ends.entries()) {
				let state: number = reviews.length > 0 ? reviews[0].before.fsrs.state : card.fsrs.state;
				for (const review of reviews) if (review.reviewedAt < end) state = review.after.fsrs.state;
				if (state === 2) counts[index].count++;
			}
		}
		return counts;
	}

	/**
	 * Stores a review: the card's next state and its log row, in one transaction. Refused when the
	 * card changed since it was shown (reviewed in another tab: the log's `before` no longer
	 * matches), so no review is lost or counted twice.
	 */
	async review({ card, log }: CardReview): Promise<VocabularyCard> {
		const row = parseOrThrow(ReviewLogSchema, log, 'The review could not be saved:');
		const stored = await writeTx(this.db, [this.db.vocabulary, this.db.reviewLog], async () => {
			const current = await this.db.vocabulary.get(card.id);
			if (!current) throw new NotFoundError('This card');
			if (current.due !== row.before.due || current.fsrs.reps !== row.before.fsrs.reps) {
				throw new AppError(
					'This card was reviewed in another tab or window meanwhile; it is shown again with its new schedule.',
					{ code: 'data/conflict', expected: true }
				);
			}
			const next: VocabularyCard = {
				...current,
				due: card.due,
				fsrs: card.fsrs,
				updatedAt: card.updatedAt
			};
			await this.db.vocabulary.put(next);
			await this.db.reviewLog.add(row);
			return next;
		});
		this.bus.emit('data:saved', { table: 'vocabulary' });
		return stored;
	}

	/** The newest review that still counts (not undone), if any: what undo would take back. */
	async lastReview(): Promise<ReviewLog | undefined> {
		return this.db.reviewLog
			.orderBy('reviewedAt')
			.reverse()
			.filter((log) => !log.undone)
			.first();
	}

	/**
	 * Takes the newest review back, in one transaction: the card gets its schedule from before the
	 * review (exactly: due and FSRS state), and the log row is marked `undone`. Returns the restored
	 * card, or null when there is nothing to undo.
	 */
	async undoLast(): Promise<VocabularyCard | null> {
		const restored = await writeTx(this.db, [this.db.vocabulary, this.db.reviewLog], async () => {
			const log = await this.lastReview();
			if (!log) return null;
			const current = await this.db.vocabulary.get(log.cardId);
			await this.db.reviewLog.update(log.id, { undone: true });
			if (!current) return null;
			const next: VocabularyCard = {
				...current,
				due: log.before.due,
				fsrs: structuredClone(log.before.fsrs),
				updatedAt: Date.now()
			};
			await this.db.vocabulary.put(next);
			return next;
		});
		this.bus.emit('data:saved', { table: 'vocabulary' });
		return restored;
	}

	/** Reviews that count (not undone) in `[since, until)`, oldest first, for the plots. */
	async reviewLog(since = 0, until = Number.MAX_SAFE_INTEGER): Promise<ReviewLog[]> {
		const rows = await this.db.reviewLog
			.where('reviewedAt')
			.between(since, until, true, false)
			.toArray();
		return rows.filter((log) => !log.undone).sort((a, b) => a.reviewedAt - b.reviewedAt);
	}

	/** Reviews per local day over the last `days` days (today last), for the progress page. */
	async reviewsByDay(days: number, now = Date.now()): Promise<ReviewDay[]> {
		const starts = Array.from({ length: days }, (_, i) => midnight(now, i - days + 1));
		const counts = starts.map((day) => ({ day, count: 0, again: 0 }));
		for (const log of await this.reviewLog(starts[0], midnight(now, 1))) {
			let index = 0;
			while (index + 1 < starts.length && log.reviewedAt >= starts[index + 1]) index++;
			counts[index].count++;
			if (log.rating === 1) counts[index].again++;
		}
		return counts;
	}

	/** The cards reviewed today (local day of `now`), and which of them were new: the limits' input. */
	async today(now = Date.now()): Promise<TodayReviews> {
		const reviewedIds = new Set<string>();
		const newIds = new Set<string>();
		for (const log of await this.reviewLog(midnight(now), midnight(now, 1))) {
			reviewedIds.add(log.cardId);
			if (log.before.fsrs.state === 0) newIds.add(log.cardId);
		}
		return { reviewedIds, newIds };
	}
}
