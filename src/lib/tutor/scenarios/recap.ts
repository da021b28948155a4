import type { CefrLevel } from '$lib/companion/languages';
import type { CorrectionRecord, ScenarioRun } from '$lib/db/rows';
import { CORRECTION_CATEGORIES } from '$lib/tutor/types';
import type { JudgedTurn } from './judge';
import { usesKeyword } from './keywords';
import { levelDistance, levelIndex } from './levels';
import type { AnyScenario, ScenarioContent } from './types';

export type ScenarioRecap = NonNullable<ScenarioRun['recap']>;
export type RecapMistake = ScenarioRecap['mistakes'][number];

const MAX_MISTAKES = 100;
const MAX_TEXT = 2000;

/**
 * The run's mistakes, by category in the legend's order, each with the learner's sentence and
 * its correction. A message with two changes of one category counts once for it; only changes
 * the tutor is sure of (edits, not flags) count.
 */
export function mistakesOf(corrections: readonly CorrectionRecord[]): RecapMistake[] {
	const mistakes: RecapMistake[] = [];
	const ordered = [...corrections].sort((a, b) => a.createdAt - b.createdAt);
	for (const category of CORRECTION_CATEGORIES) {
		for (const record of ordered) {
			if (!record.edits.some((edit) => edit.category === category)) continue;
			mistakes.push({
				category,
				text: record.text.slice(0, MAX_TEXT),
				corrected: record.corrected.slice(0, MAX_TEXT)
			});
		}
	}
	return mistakes.slice(0, MAX_MISTAKES);
}

/** A vocabulary item as the recap lists it: nouns with their article. */
export const wordLabel = ({ term, article }: ScenarioContent['vocabulary'][number]) =>
	article ? `${article} ${term}` : term;

/** "Wohngemeinschaft (WG)" is said either way. */
function spellingsOf(term: string): string[] {
	const match = /^(.*?)\s*\(([^)]+)\)\s*$/.exec(term);
	return match ? [match[1], match[2]] : [term];
}

/**
 * The scenario's vocabulary items that came up: the learner used them, or the companion gave
 * them. Matched as the keyword judge matches (folded, inflection-tolerant), in the scenario's
 * order. The review module makes cards from these before the run finishes.
 */
export function usedVocabulary(
	scenario: ScenarioContent,
	turns: readonly JudgedTurn[]
): ScenarioContent['vocabulary'] {
	const said = turns
		.filter((turn) => turn.role !== 'system')
		.map((turn) => turn.content)
		.join('\n');
	return scenario.vocabulary.filter(({ term }) =>
		spellingsOf(term).some((spelling) => usesKeyword(said, spelling))
	);
}

/** The words that came up, as the recap lists them (nouns with their article). */
export function wordsOf(scenario: ScenarioContent, turns: readonly JudgedTurn[]): string[] {
	return usedVocabulary(scenario, turns).map(wordLabel);
}

const topicOf = (scenario: AnyScenario) => ('topic' in scenario ? scenario.topic : undefined);

export interface SuggestionInput {
	current: AnyScenario;
	/** What may be suggested (the library for the language and stored scenarios). */
	candidates: readonly AnyScenario[];
	/** Scenario ids this learner has played (any status). */
	played: ReadonlySet<string>;
	/** The learner's level; the current scenario's lower bound when unknown. */
	level?: CefrLevel;
}

/**
 * The next scenario to play, deterministically: one not played yet, in the same language, that
 * fits the learner's level (else the closest), preferring the same topic, then the nearest
 * level range, then the candidates' order after the current one (so two neighbours in the
 * library do not suggest each other forever). Played ones only when all are played.
 */
export function suggestNext({
	current,
	candidates,
	played,
	level = current.levelRange.min
}: SuggestionInput): AnyScenario | undefined {
	const pool = candidates.filter((c) => c.id !== current.id && c.language === current.language);
	const fresh = pool.filter((c) => !played.has(c.id));
	const choices = fresh.length ? fresh : pool;
	const at = Math.max(
		0,
		candidates.findIndex((c) => c.id === current.id)
	);
	const position = (c: AnyScenario) => {
		const i = candidates.indexOf(c);
		return (i - at + candidates.length) % candidates.length;
	};
	const topic = topicOf(current);
	const rank = (c: AnyScenario) => [
		levelDistance(c.levelRange, level),
		topic && topicOf(c) === topic ? 0 : 1,
		Math.abs(levelIndex(c.levelRange.min) - levelIndex(current.levelRange.min)),
		position(c)
	];
	return [...choices].sort((a, b) => {
		const [ra, rb] = [rank(a), rank(b)];
		for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
		return 0;
	})[0];
}

export interface RecapInput {
	scenario: AnyScenario;
	/** The run's correction records (the corrections repo, by conversation and time). */
	corrections: readonly CorrectionRecord[];
	/** The scenario's conversation, from the run's start. */
	turns: readonly JudgedTurn[];
	/** Review cards made from this run. */
	cardIds: readonly string[];
	/** What the next scenario may be; without it, none is suggested. */
	candidates?: readonly AnyScenario[];
	played?: ReadonlySet<string>;
	level?: CefrLevel;
}

/** The recap stored with a finished run. */
export function buildRecap(input: RecapInput): ScenarioRecap {
	const next = input.candidates
		? suggestNext({
				current: input.scenario,
				candidates: input.candidates,
				played: input.played ?? new Set(),
				level: input.level
			})
		: undefined;
	return {
		mistakes: mistakesOf(input.corrections),
		newWords: wordsOf(input.scenario, input.turns).slice(0, 100),
		cardIds: [...new Set(input.cardIds)].slice(0, 200),
		...(next ? { suggestedScenarioId: next.id } : {})
	};
}

/** The recap's mistakes grouped by category, in the legend's order (for display). */
export function mistakesByCategory(
	mistakes: readonly RecapMistake[]
): { category: RecapMistake['category']; items: RecapMistake[] }[] {
	return CORRECTION_CATEGORIES.map((category) => ({
		category,
		items: mistakes.filter((m) => m.category === category)
	})).filter((group) => group.items.length > 0);
}
