import type { ChatTurn } from '$lib/ai/llm/engine';
import { conversationRulesSection, personaSection, tutorSection } from './companion';
import { fitContext, type FittedContext } from './context';
import { openingSection, summarySection } from './conversation';
import { lastEpisodeSection, pinnedMemoriesSection, recalledMemoriesSection } from './memory';
import {
	composeSystemPrompt,
	type PromptContext,
	type PromptSection,
	type SystemPrompt
} from './section';

/** Tokens kept free for a reply (spoken replies are far shorter; this bounds a runaway one). */
export const REPLY_TOKENS = 1024;

/** The memory sections take at most this share of the context window, and this many tokens. */
const MEMORY_SHARE = 0.2;
const MEMORY_TOKENS = 700;

/** Tokens the recalled memories may take in a model with this context window. */
export function memoryBudget(contextWindow: number): number {
	return Math.min(MEMORY_TOKENS, Math.floor(contextWindow * MEMORY_SHARE));
}

/** The share of the memory budget a companion's simulated life takes when it is on. */
export const LIFE_SHARE = 0.4;

/** Tokens the life simulation's recent days may take; recalled memories get the rest. */
export function lifeBudget(contextWindow: number): number {
	return Math.floor(memoryBudget(contextWindow) * LIFE_SHARE);
}

/** A chat's system prompt, in order; composing puts the stable sections first. */
export const CHAT_SECTIONS: readonly PromptSection[] = [
	personaSection,
	conversationRulesSection,
	tutorSection,
	pinnedMemoriesSection,
	lastEpisodeSection,
	openingSection,
	recalledMemoriesSection,
	summarySection
];

export interface ChatPromptInput<C extends PromptContext = PromptContext> {
	context: C;
	/** The conversation so far, oldest first, ending with the person's latest message. */
	history: readonly ChatTurn[];
	/** The model's context window in tokens. */
	contextWindow: number;
	/** The system prompt's sections (a feature with its own adds to `CHAT_SECTIONS`). */
	sections?: readonly PromptSection<C>[];
}

export interface ChatPrompt extends FittedContext {
	system: SystemPrompt;
}

/** The prompt for the next reply: the system prompt, then as many of the newest turns as fit. */
export function buildChatPrompt<C extends PromptContext>({
	context,
	history,
	contextWindow,
	sections = CHAT_SECTIONS
}: ChatPromptInput<C>): ChatPrompt {
	const system = composeSystemPrompt(sections, context);
	const fitted = fitContext({
		system: system.text,
		history,
		contextWindow,
		replyTokens: REPLY_TOKENS
	});
	return { ...fitted, system };
}
