import { deviceCapabilities } from '$lib/ai/capabilities';
import { repos } from '$lib/db';
import type { SettingKey, SettingValues } from '$lib/db/settings';
import { events } from '$lib/events';
import { onSettingsChange } from '$lib/settings/follow';
import type { LlmSettings } from './choice';
import { LlmRuntime } from './runtime.svelte';

/** Where each LLM setting is stored. */
const LLM_KEYS = {
	engine: 'llm.engine',
	model: 'llm.model',
	contextTokens: 'llm.contextTokens',
	customModels: 'llm.customModels',
	source: 'llm.source',
	endpoint: 'llm.endpoint'
} as const satisfies Record<keyof LlmSettings, SettingKey>;

type LlmKey = (typeof LLM_KEYS)[keyof LlmSettings];

/** The LLM settings among stored settings. */
export function llmSettingsOf(values: Pick<SettingValues, LlmKey>): LlmSettings {
	return {
		engine: values['llm.engine'],
		model: values['llm.model'],
		contextTokens: values['llm.contextTokens'],
		customModels: values['llm.customModels'],
		source: values['llm.source'],
		endpoint: values['llm.endpoint']
	};
}

/** LLM settings as settings to store. */
export function llmSettingsPatch(
	patch: Partial<LlmSettings>
): Partial<Pick<SettingValues, LlmKey>> {
	return Object.fromEntries(
		Object.entries(patch).map(([field, value]) => [LLM_KEYS[field as keyof LlmSettings], value])
	);
}

/** The person's LLM settings, as stored (one read). */
export async function readLlmSettings(): Promise<LlmSettings> {
	return llmSettingsOf(await repos.settings.getMany(Object.values(LLM_KEYS)));
}

/** Unloading the model after its settings changed; the next load waits for it to finish. */
let reconfiguring: Promise<void> = Promise.resolve();

/** The app's LLM runtime, configured from settings. */
export const llm = new LlmRuntime({
	settings: async () => {
		await reconfiguring;
		return readLlmSettings();
	},
	apiKey: () => repos.settings.get('llm.endpoint.apiKey'),
	capabilities: deviceCapabilities,
	appBase: () => document.baseURI
});

// A setting the model was chosen or loaded with changed: forget the model, at once (before the
// saving code's next step), and load the new choice on next use.
onSettingsChange(events, [...Object.values(LLM_KEYS), 'llm.endpoint.apiKey'], () => {
	reconfiguring = llm.reconfigure();
});

export type { ChatTurn, GenerateResult, LoadProgress } from './engine';
export type { Reply, RuntimeStatus } from './runtime.svelte';
