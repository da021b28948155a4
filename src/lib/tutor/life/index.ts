import { llm } from '$lib/ai/llm';
import { repos } from '$lib/db';
import { ENRICH_TOKENS, LifeEnricher } from './enrich';
import { idleCallback, LifeService } from './service';

/** The app's life simulation: the repos, the real clock, idle time between simulated days. */
export const life = new LifeService({ repos, now: () => Date.now(), idle: idleCallback });

/** The LLM's rewrite of recent days, at background priority (never loads a model). */
export const lifeEnricher = new LifeEnricher({
	repos,
	now: () => Date.now(),
	levels: async () => {
		const { estimateLevel } = await import('../level/estimate');
		return (text) => estimateLevel(text, { language: 'de' }).level;
	},
	generate: async (prompt) =>
		(await llm.generate(prompt, { background: true, maxTokens: ENRICH_TOKENS, temperature: 0.7 }))
			.text
});

export { LifeService, readDay, readState, worldFor, type CatchUpResult, type Day } from './service';
export { openInvitation } from './prompt-section';
export { ADDABLE_PLACE_KINDS, type EditErrors, type WorldEdit } from './world-edit';
export type { LifeEvent, LifeState, World } from './types';
