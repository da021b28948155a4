/**
 * What a flashcard shows and what it asks for. A cloze card shows the learner's corrected sentence
 * with the corrected span blanked; a word card shows its example sentence with the word blanked
 * (when the sentence uses it), and its meaning or note as the clue. Nouns are asked with their
 * article; the plural is shown with the answer.
 */
import type { VocabularyCard } from '$lib/db/rows';
import { expectedText, type ExpectedAnswer } from './matcher';

export interface CardPrompt {
	/** A sentence with a gap: the text before and after it. Absent: no sentence to show. */
	gap?: { before: string; after: string };
	/** The meaning, or the card's note, shown as the clue. */
	clue?: string;
	/** A line on what to type: "the noun with its article", "the missing word(s)". */
	ask: string;
	expected: ExpectedAnswer;
	/** The answer as written, with the plural for nouns: "der Bahnhof, die Bahnhöfe". */
	answerLine: string;
	/** The full sentence, for reading out and for the revealed card. */
	sentence?: string;
}

export function promptFor(card: VocabularyCard): CardPrompt {
	const noun = !!card.article;
	const expected: ExpectedAnswer = {
		term: card.term,
		...(card.article ? { article: card.article, articleRequired: !card.cloze } : {}),
		exact: !!card.cloze
	};
	const written = expectedText(expected);
	const answerLine = noun && card.plural ? `${written}, Plural: ${card.plural}` : written;
	const clue = card.translation || card.note || undefined;
	const base = { expected, answerLine, ...(clue ? { clue } : {}) };

	if (card.example && card.cloze) {
		const { start, end } = card.cloze;
		return {
			...base,
			gap: { before: card.example.slice(0, start), after: card.example.slice(end) },
			ask: 'Type the missing part of your corrected sentence.',
			sentence: card.example
		};
	}
	const at = card.example ? findWord(card.example, card.term) : -1;
	if (card.example && at >= 0) {
		return {
			...base,
			gap: { before: card.example.slice(0, at), after: card.example.slice(at + card.term.length) },
			ask: noun
				? 'Type the missing noun with its article (der, die, das).'
				: 'Type the missing word.',
			sentence: card.example
		};
	}
	return {
		...base,
		ask: noun ? 'Type the German noun with its article (der, die, das).' : 'Type the German word.',
		...(card.example ? { sentence: card.example } : {})
	};
}

/** Where `term` occurs in `sentence` as a whole word (any case), or -1. */
function findWord(sentence: string, term: string): number {
	const lower = sentence.toLocaleLowerCase('de-DE');
	const needle = term.toLocaleLowerCase('de-DE');
	for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
		const before = lower[at - 1];
		const after = lower[at + needle.length];
		if (!isLetter(before) && !isLetter(after)) return at;
	}
	return -1;
}

const isLetter = (char: string | undefined) => !!char && /\p{L}/u.test(char);
