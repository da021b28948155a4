import type { ScenarioGoal } from '$lib/db/rows';
import { foldWord, sentencesOf, stemOf } from './normalise';

/**
 * The deterministic goal judge: a goal is met when the learner used one of its keywords. Used
 * at once on every learner message, and as the fallback when the LLM judge gives no usable answer.
 *
 * A keyword is a word or a phrase. Words match after folding (case, umlaut spellings, ß) and
 * inflection (`stemOf`: "bestelle" meets "bestellen"); a word ending in `*` matches any word that
 * starts with it ("pfand*" meets "Pfandflaschen"). A phrase's words must occur in one sentence,
 * in order, with at most `MAX_GAP` other words between two of them ("ich möchte zwei Brötchen"
 * meets "ich möchte brötchen").
 */

export const MAX_GAP = 3;

interface KeywordWord {
	text: string;
	prefix: boolean;
}

/** A keyword as the matcher reads it. */
export function parseKeyword(keyword: string): KeywordWord[] {
	return keyword
		.split(/\s+/)
		.filter(Boolean)
		.flatMap((raw) => {
			const prefix = raw.endsWith('*');
			// "EC-Karte" is two words to the matcher, as it is in the learner's text.
			const parts = sentencesOf(prefix ? raw.slice(0, -1) : raw).flat();
			return parts.map((text, i) => ({ text, prefix: prefix && i === parts.length - 1 }));
		});
}

function wordMatches(word: KeywordWord, token: string): boolean {
	if (word.prefix) return token.startsWith(word.text);
	return token === word.text || stemOf(token) === stemOf(word.text);
}

/** Whether the phrase occurs in one sentence (folded words), in order, with small gaps. */
function phraseIn(words: readonly KeywordWord[], sentence: readonly string[]): boolean {
	const from = (wordIndex: number, tokenIndex: number, first: boolean): boolean => {
		if (wordIndex === words.length) return true;
		const last = first ? sentence.length - 1 : Math.min(sentence.length - 1, tokenIndex + MAX_GAP);
		for (let i = tokenIndex; i <= last; i++) {
			if (wordMatches(words[wordIndex], sentence[i]) && from(wordIndex + 1, i + 1, false))
				return true;
		}
		return false;
	};
	return words.length > 0 && from(0, 0, true);
}

/** Whether `text` uses `keyword`. */
export function usesKeyword(text: string, keyword: string): boolean {
	const words = parseKeyword(keyword);
	return sentencesOf(text).some((sentence) => phraseIn(words, sentence));
}

/** The first keyword of the goal the text uses, if any. */
export function matchedKeyword(goal: Pick<ScenarioGoal, 'keywords'>, text: string): string | null {
	const sentences = sentencesOf(text);
	for (const keyword of goal.keywords) {
		const words = parseKeyword(keyword);
		if (sentences.some((sentence) => phraseIn(words, sentence))) return keyword;
	}
	return null;
}

/** The ids of the goals (in their order) that the learner's text meets by keyword. */
export function goalsMetByKeywords(
	goals: readonly Pick<ScenarioGoal, 'id' | 'keywords'>[],
	text: string
): string[] {
	return goals.filter((goal) => matchedKeyword(goal, text) !== null).map((goal) => goal.id);
}

/** Folds a term for comparing two spellings ("Strasse", "Straße"). */
export const foldTerm = (term: string) => sentencesOf(term).flat().join(' ') || foldWord(term);
