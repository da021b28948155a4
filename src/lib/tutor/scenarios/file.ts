import * as v from 'valibot';
import type { CefrLevel } from '$lib/companion/languages';
import type { Scenario } from '$lib/db/rows';
import { ValidationError } from '$lib/errors';
import { parseOrThrow } from '$lib/validation';
import { ScenarioInputSchema, scenarioFromInput, type ScenarioInput } from './input';
import type { ScenarioContent } from './types';

/** Larger files are refused before they are read as JSON. */
export const SCENARIO_FILE_MAX_BYTES = 512 * 1024;
/** At most this many scenarios in one file. */
export const SCENARIO_FILE_MAX = 50;

const SUMMARY = 'This scenario file cannot be used:';

const ScenarioListSchema = v.pipe(
	v.array(ScenarioInputSchema, 'The scenarios must be a list.'),
	v.minLength(1, 'The file lists no scenarios.'),
	v.maxLength(SCENARIO_FILE_MAX, `A file holds at most ${SCENARIO_FILE_MAX} scenarios.`)
);

/**
 * A file holds `{ "scenarios": [...] }` (what export writes), a bare list, or one scenario. The
 * shape picks the schema (rather than a union, whose first failing branch would speak for all).
 */
function schemaFor(json: unknown) {
	if (Array.isArray(json)) return ScenarioListSchema;
	if (json && typeof json === 'object' && 'scenarios' in json)
		return v.object({ scenarios: ScenarioListSchema });
	return ScenarioInputSchema;
}

export interface ImportOrigin {
	now: number;
	newId: () => string;
	language: Scenario['language'];
	level: CefrLevel;
	companionId?: string;
}

/**
 * Reads a scenario file into rows to store (source 'custom', new ids, so nothing stored or built
 * in is overwritten). Throws a ValidationError whose message says what to change; nothing is
 * stored from a file that fails.
 */
export function readScenarioFile(text: string, origin: ImportOrigin): Scenario[] {
	if (new TextEncoder().encode(text).length > SCENARIO_FILE_MAX_BYTES)
		throw new ValidationError(
			`${SUMMARY} it is larger than ${SCENARIO_FILE_MAX_BYTES / 1024} KB. A scenario file is a small JSON file.`,
			[],
			'scenario/file-too-large'
		);
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		throw new ValidationError(
			`${SUMMARY} it is not a JSON file. Choose a file exported from Kompanion’s scenarios.`,
			[],
			'scenario/file-not-json'
		);
	}
	const parsed: unknown = parseOrThrow(schemaFor(json), json, SUMMARY, 'scenario/file-invalid');
	const inputs = (
		Array.isArray(parsed)
			? parsed
			: parsed && typeof parsed === 'object' && 'scenarios' in parsed
				? parsed.scenarios
				: [parsed]
	) as ScenarioInput[];
	return inputs.map((input) =>
		scenarioFromInput(input, { ...origin, id: origin.newId(), source: 'custom' })
	);
}

/** The file export writes for some scenarios (content only: no ids, dates or revs). */
export function scenarioFile(scenarios: readonly ScenarioContent[]): string {
	const content = scenarios.map(
		({ language, title, setting, role, goals, levelRange, vocabulary }) => ({
			language,
			title,
			setting,
			role,
			goals,
			levelRange,
			vocabulary
		})
	);
	return JSON.stringify({ scenarios: content }, null, '\t');
}
