/**
 * Grades a typed or spoken answer against a card, the way a patient teacher would: case, spacing
 * and final punctuation do not matter; "ae/oe/ue/ss" stand for "ä/ö/ü/ß" (a keyboard without
 * umlauts), with a hint that shows the real spelling; a noun's article is part of the answer when
 * the card asks for it.
 *
 * Typo tolerance, and why it stays honest: one slip (a letter added, dropped, changed or two
 * swapped) is accepted only in a word answer of 6 letters or more, never on a cloze card (there
 * the exact form is the point: "einen" against "einem"), never in the last two letters (German
 * endings carry case, number and person), and never between a vowel and its umlaut ("schon" and
 * "schön", "Bruder" and "Brüder" are different words). It is graded Hard by default, not Good.
 */
import type { ReviewRating } from './types';

export const ARTICLE_WORDS = ['der', 'die', 'das'] as const;
export type Article = (typeof ARTICLE_WORDS)[number];

export interface ExpectedAnswer {
	/** The word, phrase or cloze span asked for, in its real spelling. */
	term: string;
	/** A noun's article. */
	article?: Article;
	/** Whether the article must be given (nouns: yes). */
	articleRequired?: boolean;
	/** Cloze cards ask for an exact form: no typo tolerance. */
	exact?: boolean;
}

export type Verdict =
	'exact' | 'variant' | 'typo' | 'missing-article' | 'wrong-article' | 'wrong' | 'empty';

export interface MatchResult {
	correct: boolean;
	verdict: Verdict;
	/** The answer as it is written (with its article when it has one). */
	expected: string;
	/** A line for the person: the real spelling, the article, or what was expected. */
	hint?: string;
	/** The rating this answer suggests; the person can choose another. */
	suggested: ReviewRating;
}

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };
const UMLAUT_PAIRS = new Set(['aä', 'äa', 'oö', 'öo', 'uü', 'üu']);

/** Lower case, one space between words, no surrounding quotes or final punctuation. */
export function normalise(text: string): string {
	return text
		.normalize('NFC')
		.toLocaleLowerCase('de-DE')
		.replace(/[„“”"«»‚‘’]/g, '')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/[.!?,;:]+$/u, '')
		.trim();
}

/** "Brötchen" → "broetchen": how the word is typed without umlaut keys. */
export function transliterate(text: string): string {
	return text.replace(/[äöüß]/g, (letter) => UMLAUTS[letter]);
}

/** The expected answer as written, article first: "der Bahnhof". */
export function expectedText({ term, article, articleRequired }: ExpectedAnswer): string {
	return article && articleRequired !== false ? `${article} ${term}` : term;
}

/** Splits a leading article off an answer. */
function splitArticle(answer: string): { article?: string; rest: string } {
	const match = /^(der|die|das|den|dem|des)\s+(.+)$/.exec(answer);
	return match ? { article: match[1], rest: match[2] } : { rest: answer };
}

/**
 * Grades `given` against the card's expected answer. `correct` decides the default rating
 * (Again when wrong, Good when right, Hard for a tolerated typo).
 */
export function matchAnswer(expected: ExpectedAnswer, given: string): MatchResult {
	const shown = expectedText(expected);
	const answer = normalise(given);
	const wrong = (verdict: Verdict, hint: string): MatchResult => ({
		correct: false,
		verdict,
		expected: shown,
		hint,
		suggested: 1
	});
	if (!answer) return wrong('empty', `Gesucht war: ${shown}`);

	const target = normalise(expected.term);
	let rest = answer;
	if (expected.article) {
		const split = splitArticle(answer);
		// "die Bahnhof" is a wrong answer, not a spelling variant.
		if (split.article && split.article !== expected.article && termMatches(target, split.rest))
			return wrong('wrong-article', `Der Artikel ist „${expected.article}“: ${shown}`);
		if (!split.article && expected.articleRequired !== false && termMatches(target, answer))
			return wrong('missing-article', `Mit Artikel: ${shown}`);
		if (split.article === expected.article) rest = split.rest;
	}

	if (rest === target) {
		// Right, perhaps in other capitals: show the spelling when it was typed differently.
		const typed = given
			.replace(/\s+/g, ' ')
			.trim()
			.replace(/[.!?]+$/u, '');
		const differs = !typed.endsWith(expected.term);
		return {
			correct: true,
			verdict: 'exact',
			expected: shown,
			suggested: 3,
			...(differs ? { hint: `Richtig — geschrieben: ${shown}` } : {})
		};
	}
	if (transliterate(rest) === transliterate(target)) {
		return {
			correct: true,
			verdict: 'variant',
			expected: shown,
			hint: `Richtig — geschrieben: ${shown}`,
			suggested: 3
		};
	}
	if (!expected.exact && isTolerableTypo(target, rest)) {
		return {
			correct: true,
			verdict: 'typo',
			expected: shown,
			hint: `Fast richtig — geschrieben: ${shown}`,
			suggested: 2
		};
	}
	return wrong('wrong', `Gesucht war: ${shown}`);
}

/** Whether the term part of an answer is right, umlaut spellings included (article checks). */
function termMatches(target: string, rest: string): boolean {
	return rest === target || transliterate(rest) === transliterate(target);
}

/**
 * One slip in a long word, under the rules in this file's header. Both sides are compared with
 * "ae/oe/ue/ss" folded back to umlauts where the expected word has them, so "Broetchen" with one
 * slip is judged like "Brötchen" with one slip.
 */
export function isTolerableTypo(target: string, given: string): boolean {
	if (target.includes(' ') || given.includes(' ')) return false;
	if ([...target].length < 6) return false;
	const folded = foldTowards(target, given);
	const edit = singleEdit([...target], [...folded]);
	if (!edit) return false;
	const length = [...target].length;
	if (edit.at >= length - 2) return false;
	if (edit.kind === 'substitute' && UMLAUT_PAIRS.has(edit.pair)) return false;
	return true;
}

/** Writes the given answer's "ae/oe/ue/ss" as umlauts where the target has an umlaut there. */
function foldTowards(target: string, given: string): string {
	let out = given;
	for (const [letter, spelled] of Object.entries(UMLAUTS)) {
		if (target.includes(letter)) out = out.replaceAll(spelled, letter);
	}
	return out;
}

type Edit = { kind: 'insert' | 'delete' | 'substitute' | 'transpose'; at: number; pair: string };

/** The single edit that turns `a` into `b`, if exactly one does (Damerau, adjacent swaps). */
function singleEdit(a: string[], b: string[]): Edit | null {
	let i = 0;
	while (i < a.length && i < b.length && a[i] === b[i]) i++;
	if (a.length === b.length) {
		if (i === a.length) return null;
		if (a.slice(i + 1).join('') === b.slice(i + 1).join(''))
			return { kind: 'substitute', at: i, pair: a[i] + b[i] };
		if (
			a[i] === b[i + 1] &&
			a[i + 1] === b[i] &&
			a.slice(i + 2).join('') === b.slice(i + 2).join('')
		)
			return { kind: 'transpose', at: i + 1, pair: '' };
		return null;
	}
	if (b.length === a.length + 1 && a.slice(i).join('') === b.slice(i + 1).join(''))
		return { kind: 'insert', at: i, pair: '' };
	if (a.length === b.length + 1 && a.slice(i + 1).join('') === b.slice(i).join(''))
		return { kind: 'delete', at: i, pair: '' };
	return null;
}
