import type { ChatTurn } from '$lib/ai/llm/engine';
import { estimateTokens } from './tokens';

export interface ContextInput {
	system: string;
	/** The conversation so far, oldest first, ending with the person's latest message. */
	history: readonly ChatTurn[];
	/** The model's context window in tokens. */
	contextWindow: number;
	/** Tokens kept free for the reply. */
	replyTokens: number;
}

export interface FittedContext {
	messages: ChatTurn[];
	/** How many of the oldest turns did not fit (they should be summarised). */
	dropped: number;
	estimatedTokens: number;
}

/**
 * Fits the conversation into the context window: the system prompt and the newest turns always,
 * then as many older turns as fit. What falls off is counted so it can be summarised.
 */
export function fitContext({
	system,
	history,
	contextWindow,
	replyTokens
}: ContextInput): FittedContext {
	const budget = contextWindow - replyTokens - estimateTokens(system);
	const kept: ChatTurn[] = [];
	let used = 0;
	for (let i = history.length - 1; i >= 0; i--) {
		const cost = estimateTokens(history[i].content);
		// The newest turn always goes in, truncated from the front if it alone is too long.
		if (kept.length === 0 && cost > budget) {
			const chars = Math.max(0, (budget - 4) * 3);
			kept.unshift({ ...history[i], content: history[i].content.slice(-chars) });
			used = budget;
			break;
		}
		if (used + cost > budget) break;
		kept.unshift(history[i]);
		used += cost;
	}
	// After the system prompt, chat templates expect the person to speak first (some reject
	// anything else), so leading replies go; the caller keeps the opening line in the system prompt.
	while (kept.length > 1 && kept[0].role === 'assistant') {
		used -= estimateTokens(kept[0].content);
		kept.shift();
	}
	return {
		messages: [{ role: 'system', content: system }, ...kept],
		dropped: history.length - kept.length,
		estimatedTokens: used + estimateTokens(system)
	};
}
