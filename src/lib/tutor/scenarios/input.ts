import * as v from 'valibot';
import { CEFR_LEVELS, LANGUAGE_CODES, type CefrLevel } from '$lib/companion/languages';
import { ARTICLES, type Scenario } from '$lib/db/rows';
import { levelIndex } from './levels';

/**
 * A scenario as it arrives from outside: a model's JSON (generated from a wish) or a file. Each
 * rule has a message a person can act on; bounds are the stored row's (rows.ts), so what passes
 * here always stores.
 */

const tooLong = (label: string, max: number) => (issue: v.MaxLengthIssue<string, number>) =>
	`${label} is too long: ${issue.received} characters, at most ${max}. Please shorten it.`;

const Text = (label: string, max: number) =>
	v.pipe(
		// A missing field reads as empty, so that it gets this message rather than the object's.
		v.optional(v.string(`${label} must be text.`), ''),
		v.trim(),
		v.nonEmpty(`${label} is missing or empty.`),
		v.maxLength(max, tooLong(label, max))
	);

const Level = v.picklist(CEFR_LEVELS, `A level must be one of ${CEFR_LEVELS.join(', ')}.`);

const GoalInput = v.object(
	{
		id: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,40}$/))),
		text: Text('A goal', 300),
		keywords: v.optional(
			v.pipe(
				v.array(Text('A keyword', 80), 'A goal’s keywords must be a list of words or phrases.'),
				v.maxLength(20, 'A goal has at most 20 keywords.')
			),
			[]
		)
	},
	'Each goal must be an object with a "text" (a can-do statement) and "keywords".'
);

const WordInput = v.object(
	{
		term: Text('A word', 100),
		article: v.optional(
			v.union(
				[v.picklist(ARTICLES), v.literal('')],
				'An article must be "der", "die" or "das" (or left out).'
			)
		),
		translation: v.optional(
			v.pipe(v.string(), v.trim(), v.maxLength(100, tooLong('A translation', 100)))
		)
	},
	'Each word must be an object with a "term".'
);

export const ScenarioInputSchema = v.object(
	{
		language: v.optional(v.picklist(LANGUAGE_CODES, 'The language is not one Kompanion knows.')),
		title: Text('The title', 120),
		setting: Text('The setting', 2000),
		role: Text('The companion’s role', 300),
		goals: v.pipe(
			v.optional(v.array(GoalInput, 'The goals must be a list.'), []),
			v.minLength(
				1,
				'A scenario needs at least one goal: a can-do statement such as "I can order two rolls and pay."'
			),
			v.maxLength(8, 'A scenario has at most 8 goals.')
		),
		levelRange: v.optional(
			v.pipe(
				v.object({ min: Level, max: Level }),
				v.check(
					({ min, max }) => levelIndex(min) <= levelIndex(max),
					'The level range must go from the lower level to the higher one (e.g. A2 to B1).'
				)
			)
		),
		vocabulary: v.optional(
			v.pipe(
				v.array(WordInput, 'The vocabulary must be a list.'),
				v.maxLength(40, 'A scenario has at most 40 words.')
			),
			[]
		)
	},
	'A scenario must be an object with a title, setting, role and goals.'
);

export type ScenarioInput = v.InferOutput<typeof ScenarioInputSchema>;

export interface ScenarioOrigin {
	id: string;
	now: number;
	source: Scenario['source'];
	/** The target language when the input names none. */
	language: Scenario['language'];
	/** The level when the input names none. */
	level: CefrLevel;
	companionId?: string;
}

/** A validated input as a row: goal ids made unique, empty articles dropped. */
export function scenarioFromInput(input: ScenarioInput, origin: ScenarioOrigin): Scenario {
	const ids = new Set<string>();
	const goals = input.goals.map((goal, i) => {
		let id = goal.id && !ids.has(goal.id) ? goal.id : `goal-${i + 1}`;
		while (ids.has(id)) id = `${id}-${i + 1}`;
		ids.add(id);
		return { id, text: goal.text, keywords: goal.keywords };
	});
	return {
		id: origin.id,
		...(origin.companionId ? { companionId: origin.companionId } : {}),
		language: input.language ?? origin.language,
		title: input.title,
		setting: input.setting,
		role: input.role,
		goals,
		levelRange: input.levelRange ?? { min: origin.level, max: origin.level },
		vocabulary: input.vocabulary.map(({ term, article, translation }) => ({
			term,
			...(article ? { article } : {}),
			...(translation ? { translation } : {})
		})),
		source: origin.source,
		createdAt: origin.now,
		updatedAt: origin.now
	};
}
