import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { VocabularyCardSchema } from '$lib/db/rows';
import { ValidationError } from '$lib/errors';
import { cardFromCorrection, cardsFromWords, manualCard } from '$lib/tutor/review/factories';
import { promptFor } from '$lib/tutor/review/prompt';
import type { CorrectionEdit } from '$lib/tutor/types';

const T0 = Date.UTC(2026, 0, 5, 9, 0);

function edit(text: string, original: string, replacement: string, from = 0): CorrectionEdit {
	const start = text.indexOf(original, from);
	return {
		start,
		end: start + original.length,
		original,
		replacement,
		category: 'case',
		layer: 'rules',
		explanation: { text: '„mit“ verlangt den Dativ.', lang: 'de' }
	};
}

describe('cardFromCorrection', () => {
	it('makes a cloze card on the corrected span of the learner’s own corrected sentence', () => {
		const text = 'Gestern war ich müde. Ich fahre mit der Bus zur Arbeit. Es war kalt.';
		const corrected = 'Gestern war ich müde. Ich fahre mit dem Bus zur Arbeit. Es war kalt.';
		const card = cardFromCorrection(
			{
				text,
				corrected,
				edit: edit(text, 'der', 'dem'),
				messageId: 'm1',
				companionId: 'lena',
				language: 'de'
			},
			T0
		);
		expect(card).toMatchObject({
			term: 'dem',
			example: 'Ich fahre mit dem Bus zur Arbeit.',
			cloze: { start: 14, end: 17 },
			note: '„mit“ verlangt den Dativ.',
			source: 'correction',
			sourceId: 'm1',
			companionId: 'lena',
			language: 'de',
			due: T0,
			fsrs: { state: 0, reps: 0 }
		});
		expect(v.is(VocabularyCardSchema, card)).toBe(true);
		const prompt = promptFor(card!);
		expect(prompt.gap).toEqual({ before: 'Ich fahre mit ', after: ' Bus zur Arbeit.' });
		expect(prompt.expected).toMatchObject({ term: 'dem', exact: true });
	});

	it('places the span after earlier edits of the same correction changed the length', () => {
		const text = 'ich habe gestern ein Apfel gegessen';
		const corrected = 'Ich habe gestern einen Apfel gegessen';
		const first = edit(text, 'ich', 'Ich');
		const second = edit(text, 'ein', 'einen', 5);
		const card = cardFromCorrection(
			{ text, corrected, edit: second, edits: [first, second], language: 'de' },
			T0
		);
		expect(card?.example?.slice(card.cloze!.start, card.cloze!.end)).toBe('einen');
	});

	it('makes no card for a deletion', () => {
		const text = 'Ich habe habe Hunger.';
		expect(
			cardFromCorrection({
				text,
				corrected: 'Ich habe Hunger.',
				edit: edit(text, 'habe ', ''),
				language: 'de'
			})
		).toBeNull();
	});
});

describe('cardsFromWords', () => {
	it('makes one card a word, leaving out blanks and repeats', () => {
		const cards = cardsFromWords(
			[
				{ term: 'Anmeldung', article: 'die', plural: 'Anmeldungen', translation: 'registration' },
				{ term: ' ' },
				{ term: 'anmeldung', article: 'die' },
				{ term: 'sich anmelden', example: 'Ich möchte mich anmelden.' }
			],
			{ source: 'scenario', sourceId: 'run-1', companionId: 'lena', language: 'de' },
			T0
		);
		expect(cards.map((card) => card.term)).toEqual(['Anmeldung', 'sich anmelden']);
		expect(cards[0]).toMatchObject({
			source: 'scenario',
			sourceId: 'run-1',
			article: 'die',
			plural: 'Anmeldungen'
		});
		for (const card of cards) expect(v.is(VocabularyCardSchema, card)).toBe(true);
	});
});

describe('manualCard', () => {
	it('makes a noun card with its article and plural', () => {
		const card = manualCard(
			{
				term: ' Bahnhof ',
				article: 'der',
				plural: 'Bahnhöfe',
				example: 'Der Zug steht am Bahnhof.',
				note: ''
			},
			T0
		);
		expect(card).toMatchObject({
			term: 'Bahnhof',
			article: 'der',
			plural: 'Bahnhöfe',
			source: 'manual'
		});
		expect(card).not.toHaveProperty('note');
		// A noun typed in lower case is written as German writes nouns.
		expect(
			manualCard({ term: 'brötchen', article: 'das', plural: 'Brötchen', note: 'x' }).term
		).toBe('Brötchen');
		expect(manualCard({ term: 'essen', note: 'to eat' }).term).toBe('essen');
		expect(promptFor(card)).toMatchObject({
			gap: { before: 'Der Zug steht am ', after: '.' },
			answerLine: 'der Bahnhof, Plural: Bahnhöfe',
			expected: { article: 'der', articleRequired: true }
		});
	});

	it.each([
		[{ term: '', note: 'x' }, 'term', 'Write the word or phrase to learn.'],
		[{ term: 'Bahnhof', article: 'der', note: 'station' }, 'plural', 'Write the plural too'],
		[{ term: 'laufen', plural: 'läufe', note: 'run' }, 'article', 'A plural belongs to a noun'],
		[{ term: 'laufen' }, 'example', 'Add an example sentence, the meaning or a note'],
		[
			{ term: 'Bahnhof', article: 'dem', plural: 'Bahnhöfe', note: 'x' },
			'article',
			'der, die or das'
		],
		[{ term: 'x'.repeat(201), note: 'x' }, 'term', 'at most 200 characters']
	])('refuses %o with a message on the field', (draft, field, message) => {
		let error: unknown;
		try {
			manualCard(draft);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).byField()[field]).toContain(message);
	});
});
