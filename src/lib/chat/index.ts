import { llm } from '$lib/ai/llm';
import type { Companion } from '$lib/companion/schema';
import { repos, type ConversationKind } from '$lib/db';
import { reportError } from '$lib/errors';
import { memory } from '$lib/memory';
import { lifeBudget } from '$lib/prompt';
import { settings } from '$lib/settings';
import { play, tutor } from '$lib/tutor';
import { life, lifeEnricher } from '$lib/tutor/life';
import { VoiceReviewResponder } from '$lib/tutor/voice-review';
import type { PromptSection } from '$lib/prompt';
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
	// The companion's simulated life catches up as the chat opens; its days take a share of the
	// memory budget (recall gets the rest) and come into the prompt as quoted data.
	const lifeOn = companion.tutor.enabled ? life.active(companion.id) : Promise.resolve(false);
	lifeOn
		.then((on) => (on ? life.catchUp(companion.id) : null))
		.catch((error: unknown) =>
			reportError(error, { context: 'catching up with her life', silent: true })
		);
	const lifeTokens = () => lifeBudget(llm.choice?.contextWindow ?? 4096);
	const lifeSections = (): Promise<readonly PromptSection[]> =>
		life.sections(companion.id, lifeTokens()).catch((error: unknown) => {
			reportError(error, { context: 'reading her recent days', silent: true });
			return [];
		});
	return new ChatSession(
		companion,
		conversationId,
		{
			repos,
			generate: (messages, options) => llm.generate(messages, options),
			contextWindow: () => llm.choice?.contextWindow ?? 4096,
			recall: async (input) =>
				memory.recall(
					(await lifeOn.catch(() => false))
						? { ...input, budgetTokens: Math.max(0, input.budgetTokens - lifeTokens()) }
						: input
				),
			onReplied: (conversationId) => memory.replied(conversationId),
			onClosed: (conversationId) => memory.closed(conversationId),
			visibility: documentVisibility,
			drafts: sessionDrafts,
			observer: companion.tutor.enabled
				? {
						heard: (turn) => void tutor.heard(companion, turn),
						replied: (turn) => {
							tutor.replied(companion, turn);
							// After the tutor's pass (one background generation at a time): her recent
							// days rewritten by the model, when it is loaded and idle.
							lifeOn
								.then((on) =>
									on
										? tutor
												.drain(companion, turn.conversationId)
												.then(() => lifeEnricher.enrich(companion.id, companion.tutor.cefrLevel))
										: null
								)
								.catch((error: unknown) =>
									reportError(error, { context: 'rewriting her day', silent: true })
								);
						},
						sections: async (conversationId) => {
							const [scenario, days] = await Promise.all([
								play.sections(conversationId),
								lifeSections()
							]);
							return [...scenario, ...days];
						}
					}
				: undefined,
			answerLocally: review ? (text) => review.answer(text) : undefined
		},
		kind
	);
}

export { ChatSession } from './session.svelte';
