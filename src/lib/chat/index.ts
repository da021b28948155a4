import { llm } from '$lib/ai/llm';
import type { Companion } from '$lib/companion/schema';
import { repos, type ConversationKind } from '$lib/db';
import { reportError } from '$lib/errors';
import { memory } from '$lib/memory';
import { settings } from '$lib/settings';
import { play, tutor } from '$lib/tutor';
import { VoiceReviewResponder } from '$lib/tutor/voice-review';
import { recoverDrafts, sessionDrafts } from './reply-drafts';
import { documentVisibility } from './reply-saver';
import { ChatSession } from './session.svelte';

/** Replies a reload cut off are completed from this tab's drafts once, as the first chat opens. */
let recoverOnce: Promise<void> | undefined;

/** A chat session wired to the app's database and LLM runtime. */
export function openChat(
	companion: Companion,
	conversationId: string | null,
	kind: ConversationKind = 'chat'
): ChatSession {
	// Memory starts with the first conversation (it stays off the first page).
	memory.start();
	recoverOnce ??= recoverDrafts(sessionDrafts, repos.messages).catch((error: unknown) => {
		reportError(error, { context: 'recovering a reply cut off by a reload', silent: true });
	});
	tutor.prepare(companion);
	const review = companion.tutor.enabled
		? new VoiceReviewResponder(companion, {
				repos,
				limits: async () => {
					await settings.load();
					return {
						newPerDay: settings.get('review.newPerDay'),
						maxPerDay: settings.get('review.maxPerDay')
					};
				}
			})
		: null;
	return new ChatSession(
		companion,
		conversationId,
		{
			repos,
			generate: (messages, options) => llm.generate(messages, options),
			contextWindow: () => llm.choice?.contextWindow ?? 4096,
			recall: (input) => memory.recall(input),
			onReplied: (conversationId) => memory.replied(conversationId),
			onClosed: (conversationId) => memory.closed(conversationId),
			visibility: documentVisibility,
			drafts: sessionDrafts,
			observer: companion.tutor.enabled
				? {
						heard: (turn) => void tutor.heard(companion, turn),
						replied: (turn) => tutor.replied(companion, turn),
						sections: (conversationId) => play.sections(conversationId)
					}
				: undefined,
			answerLocally: review ? (text) => review.answer(text) : undefined
		},
		kind
	);
}

export { ChatSession } from './session.svelte';
