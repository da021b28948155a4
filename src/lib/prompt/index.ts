/**
 * Building the prompt and fitting it to the model's context: composable sections (stable ones
 * first, so consecutive turns share a prefix), the newest turns that fit, and the running summary
 * of the ones that no longer do. Below chat/ and memory/: it imports neither.
 */
export {
	buildChatPrompt,
	CHAT_SECTIONS,
	lifeBudget,
	LIFE_SHARE,
	memoryBudget,
	REPLY_TOKENS,
	type ChatPrompt,
	type ChatPromptInput
} from './chat';
export { conversationRulesSection, personaSection, personName, tutorSection } from './companion';
export { fitContext, type ContextInput, type FittedContext } from './context';
export { openingSection, summarySection } from './conversation';
export { lastEpisodeSection, pinnedMemoriesSection, recalledMemoriesSection } from './memory';
export { quoted } from './quote';
export {
	composeSystemPrompt,
	type PromptContext,
	type PromptMemories,
	type PromptSection,
	type SystemPrompt
} from './section';
export { summarizeOlderTurns, type SummaryDeps } from './summary';
export { estimateTokens } from './tokens';
