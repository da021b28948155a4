import { describe, expect, it } from 'vitest';
import { overshoots } from '$lib/tutor/level/overshoot';

const de = { language: 'de' };

describe('replies that overshoot their level', () => {
	it('passes a plain A1 reply', () => {
		const result = overshoots('Hallo Anna! Wie geht es dir heute?', 'A1', de);
		expect(result).toMatchObject({ overshoots: false, reasons: [] });
	});

	it('names a clause type the level leaves out', () => {
		const result = overshoots('Das ist das Buch, das ich gestern gekauft habe.', 'A1', de);
		expect(result.overshoots).toBe(true);
		expect(result.reasons).toContainEqual({ kind: 'clause', clauses: ['relative'] });
	});

	it('names a tense the level leaves out', () => {
		const result = overshoots('Er sagte, er habe keine Zeit.', 'A2', de);
		expect(result.reasons).toContainEqual(
			expect.objectContaining({ kind: 'tense', tenses: expect.arrayContaining(['subjunctive-1']) })
		);
	});

	it('names a sentence longer than the level allows', () => {
		const long =
			'Ich gehe heute mit meiner Schwester und meinem Bruder in den großen Park am Fluss spazieren.';
		const result = overshoots(long, 'A1', de);
		expect(result.reasons).toContainEqual({ kind: 'sentence-length', words: 16, max: 10 });
		expect(overshoots(long, 'B1', de).reasons).toEqual([]);
	});

	it('names rare words with examples', () => {
		const result = overshoots('Die Akribie des Gutachters ist bemerkenswert.', 'A2', de);
		const vocabulary = result.reasons.find((r) => r.kind === 'vocabulary');
		expect(vocabulary).toBeDefined();
		expect(vocabulary).toMatchObject({ examples: expect.arrayContaining(['Akribie']) });
	});

	it('never flags a C2 reply', () => {
		const text =
			'Mit Verlaub, aber diese Lesart greift meines Erachtens zu kurz: Sie unterstellt dem Autor eine Naivität, die angesichts seiner ironischen Brechungen schlicht nicht haltbar ist.';
		expect(overshoots(text, 'C2', de).overshoots).toBe(false);
		expect(overshoots(text, 'A2', de).overshoots).toBe(true);
	});
});
