import type { InputMode } from '../../types';
import type { Speller } from '../speller';
import { CLAUSE_PUNCT, capitalise, isCapitalised, type Token } from '../tokens';
import { COORDINATORS, SUBJECT_PRONOUNS, SUBORDINATORS } from './data/words';
import type { GermanLexicon, NounInfo, Person } from './lexicon';

/** What every German rule sees. */
export interface GermanContext {
	text: string;
	sentences: Token[][];
	mode: InputMode;
	speller: Speller;
	lexicon: GermanLexicon;
}

export const lower = (token: Token | undefined) => token?.text.toLowerCase() ?? '';

export const isWord = (token: Token | undefined): token is Token => token?.kind === 'word';

/** Punctuation that ends a clause, or the end of the sentence. */
export function isClauseBreak(token: Token | undefined): boolean {
	return (
		!token ||
		(token.kind === 'punct' && (CLAUSE_PUNCT.has(token.text) || '.!?'.includes(token.text)))
	);
}

/** Where a clause may start: the sentence start, after clause punctuation or a coordinator. */
export function isClauseStart(sentence: Token[], i: number): boolean {
	const prev = sentence[i - 1];
	return i === 0 || isClauseBreak(prev) || COORDINATORS.has(lower(prev));
}

/** The persons a subject pronoun takes; capital "Sie" mid-sentence is the formal you. */
export function pronounPersons(
	token: Token | undefined,
	sentenceStart: boolean
): Person[] | undefined {
	if (!isWord(token)) return undefined;
	if (token.text === 'Sie' && !sentenceStart) return [5];
	if (token.text !== token.text.toLowerCase() && !sentenceStart) return undefined;
	return SUBJECT_PRONOUNS[token.text.toLowerCase()];
}

/**
 * A noun at `token`, with its genders. Typed nouns must be capitalised; spoken ones may not be
 * (a recogniser's lower case is not the learner's), unless the lower-case word is a word of its
 * own ("essen", "leben").
 */
export function nounAt(ctx: GermanContext, token: Token | undefined): NounInfo | undefined {
	if (!isWord(token)) return undefined;
	if (isCapitalised(token.text)) return ctx.lexicon.noun(token.text);
	if (ctx.mode !== 'spoken' || ctx.speller.spell(token.text)) return undefined;
	return ctx.lexicon.noun(capitalise(token.text));
}

/** A finite verb form at `token` agreeing with one of `persons`. */
export function agreeingVerb(
	ctx: GermanContext,
	token: Token | undefined,
	persons: Person[]
): boolean {
	if (!isWord(token)) return false;
	const form = token.text.toLowerCase();
	if (token.text !== form && ctx.mode === 'typed' && token.index > 0) return false;
	return persons.some((p) => ctx.lexicon.agrees(form, p));
}

/** Index one past the clause that starts at `from`: at clause punctuation, a coordinator or a subordinator. */
export function clauseEnd(sentence: Token[], from: number): number {
	let i = from;
	while (i < sentence.length && !isClauseBreak(sentence[i])) {
		const word = lower(sentence[i]);
		if (i > from && (COORDINATORS.has(word) || SUBORDINATORS.has(word))) break;
		i++;
	}
	return i;
}
