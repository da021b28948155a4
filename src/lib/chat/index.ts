import { llm } from '$lib/ai/llm';
import type { Companion } from '$lib/companion/schema';
import { repos, type ConversationKind } from '$lib/db';
import { ChatSession } from './session.svelte';

/** A chat session wired to the app's database and LLM runtime. */
export function openChat(
	companion: Companion,
	conversationId: string | null,
	kind: ConversationKind = 'chat'
): ChatSession {
	return new ChatSession(
		companion,
		conversationId,
		{
			repos,
			generate: (messages, options) => llm.generate(messages, options),
			contextWindow: () => llm.choice?.contextWindow ?? 4096
		},
		kind
	);
}

export { ChatSession } from './session.svelte';
