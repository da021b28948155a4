import { deviceCapabilities } from '$lib/ai/capabilities';
import { repos } from '$lib/db';
import type { LlmSettings } from './choice';
import { LlmRuntime } from './runtime.svelte';

/** The person's LLM settings, as stored. */
export async function readLlmSettings(): Promise<LlmSettings> {
	const [engine, model, contextTokens, customModels, source, endpoint] = await Promise.all([
		repos.settings.get('llm.engine'),
		repos.settings.get('llm.model'),
		repos.settings.get('llm.contextTokens'),
		repos.settings.get('llm.customModels'),
		repos.settings.get('llm.source'),
		repos.settings.get('llm.endpoint')
	]);
	return { engine, model, contextTokens, customModels, source, endpoint };
}

/** The app's LLM runtime, configured from settings. */
export const llm = new LlmRuntime({
	settings: readLlmSettings,
	apiKey: () => repos.settings.get('llm.endpoint.apiKey'),
	capabilities: deviceCapabilities,
	appBase: () => document.baseURI
});

export type { ChatTurn, GenerateResult, LoadProgress } from './engine';
export type { Reply, RuntimeStatus } from './runtime.svelte';
