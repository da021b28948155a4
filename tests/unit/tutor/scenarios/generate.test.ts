import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import * as v from 'valibot';
import { ScenarioSchema } from '$lib/db/rows';
import { ValidationError } from '$lib/errors';
import {
	GENERATION_ATTEMPTS,
	ScenarioGenerationError,
	generateScenario,
	generationPrompt,
	parseGeneratedScenario,
	readScenarioFile,
	scenarioFile,
	type Generate
} from '$lib/tutor/scenarios';

const request = {
	wish: 'I have a job interview at a bakery next week',
	language: 'de' as const,
	level: 'A2' as const,
	companionName: 'Lena'
};
const origin = { id: 'gen-1', now: 1000, companionId: 'lena' };

/** A well-formed answer, as a model would give it. */
const GOOD = JSON.stringify({
	title: 'Vorstellungsgespräch in der Bäckerei',
	setting: 'Du hast ein Vorstellungsgespräch in einer Bäckerei. Die Chefin sitzt mit dir im Café.',
	role: 'Chefin der Bäckerei: freundlich, fragt nach Erfahrung und Arbeitszeiten',
	levelRange: { min: 'A2', max: 'B1' },
	goals: [
		{ text: 'I can say why I want to work here.', keywords: ['weil ich', 'ich möchte'] },
		{ text: 'I can say when I can work.', keywords: ['am wochenende', 'frühschicht'] }
	],
	vocabulary: [
		{ term: 'Frühschicht', article: 'die', translation: 'early shift' },
		{ term: 'Erfahrung', article: '', translation: 'experience' },
		{ term: 'backen', translation: 'to bake' }
	]
});

describe('generated scenarios', () => {
	it('asks for JSON, at the learner’s level, with the wish quoted as data', () => {
		const [system, user] = generationPrompt({ ...request, wish: `${'a'.repeat(600)}` });
		expect(system.content).toContain('level A2');
		expect(system.content).toContain('"goals"');
		expect(user.content).toMatch(/^The person’s wish:\n"""\na{500}\n"""$/);
	});

	it('turns a valid answer into a stored-scenario row', () => {
		const result = parseGeneratedScenario(`Here you go:\n${GOOD}`, request, origin);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const row = result.value;
		expect(v.safeParse(ScenarioSchema, row).success).toBe(true);
		expect(row).toMatchObject({
			id: 'gen-1',
			companionId: 'lena',
			source: 'generated',
			language: 'de',
			createdAt: 1000,
			levelRange: { min: 'A2', max: 'B1' }
		});
		expect(row.goals.map((g) => g.id)).toEqual(['goal-1', 'goal-2']);
		// An empty article is no article.
		expect(row.vocabulary[1]).toEqual({ term: 'Erfahrung', translation: 'experience' });
	});

	it('uses the learner’s level when the model names none', () => {
		const { levelRange: _drop, ...rest } = JSON.parse(GOOD);
		const result = parseGeneratedScenario(JSON.stringify(rest), request, origin);
		expect(result.ok && result.value.levelRange).toEqual({ min: 'A2', max: 'A2' });
	});

	it.each([
		['no JSON', 'Gern! Hier ist ein Szenario für dich.', 'no JSON object'],
		['no goals', JSON.stringify({ ...JSON.parse(GOOD), goals: [] }), 'at least one goal'],
		[
			'a huge setting',
			JSON.stringify({ ...JSON.parse(GOOD), setting: 's'.repeat(20_000) }),
			'too long'
		]
	])('rejects an answer with %s', (_what, answer, says) => {
		const result = parseGeneratedScenario(answer, request, origin);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.error.message).toContain(says);
	});

	it('retries once on a malformed answer', async () => {
		const generate = vi
			.fn<Generate>()
			.mockResolvedValueOnce('{"title": ')
			.mockResolvedValueOnce(GOOD);
		const scenario = await generateScenario(request, origin, generate);
		expect(scenario.title).toBe('Vorstellungsgespräch in der Bäckerei');
		expect(generate).toHaveBeenCalledTimes(2);
	});

	it('gives up after two unusable answers with a message a person can act on', async () => {
		const generate = vi.fn<Generate>().mockResolvedValue('{"title": "x"}');
		const failure = await generateScenario(request, origin, generate).catch((e: unknown) => e);
		expect(failure).toBeInstanceOf(ScenarioGenerationError);
		expect((failure as Error).message).toMatch(/second try.*pick one from the library/s);
		// The model's text is never shown.
		expect((failure as Error).message).not.toContain('"title"');
		expect(generate).toHaveBeenCalledTimes(GENERATION_ATTEMPTS);
	});

	it('passes the model’s own failure on (cancelled, no model)', async () => {
		const cancelled = new DOMException('stopped', 'AbortError');
		const generate = vi.fn<Generate>().mockRejectedValue(cancelled);
		await expect(generateScenario(request, origin, generate)).rejects.toBe(cancelled);
		expect(generate).toHaveBeenCalledTimes(1);
	});
});

const fixture = (name: string) => readFileSync(`tests/fixtures/tutor/scenarios/${name}`, 'utf8');

describe('scenario files', () => {
	let ids = 0;
	const importOrigin = {
		now: 5,
		newId: () => `imported-${++ids}`,
		language: 'de' as const,
		level: 'B1' as const
	};

	it('imports a valid file as new custom scenarios, and round-trips its own export', () => {
		const [scenario] = readScenarioFile(fixture('valid.json'), importOrigin);
		expect(scenario).toMatchObject({ title: 'Beim Schuster', source: 'custom', createdAt: 5 });
		expect(scenario.id).toMatch(/^imported-/);
		expect(scenario.goals[0]).toMatchObject({ id: 'goal-1', keywords: ['sohle', 'kaputt'] });
		const again = readScenarioFile(scenarioFile([scenario]), importOrigin);
		expect(again[0]).toEqual({ ...scenario, id: again[0].id });
		expect(again[0].id).not.toBe(scenario.id);
	});

	it.each([
		[
			'missing-goals.json',
			'A scenario needs at least one goal: a can-do statement such as "I can order two rolls and pay." (scenarios.0.goals)'
		],
		['setting-too-long.json', 'The setting is too long: 20000 characters, at most 2000.'],
		['levels-reversed.json', 'from the lower level to the higher one'],
		['bad-article.json', 'An article must be "der", "die" or "das"'],
		['not-json.json', 'it is not a JSON file']
	])('refuses %s with a clear message', (name, says) => {
		const failure = (() => {
			try {
				readScenarioFile(fixture(name), importOrigin);
			} catch (error) {
				return error;
			}
		})();
		expect(failure).toBeInstanceOf(ValidationError);
		expect((failure as Error).message).toMatch(/^This scenario file cannot be used:/);
		expect((failure as Error).message).toContain(says);
	});

	it('refuses a file that is far too large before reading it', () => {
		expect(() => readScenarioFile(' '.repeat(600 * 1024), importOrigin)).toThrow(
			/larger than 512 KB/
		);
	});
});
