import { describe, expect, it } from 'vitest';
import { isTolerableTypo, matchAnswer, type ExpectedAnswer } from '$lib/tutor/review/matcher';

const broetchen: ExpectedAnswer = { term: 'Brötchen', article: 'das', articleRequired: true };
const gruessen: ExpectedAnswer = { term: 'grüßen' };

describe('the answer matcher', () => {
	it('accepts the exact answer without a hint', () => {
		expect(matchAnswer(broetchen, 'das Brötchen')).toMatchObject({
			correct: true,
			verdict: 'exact',
			suggested: 3
		});
		expect(matchAnswer(broetchen, 'das Brötchen').hint).toBeUndefined();
	});

	it.each([
		['das Broetchen', broetchen, 'Richtig — geschrieben: das Brötchen'],
		['gruessen', gruessen, 'Richtig — geschrieben: grüßen'],
		['grüssen', gruessen, 'Richtig — geschrieben: grüßen'],
		['Strasse', { term: 'Straße' }, 'Richtig — geschrieben: Straße'],
		['Uebung', { term: 'Übung' }, 'Richtig — geschrieben: Übung']
	])('accepts the umlaut spelling %s with a hint', (given, expected, hint) => {
		expect(matchAnswer(expected, given)).toMatchObject({ correct: true, verdict: 'variant', hint });
	});

	it('is case-, space- and punctuation-tolerant, and shows the real capitals', () => {
		const result = matchAnswer(broetchen, '  DAS   brötchen. ');
		expect(result).toMatchObject({ correct: true, verdict: 'exact' });
		expect(result.hint).toBe('Richtig — geschrieben: das Brötchen');
		expect(matchAnswer({ term: 'Guten Morgen' }, '„guten morgen!“')).toMatchObject({
			correct: true
		});
	});

	it('does not take a dropped umlaut or a plain vowel for an umlaut', () => {
		expect(matchAnswer({ term: 'schön' }, 'schon')).toMatchObject({ correct: false, suggested: 1 });
		expect(matchAnswer({ term: 'Brüder' }, 'Bruder')).toMatchObject({ correct: false });
		expect(matchAnswer(broetchen, 'das Brotchen')).toMatchObject({
			correct: false,
			verdict: 'wrong'
		});
		expect(matchAnswer({ term: 'zählen' }, 'zahlen')).toMatchObject({ correct: false });
	});

	it('keeps ß and ss apart only where German does not: both spell the same answer', () => {
		expect(matchAnswer({ term: 'Fuß' }, 'Fuss')).toMatchObject({
			correct: true,
			verdict: 'variant'
		});
		expect(matchAnswer({ term: 'Fuß' }, 'Fus')).toMatchObject({ correct: false });
	});

	it('asks for the article of a noun when the card requires it', () => {
		expect(matchAnswer(broetchen, 'Brötchen')).toMatchObject({
			correct: false,
			verdict: 'missing-article',
			hint: 'Mit Artikel: das Brötchen'
		});
		expect(matchAnswer(broetchen, 'der Broetchen')).toMatchObject({
			correct: false,
			verdict: 'wrong-article',
			hint: 'Der Artikel ist „das“: das Brötchen'
		});
		const optional = { ...broetchen, articleRequired: false };
		expect(matchAnswer(optional, 'Brötchen')).toMatchObject({
			correct: true,
			expected: 'Brötchen'
		});
		expect(matchAnswer(optional, 'das brötchen')).toMatchObject({ correct: true });
		expect(matchAnswer(optional, 'die Brötchen')).toMatchObject({ verdict: 'wrong-article' });
	});

	it('says what was expected for a wrong or empty answer', () => {
		expect(matchAnswer(broetchen, 'das Brot')).toMatchObject({
			correct: false,
			verdict: 'wrong',
			hint: 'Gesucht war: das Brötchen'
		});
		expect(matchAnswer(broetchen, '   ')).toMatchObject({ correct: false, verdict: 'empty' });
	});

	it('tolerates one slip inside a long word, graded Hard', () => {
		expect(matchAnswer({ term: 'Fahrrad' }, 'Fahrad')).toMatchObject({
			correct: true,
			verdict: 'typo',
			suggested: 2,
			hint: 'Fast richtig — geschrieben: Fahrrad'
		});
		expect(matchAnswer({ term: 'Wohnung' }, 'Whonung')).toMatchObject({ verdict: 'typo' });
		expect(matchAnswer({ term: 'Bürgeramt' }, 'Buegeramt')).toMatchObject({ verdict: 'typo' });
	});

	it('never tolerates a slip in an ending, a short word, a phrase or a cloze span', () => {
		expect(isTolerableTypo('schönen', 'schöner')).toBe(false); // the ending is the grammar
		expect(isTolerableTypo('gehen', 'gehn')).toBe(false); // too short
		expect(isTolerableTypo('guten morgen', 'guten morgn')).toBe(false);
		expect(matchAnswer({ term: 'Fahrrad', exact: true }, 'Fahrad')).toMatchObject({
			correct: false
		});
		expect(isTolerableTypo('fahrrad', 'fhrad')).toBe(false); // two slips
	});
});
