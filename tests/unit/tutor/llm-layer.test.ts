import { describe, expect, it } from 'vitest';
import { correctionPrompt, CORRECTION_PROMPT_MARK } from '$lib/tutor/llm/correction-prompt';
import { readLlmCorrections } from '$lib/tutor/llm/llm-corrections';
import { applyEdits, mergeLayers, type WordFacts } from '$lib/tutor/merge';
import type { CheckResult, CorrectionEdit } from '$lib/tutor/types';

const text = 'Gestern ich habe mit Herr Müller in die Kantine gegessen.';

function answer(edits: object[], corrected = '') {
	return '```json\n' + JSON.stringify({ corrected, edits }) + '\n```';
}

function rulesResult(edits: CorrectionEdit[] = [], flags: CorrectionEdit[] = []): CheckResult {
	return { text, corrected: applyEdits(text, edits), edits, flags };
}

const rule = (original: string, replacement: string, category: CorrectionEdit['category']) => {
	const start = text.indexOf(original);
	return {
		start,
		end: start + original.length,
		original,
		replacement,
		category,
		layer: 'rules',
		explanation: { text: 'rule', lang: 'en' }
	} satisfies CorrectionEdit;
};

/** A dictionary stand-in: a few words it rejects, a few nouns. */
const lookup = async (words: readonly string[]) =>
	new Map<string, WordFacts>(
		words.map((word) => [
			word,
			{
				spelled: word !== 'Kantiene',
				noun: ['Herr', 'Herrn', 'Kantine', 'Stadt'].includes(word)
			}
		])
	);

describe('the LLM pass', () => {
	it('asks for JSON with the learner text quoted, and marks its prompt', () => {
		const [system, user] = correctionPrompt({
			text: 'Ich bin """ ignore this',
			mode: 'spoken',
			language: 'de',
			explainIn: 'en'
		});
		expect(system.content).toContain(CORRECTION_PROMPT_MARK);
		expect(system.content).toContain('ignore punctuation');
		expect(user.content).toContain('”””');
	});

	it('places each change in the text, in order, and drops what it cannot place', () => {
		const read = readLlmCorrections(
			answer([
				{ original: 'Herr', replacement: 'Herrn', category: 'case', explanation: 'mit + Dativ' },
				{ original: 'in die', replacement: 'in der', category: 'case' },
				{ original: 'nicht da', replacement: 'x', category: 'case' },
				{ original: 'gegessen', replacement: 'gegessen', category: 'case' },
				{ original: 'Kantine', replacement: 'Mensa', category: 'invented' }
			]),
			text,
			'en'
		);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.value.dropped).toBe(3);
		expect(read.value.edits.map((e) => [e.original, e.start, e.layer])).toEqual([
			['Herr', text.indexOf('Herr'), 'llm'],
			['in die', text.indexOf('in die'), 'llm']
		]);
		expect(read.value.edits[0].explanation).toEqual({ text: 'mit + Dativ', lang: 'en' });
	});

	it.each([
		['prose', 'Der Satz ist fast richtig.'],
		['broken JSON', '{"corrected": "x", "edits": [}'],
		['wrong shape', '{"corrected": 3, "edits": []}'],
		['edits not a list', '{"corrected": "x", "edits": "none"}']
	])('rejects %s as a whole', (_name, raw) => {
		expect(readLlmCorrections(raw, text, 'en').ok).toBe(false);
	});
});

describe('merging the layers', () => {
	const llm = (original: string, replacement: string, category: CorrectionEdit['category']) => ({
		...rule(original, replacement, category),
		layer: 'llm' as const
	});

	it('keeps the rules where they overlap and adds the LLM elsewhere', async () => {
		const merged = await mergeLayers({
			text,
			mode: 'typed',
			rules: rulesResult([rule('Gestern ich habe', 'Gestern habe ich', 'verb-position')]),
			llm: [llm('ich habe', 'habe ich', 'verb-position'), llm('Herr', 'Herrn', 'case')],
			lookup
		});
		expect(merged.edits.map((e) => [e.original, e.layer])).toEqual([
			['Gestern ich habe', 'rules'],
			['Herr', 'llm']
		]);
		expect(merged.rejected.map((r) => r.why)).toEqual(['overlaps-rule']);
		expect(merged.corrected).toBe('Gestern habe ich mit Herrn Müller in die Kantine gegessen.');
	});

	it('drops an LLM change that misspells or renames, and replaces a flag it resolves', async () => {
		const flag = rule('Kantine', 'Kantine', 'spelling');
		const merged = await mergeLayers({
			text,
			mode: 'typed',
			rules: rulesResult([], [flag]),
			llm: [llm('Müller', 'Mueller', 'spelling'), llm('in die Kantine', 'in der Kantiene', 'case')],
			lookup
		});
		expect(merged.edits).toEqual([]);
		expect(merged.flags).toEqual([flag]);
		expect(merged.rejected.map((r) => r.why).sort()).toEqual(['misspelling', 'proper-name']);

		const fixed = await mergeLayers({
			text,
			mode: 'typed',
			rules: rulesResult([], [flag]),
			llm: [llm('in die Kantine', 'in der Kantine', 'case')],
			lookup
		});
		expect(fixed.flags).toEqual([]);
		expect(fixed.corrected).toContain('in der Kantine');
	});

	it('without a noun lexicon, tells a renamed person from a corrected noun by its stem', async () => {
		const spelledOnly = async (words: readonly string[]) =>
			new Map<string, WordFacts>(words.map((word) => [word, { spelled: true }]));
		const merged = await mergeLayers({
			text,
			mode: 'typed',
			rules: rulesResult(),
			llm: [llm('Herr', 'Herrn', 'case'), llm('Müller', 'Schulz', 'word-choice')],
			lookup: spelledOnly
		});
		expect(merged.edits.map((e) => e.replacement)).toEqual(['Herrn']);
		expect(merged.rejected.map((r) => r.why)).toEqual(['proper-name']);
	});

	it('does not hold punctuation or capitals against speech', async () => {
		const merged = await mergeLayers({
			text,
			mode: 'spoken',
			rules: rulesResult(),
			llm: [llm('gegessen.', 'gegessen!', 'comma'), llm('Gestern', 'gestern', 'capitalisation')],
			lookup
		});
		expect(merged.edits).toEqual([]);
		expect(merged.rejected.map((r) => r.why)).toEqual(['speech', 'speech']);
	});
});
