/**
 * Vocabulary review by voice, in a call ("Lena, lass uns Vokabeln üben"): what the companion says
 * to ask each card, and the grade of the person's spoken answer. Pure, no scheduler: the call
 * rates the card with the grade (voice-session.ts does it with the repo). The transcript is graded
 * by the same matcher as typed answers (Again when wrong, Good when right); "schwer" in the answer
 * makes a right answer Hard, "leicht" (or "einfach") Easy. A wrong answer stays Again whatever
 * else was said.
 */
import type { VocabularyCard } from '$lib/db/rows';
import { matchAnswer, normalise, type MatchResult } from './matcher';
import { promptFor } from './prompt';
import type { ReviewRating } from './types';

export interface VoiceGrade {
	card: VocabularyCard;
	rating: ReviewRating;
	result: MatchResult;
	/** What the companion says back: right or not, and the answer. */
	feedback: string;
	/** The transcript as heard, for the review log's `answer`. */
	transcript: string;
}

/** Any of `words` as whole words (\b does not know that "ü" is a letter). */
const words = (...list: string[]) => new RegExp(`(?<!\\p{L})(${list.join('|')})(?!\\p{L})`, 'u');

const HARD = words('schwer', 'schwierig');
const EASY = words('leicht', 'einfach');
const DONT_KNOW = words('wei(ß|ss) (ich )?nicht', 'keine ahnung', 'passe?');
const VOCABULARY = words('vokabel\\p{L}*');
const PRACTISE = words(
	'üben',
	'ueben',
	'wiederholen',
	'lernen',
	'abfragen',
	'lass uns',
	'können wir'
);
const STOP = words('stopp?', 'genug', 'aufhören', 'aufhoeren', 'schluss', 'fertig', 'ende');

/** Whether a transcript asks to practise vocabulary ("Lass uns Vokabeln üben"). */
export function asksForVoiceReview(transcript: string): boolean {
	const text = normalise(transcript);
	return VOCABULARY.test(text) && PRACTISE.test(text);
}

/** Whether a transcript ends the review ("Stopp", "genug", "aufhören", "Schluss"). */
export function asksToStop(transcript: string): boolean {
	return STOP.test(normalise(transcript));
}

/** The sentence the companion speaks to ask a card. */
export function spokenPrompt(card: VocabularyCard): string {
	const prompt = promptFor(card);
	if (prompt.gap) {
		const sentence = `${prompt.gap.before.trimEnd()} … ${prompt.gap.after.trimStart()}`.trim();
		if (card.cloze) return `Was fehlt in deinem Satz? ${sentence}`;
		return card.article
			? `Welches Nomen fehlt, mit Artikel? ${sentence}`
			: `Welches Wort fehlt? ${sentence}`;
	}
	const clue = prompt.clue ?? card.term;
	return card.article
		? `Wie heißt „${clue}“ auf Deutsch? Mit Artikel, bitte.`
		: `Wie heißt „${clue}“ auf Deutsch?`;
}

/**
 * Grades a spoken answer. Speech carries no spelling, so the answer is looked for anywhere in the
 * transcript ("Ich glaube, das Brötchen"), word by word, with the matcher's tolerance.
 */
export function gradeSpoken(card: VocabularyCard, transcript: string): VoiceGrade {
	const { expected, answerLine } = promptFor(card);
	const heard = normalise(transcript);
	const term = normalise(expected.term);
	// "schwer" is a rating only when it is not the word asked for.
	const hard = HARD.test(heard) && !HARD.test(term);
	const easy = EASY.test(heard) && !EASY.test(term);
	let result = matchAnswer(expected, transcript);
	if (!result.correct && !DONT_KNOW.test(heard)) {
		const tokens = heard.split(' ');
		const size = term.split(' ').length + (expected.article ? 1 : 0);
		for (let length = size; length >= Math.max(1, size - 1) && !result.correct; length--) {
			for (let at = 0; at + length <= tokens.length; at++) {
				const candidate = matchAnswer(expected, tokens.slice(at, at + length).join(' '));
				if (candidate.correct) {
					result = candidate;
					break;
				}
				// Keep the most telling wrong verdict (a wrong or missing article) for the feedback.
				const telling = ['wrong-article', 'missing-article'].includes(candidate.verdict);
				if (telling && (result.verdict === 'wrong' || result.verdict === 'empty'))
					result = candidate;
			}
		}
	}
	const rating: ReviewRating = !result.correct ? 1 : hard ? 2 : easy ? 4 : result.suggested;
	const feedback = result.correct
		? `Richtig! ${answerLine}.`
		: result.verdict === 'wrong-article' || result.verdict === 'missing-article'
			? `Fast. ${result.hint}.`
			: `Nicht ganz. Richtig ist: ${answerLine}.`;
	return { card, rating, result, feedback, transcript: transcript.trim().slice(0, 500) };
}

/**
 * A voice review over a queue of cards: the prompt to speak, the grade of each answer, and the
 * next card. The caller stores each grade (scheduler + repo) before moving on.
 */
export class VoiceReview {
	#index = 0;

	constructor(private readonly cards: readonly VocabularyCard[]) {}

	get current(): VocabularyCard | null {
		return this.cards[this.#index] ?? null;
	}

	get done(): boolean {
		return this.#index >= this.cards.length;
	}

	get remaining(): number {
		return Math.max(0, this.cards.length - this.#index);
	}

	/** What to say to ask the current card; the closing line when there is none. */
	prompt(): string {
		const card = this.current;
		if (card) return spokenPrompt(card);
		return this.cards.length === 0
			? 'Gerade ist keine Karte fällig. Wir können später üben.'
			: 'Das waren alle Karten für jetzt. Gut gemacht!';
	}

	/** Grades the answer to the current card and moves on to the next. */
	grade(transcript: string): VoiceGrade | null {
		const card = this.current;
		if (!card) return null;
		this.#index++;
		return gradeSpoken(card, transcript);
	}
}
