import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CEFR_LEVELS } from '$lib/companion/languages';
import { ScenarioSchema } from '$lib/db/rows';
import { SCENARIO_LIBRARIES, builtInScenarios, findBuiltIn } from '$lib/tutor/scenarios';
import { usesKeyword } from '$lib/tutor/scenarios/keywords';
import { parseKeyword } from '$lib/tutor/scenarios/keywords';

const all = Object.values(SCENARIO_LIBRARIES).flat();
const level = (l: string) => CEFR_LEVELS.indexOf(l as (typeof CEFR_LEVELS)[number]);

describe('the built-in scenario library', () => {
	it('has at least 20 German role-plays, with unique ids', () => {
		expect(builtInScenarios('de').length).toBeGreaterThanOrEqual(20);
		expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
		expect(builtInScenarios('xx')).toEqual([]);
		expect(findBuiltIn('de-baeckerei')?.title).toBe('In der Bäckerei');
	});

	it('has only entries that would store as a scenario row', () => {
		for (const scenario of all) {
			const { source: _source, topic: _topic, ...content } = scenario;
			const row = { ...content, source: 'custom', createdAt: 0, updatedAt: 0 };
			const result = v.safeParse(ScenarioSchema, row);
			expect(result.success, `${scenario.id}: ${result.issues?.[0]?.message}`).toBe(true);
		}
	});

	it.each(all.map((s) => [s.id, s] as const))('%s is complete and sane', (_id, scenario) => {
		expect(scenario.language).toBe(scenario.id.split('-')[0]);
		expect(level(scenario.levelRange.min)).toBeLessThanOrEqual(level(scenario.levelRange.max));
		expect(level(scenario.levelRange.max) - level(scenario.levelRange.min)).toBeLessThanOrEqual(2);
		expect(scenario.setting.length).toBeGreaterThan(40);
		expect(scenario.role.length).toBeGreaterThan(10);
		expect(scenario.goals.length).toBeGreaterThanOrEqual(2);
		expect(scenario.goals.length).toBeLessThanOrEqual(4);
		expect(new Set(scenario.goals.map((g) => g.id)).size).toBe(scenario.goals.length);
		for (const goal of scenario.goals) {
			expect(goal.text, goal.id).toMatch(/^I can .+\.$/);
			expect(goal.keywords.length, goal.id).toBeGreaterThanOrEqual(2);
			for (const keyword of goal.keywords) expect(parseKeyword(keyword).length).toBeGreaterThan(0);
		}
		expect(scenario.vocabulary.length).toBeGreaterThanOrEqual(6);
		expect(scenario.vocabulary.length).toBeLessThanOrEqual(12);
		for (const word of scenario.vocabulary) {
			expect(word.translation, word.term).toBeTruthy();
			// A capitalised single word is a noun in German: it needs its article.
			if (/^\p{Lu}[\p{L}-]+$/u.test(word.term)) expect(word.article, word.term).toBeDefined();
			// An article goes with a noun, written with a capital.
			if (word.article) expect(word.term, word.term).toMatch(/^\p{Lu}/u);
		}
	});

	it('has keywords that a learner’s own sentence meets', () => {
		// One natural learner sentence per scenario's first goal.
		const said: Record<string, string> = {
			'de-baeckerei': 'Guten Morgen, ich hätte gern vier Brötchen, bitte.',
			'de-buergeramt-anmeldung': 'Ich möchte meine neue Wohnung anmelden.',
			'de-arzttermin': 'Ich habe seit zwei Tagen Fieber.',
			'de-restaurant': 'Haben Sie einen Tisch für zwei Personen?',
			'de-zugverspaetung': 'Ich verpasse meinen Anschlusszug!'
		};
		for (const [id, sentence] of Object.entries(said)) {
			const goal = findBuiltIn(id)!.goals[0];
			expect(
				goal.keywords.some((k) => usesKeyword(sentence, k)),
				id
			).toBe(true);
		}
	});
});
