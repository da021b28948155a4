import type { LanguageCode } from '$lib/companion/languages';
import type { BuiltInScenario } from '../types';
import { GERMAN_SCENARIOS } from './de';

/**
 * The built-in role-plays by target language. Another language joins with one data file next to
 * `de.ts` and one line here; the library test checks every entry of every language.
 */
export const SCENARIO_LIBRARIES: Partial<Record<LanguageCode, readonly BuiltInScenario[]>> = {
	de: GERMAN_SCENARIOS
};

const byId = new Map(
	Object.values(SCENARIO_LIBRARIES).flatMap((list) =>
		list.map((scenario) => [scenario.id, scenario])
	)
);

/** The built-in scenarios for a target language (none for a language without a library). */
export function builtInScenarios(language: string): readonly BuiltInScenario[] {
	return SCENARIO_LIBRARIES[language as LanguageCode] ?? [];
}

/** A built-in scenario by id. */
export function findBuiltIn(id: string): BuiltInScenario | undefined {
	return byId.get(id);
}

/** Whether an id names a built-in scenario (stored ones have random ids). */
export const isBuiltInId = (id: string) => byId.has(id);
