/**
 * Cards from the learner's own material: a cloze card from a corrected sentence, cards from a
 * scenario's or a diary's words, and a card typed by hand. Pure functions: they make rows, the
 * caller stores them (`repos.vocabulary.add` / `addMany`, which skip duplicates). Free of ts-fsrs:
 * a new card's FSRS state is ts-fsrs's empty card (`createEmptyCard`), written out here.
 */
import * as v from 'valibot';
import { newId } from '$lib/db/clock';
import { ARTICLES, type FsrsState } from '$lib/db/rows';
import { LANGUAGE_CODES, type LanguageCode } from '$lib/companion/languages';
import type { CorrectionEdit } from '$lib/tutor/types';
import { parseOrThrow } from '$lib/validation';
import type { NewCard } from './types';

/** ts-fsrs's `createEmptyCard()`: new, never reviewed, due at once. */
export function emptySchedule(): FsrsState {
	return {
		stability: 0,
		difficulty: 0,
		scheduledDays: 0,
		learningSteps: 0,
		reps: 0,
		lapses: 0,
		state: 0
	};
}

interface Origin {
	companionId?: string;
	language: LanguageCode;
}

function baseCard(origin: Origin, now: number): Omit<NewCard, 'term' | 'translation' | 'source'> {
	return {
		id: newId(),
		language: origin.language,
		...(origin.companionId ? { companionId: origin.companionId } : {}),
		due: now,
		fsrs: emptySchedule(),
		createdAt: now,
		updatedAt: now
	};
}

export interface CorrectionCardInput extends Origin {
	/** The learner's text as written. */
	text: string;
	/** The text with the corrections applied. */
	corrected: string;
	/** The change the card practises (offsets into `text`). */
	edit: CorrectionEdit;
	messageId?: string;
	/**
	 * Every edit of the same correction, when there are several: they place `edit`'s span in
	 * `corrected`. Without them the span is looked for near the edit's offset.
	 */
	edits?: readonly CorrectionEdit[];
}

const SENTENCE_END = /[.!?…]+["“”»]?\s+/g;

/**
 * A cloze card on one correction: the learner's own sentence, corrected, with the corrected span
 * hidden. The span is found in `corrected` by replaying the edits before it: every edit shifts
 * later offsets by its length change, and the card takes only the sentence around the span.
 * Returns null when there is nothing to ask (a deletion, or a span too long to be a card).
 */
export function cardFromCorrection(input: CorrectionCardInput, now = Date.now()): NewCard | null {
	const { edit, edits = [edit] } = input;
	const replacement = edit.replacement.trim();
	if (!replacement || replacement.length > 200) return null;
	// Where the edit's replacement starts in the corrected text.
	let shift = 0;
	for (const other of edits) {
		if (other === edit || other.start >= edit.start) continue;
		shift += other.replacement.length - (other.end - other.start);
	}
	let start = edit.start + shift + (edit.replacement.length - edit.replacement.trimStart().length);
	let end = start + replacement.length;
	if (input.corrected.slice(start, end) !== replacement) {
		// The edits did not come as one consistent set: fall back to the nearest occurrence.
		const found = nearest(input.corrected, replacement, start);
		if (found < 0) return null;
		start = found;
		end = found + replacement.length;
	}
	const { sentence, offset } = sentenceAround(input.corrected, start, end);
	if (sentence.length > 500) return null;
	return {
		...baseCard(input, now),
		term: replacement,
		translation: '',
		example: sentence,
		cloze: { start: start - offset, end: end - offset },
		note: edit.explanation.text.slice(0, 500),
		source: 'correction',
		...(input.messageId ? { sourceId: input.messageId } : {})
	};
}

function nearest(text: string, part: string, around: number): number {
	let best = -1;
	for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
		if (best < 0 || Math.abs(at - around) < Math.abs(best - around)) best = at;
	}
	return best;
}

/** The sentence of `text` that holds `[start, end)`, and where it begins. */
function sentenceAround(text: string, start: number, end: number) {
	let from = 0;
	let to = text.length;
	for (const match of text.matchAll(SENTENCE_END)) {
		const boundary = match.index + match[0].length;
		if (boundary <= start) from = boundary;
		else if (match.index >= end) {
			to = match.index + match[0].trimEnd().length;
			break;
		}
	}
	const raw = text.slice(from, to);
	const lead = raw.length - raw.trimStart().length;
	return { sentence: raw.trim(), offset: from + lead };
}

