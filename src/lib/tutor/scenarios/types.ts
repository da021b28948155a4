import type { CefrLevel } from '$lib/companion/languages';
import type { Scenario } from '$lib/db/rows';

/** What every scenario has, built in or stored: enough to play it, judge it and recap it. */
export type ScenarioContent = Pick<
	Scenario,
	'id' | 'language' | 'title' | 'setting' | 'role' | 'goals' | 'levelRange' | 'vocabulary'
>;

/** What a scenario is about; the suggestion after a recap prefers the same topic. */
export const SCENARIO_TOPICS = [
	'food',
	'shopping',
	'admin',
	'health',
	'housing',
	'travel',
	'work',
	'school',
	'services',
	'leisure',
	'social'
] as const;

export type ScenarioTopic = (typeof SCENARIO_TOPICS)[number];

/** A role-play that ships with the app (lib/tutor/scenarios/library), never stored. */
export interface BuiltInScenario extends ScenarioContent {
	source: 'built-in';
	topic: ScenarioTopic;
}

/** A scenario from the library or from the database (generated from a wish, or imported). */
export type AnyScenario = BuiltInScenario | Scenario;

export type { CefrLevel };
