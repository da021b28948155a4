import { describe, expect, it } from 'vitest';
import { CEFR_LEVELS } from '$lib/companion/languages';
import frequency from '$lib/tutor/level/de/frequency.json';
import { LEVEL_LANGUAGES } from '$lib/tutor/level/languages';
import { levelInstruction, levelProfile, speechRate } from '$lib/tutor/level/profiles';
import { CLAUSES, TENSES } from '$lib/tutor/level/types';

describe('level profiles', () => {
	const languages = Object.entries(LEVEL_LANGUAGES);

	it('exist for every level of every language with data', () => {
		expect(languages.map(([code]) => code)).toContain('de');
		for (const [, data] of languages) {
			expect(Object.keys(data.profiles).sort()).toEqual([...CEFR_LEVELS].sort());
			for (const level of CEFR_LEVELS) expect(data.profiles[level].level).toBe(level);
		}
	});

	it('grow with the level: longer sentences, more words, a superset of grammar', () => {
		for (const [, { profiles }] of languages) {
			CEFR_LEVELS.slice(1).forEach((level, i) => {
				const before = profiles[CEFR_LEVELS[i]];
				const now = profiles[level];
				expect(now.sentenceWords.typical).toBeGreaterThan(before.sentenceWords.typical);
				expect(now.sentenceWords.max).toBeGreaterThanOrEqual(before.sentenceWords.max);
				expect(now.sentenceWords.max).toBeGreaterThan(now.sentenceWords.typical);
				if (now.vocabularyRank !== null && before.vocabularyRank !== null) {
					expect(now.vocabularyRank).toBeGreaterThan(before.vocabularyRank);
				}
				if (before.vocabularyRank === null) expect(now.vocabularyRank).toBeNull();
				for (const tense of before.tenses) expect(now.tenses).toContain(tense);
				for (const clause of before.clauses) expect(now.clauses).toContain(clause);
				expect(now.speechRate).toBeGreaterThanOrEqual(before.speechRate);
			});
		}
	});

	it('allow every tense and clause type at C2, and present and main clauses from A1', () => {
		for (const [, { profiles }] of languages) {
			expect([...profiles.C2.tenses].sort()).toEqual([...TENSES].sort());
			expect([...profiles.C2.clauses].sort()).toEqual([...CLAUSES].sort());
			expect(profiles.A1.tenses).toContain('present');
			expect(profiles.A1.clauses).toEqual(['coordinate']);
		}
	});

	it('slow the voice at A1 and A2 only', () => {
		expect(speechRate('A1', 'de')).toBe(0.8);
		expect(speechRate('A2', 'de')).toBe(0.9);
		for (const level of ['B1', 'B2', 'C1', 'C2'] as const) expect(speechRate(level, 'de')).toBe(1);
	});

	it('fall back to the German profiles for a language without its own', () => {
		expect(levelProfile('B1', 'fr')).toEqual(levelProfile('B1', 'de'));
	});

	it('keep calibration anchors rising, so a higher value never means a lower level', () => {
		for (const [, { calibration }] of languages) {
			for (const anchors of [
				calibration.sentenceWords,
				calibration.lexicalBand,
				calibration.wordLength
			]) {
				expect(anchors).toHaveLength(CEFR_LEVELS.length);
				anchors.slice(1).forEach((a, i) => expect(a).toBeGreaterThan(anchors[i]));
			}
		}
	});
});

describe('the prompt instruction', () => {
	it('is short and names the level, sentence length and what is allowed', () => {
		const a1 = levelInstruction('A1', 'de');
		expect(a1).toContain('German at CEFR A1');
		expect(a1).toContain('never more than 10');
		expect(a1).toContain('600 most common German words');
		expect(a1).toContain('Tenses: present, perfect, simple past of be/have only.');
		expect(a1).toContain('Clauses: main clauses, and/but/or only.');
		expect(levelInstruction('B2', 'de')).toContain(
			'Clauses: avoid formal connectors, participle phrases.'
		);
		for (const level of CEFR_LEVELS) {
			expect(levelInstruction(level, 'de').length).toBeLessThan(400);
		}
	});

	it('restricts nothing but style and length at C2, and is stable for the prompt cache', () => {
		const c2 = levelInstruction('C2', 'de');
		expect(c2).not.toContain('Tenses');
		expect(c2).not.toContain('most common');
		expect(c2.split('\n')).toHaveLength(2);
		expect(levelInstruction('B1', 'de')).toBe(levelInstruction('B1', 'de'));
	});

	it('names the target language for languages without data', () => {
		expect(levelInstruction('A2', 'fr')).toContain('Speak French at CEFR A2');
	});
});

describe('the committed word ranks', () => {
	it('hold the stems of the frequency list, everyday words and first names', () => {
		const stems = frequency.stems.split(' ');
		expect(stems.length).toBeGreaterThan(7000);
		expect(new Set(stems).size).toBe(stems.length);
		expect(stems.slice(0, 3)).toEqual(['ich', 'sie', 'das']);
		expect(frequency.everyday.split(' ')).toContain('brotch');
		expect(frequency.names.split(' ')).toContain('anna');
		expect(frequency.source).toMatch(/@zxcvbn-ts\/language-de@\S+ commonWords \(MIT\)/);
	});
});