/** A word or phrase from a scenario's key vocabulary or a diary entry. */
export interface WordInput {
	term: string;
	translation?: string;
	article?: (typeof ARTICLES)[number];
	plural?: string;
	example?: string;
	note?: string;
}

export interface WordsOrigin extends Origin {
	source: 'scenario' | 'diary';
	sourceId?: string;
}

/**
 * Cards for a list of words. Entries without a term, longer than a card holds, or repeated in the
 * list are left out (the repo also skips words already in the deck).
 */
export function cardsFromWords(
	words: readonly WordInput[],
	origin: WordsOrigin,
	now = Date.now()
): NewCard[] {
	const seen = new Set<string>();
	const cards: NewCard[] = [];
	for (const word of words) {
		const parsed = v.safeParse(WordSchema, word);
		if (!parsed.success) continue;
		const { article, plural, example, note, translation } = parsed.output;
		const term = article ? capitalise(parsed.output.term) : parsed.output.term;
		const key = term.toLocaleLowerCase('de-DE');
		if (seen.has(key)) continue;
		seen.add(key);
		cards.push({
			...baseCard(origin, now),
			term,
			translation: translation ?? '',
			...(article ? { article } : {}),
			...(plural ? { plural } : {}),
			...(example ? { example } : {}),
			...(note ? { note } : {}),
			source: origin.source,
			...(origin.sourceId ? { sourceId: origin.sourceId } : {})
		});
	}
	return cards;
}

/** German nouns are written with a capital: "brötchen" typed with "das" is "Brötchen". */
const capitalise = (term: string) => term.charAt(0).toLocaleUpperCase('de-DE') + term.slice(1);

const optionalText = (max: number, what: string) =>
	v.optional(
		v.pipe(
			v.string(),
			v.trim(),
			v.maxLength(max, `${what} can be at most ${max} characters long.`),
			v.transform((value) => value || undefined)
		)
	);

const WordSchema = v.object({
	term: v.pipe(
		v.string(),
		v.trim(),
		v.nonEmpty('Write the word or phrase to learn.'),
		v.maxLength(200, 'A word or phrase can be at most 200 characters long.')
	),
	translation: optionalText(200, 'The meaning'),
	article: v.optional(v.picklist(ARTICLES, 'The article is der, die or das.')),
	plural: optionalText(80, 'The plural'),
	example: optionalText(500, 'The example sentence'),
	note: optionalText(500, 'The note')
});

const ArticleField = v.union(
	[v.literal(''), v.picklist(ARTICLES)],
	'The article is der, die or das (or none for a word that is not a noun).'
);

/** What the add-a-card form sends. `article` '' means "not a noun". */
export const ManualCardSchema = v.pipe(
	v.object({
		term: WordSchema.entries.term,
		article: v.optional(ArticleField, ''),
		plural: optionalText(80, 'The plural'),
		translation: optionalText(200, 'The meaning'),
		example: optionalText(500, 'The example sentence'),
		note: optionalText(500, 'The note'),
		language: v.optional(v.picklist(LANGUAGE_CODES, 'Choose one of the app’s languages.'), 'de'),
		companionId: v.optional(v.string())
	}),
	v.forward(
		v.check(
			({ article, plural }) => !plural || !!article,
			'A plural belongs to a noun: choose its article too.'
		),
		['article']
	),
	v.forward(
		v.check(
			({ article, plural }) => !article || !!plural,
			'Write the plural too (or “–” if it has none).'
		),
		['plural']
	),
	v.forward(
		v.check(
			({ example, translation, note }) => !!(example || translation || note),
			'Add an example sentence, the meaning or a note: the card shows it when it asks for the word.'
		),
		['example']
	)
);

export type ManualCardDraft = v.InferInput<typeof ManualCardSchema>;

/**
 * A card typed by hand, validated: the word, and for a noun its article and plural, and at least
 * one of an example sentence, the meaning or a note (what the card shows when it asks). Throws a
 * ValidationError whose issues name the fields.
 */
export function manualCard(draft: unknown, now = Date.now()): NewCard {
	const input = parseOrThrow(ManualCardSchema, draft, 'The card was not saved:');
	return {
		...baseCard({ language: input.language, companionId: input.companionId || undefined }, now),
		term: input.article ? capitalise(input.term) : input.term,
		translation: input.translation ?? '',
		...(input.article ? { article: input.article } : {}),
		...(input.plural ? { plural: input.plural } : {}),
		...(input.example ? { example: input.example } : {}),
		...(input.note ? { note: input.note } : {}),
		source: 'manual'
	};
}
