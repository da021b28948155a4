/** Tutor scenarios: the built-in library, goal judging, generated and imported scenarios, recaps. */
export { SCENARIO_LIBRARIES, builtInScenarios, findBuiltIn, isBuiltInId } from './library';
export {
	SCENARIO_TOPICS,
	type AnyScenario,
	type BuiltInScenario,
	type ScenarioContent,
	type ScenarioTopic
} from './types';
export { fitsLevel, levelDistance, levelLabel } from './levels';
export { goalsMetByKeywords, matchedKeyword, usesKeyword } from './keywords';
export {
	SCENARIO_SECTIONS,
	scenarioProgressSection,
	scenarioSection,
	type ActiveScenario,
	type ScenarioPromptContext
} from './prompt-section';
export {
	JUDGE_ATTEMPTS,
	JudgementSchema,
	judgeGoals,
	judgePrompt,
	parseJudgement,
	type Generate,
	type GoalJudgement,
	type JudgedTurn
} from './judge';
export {
	GENERATION_ATTEMPTS,
	WISH_MAX,
	generateScenario,
	generationPrompt,
	parseGeneratedScenario,
	type ScenarioRequest
} from './generate';
export { SCENARIO_FILE_MAX_BYTES, readScenarioFile, scenarioFile } from './file';
export { ScenarioGenerationError, ScenarioOutputError } from './errors';
export {
	buildRecap,
	mistakesByCategory,
	mistakesOf,
	suggestNext,
	usedVocabulary,
	wordLabel,
	wordsOf,
	type ScenarioRecap
} from './recap';
export { ScenarioRunner, findScenario, type FinishInput, type RunStore } from './runner';
export { SCENARIO_PARAM, scenarioIdFrom } from './link';
