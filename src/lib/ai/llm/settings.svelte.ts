import type { DeviceCapabilities, Recommendation } from '$lib/ai/capabilities';
import { deviceCapabilities, recommend } from '$lib/ai/capabilities';
import type { CustomModel } from '$lib/db/settings';
import { settings as store } from '$lib/settings';
import { llmSettingsOf, llmSettingsPatch } from './index';
import { chooseEngine, isProblem, type EngineChoice, type LlmSettings } from './choice';

/**
 * The AI settings page's state: the LLM settings (from the settings store), the device check and
 * the recommendation. Saving is one transaction; the runtime unloads the old choice by itself.
 */
export class AiSettings {
	capabilities = $state.raw<DeviceCapabilities | null>(null);
	recommendation = $derived<Recommendation | null>(
		this.capabilities ? recommend(this.capabilities) : null
	);
	/** The stored LLM settings; null until read. */
	settings = $derived.by<LlmSettings | null>(() => {
		const state = store.current;
		return state.status === 'ready' ? llmSettingsOf(state.value) : null;
	});
	apiKey = $derived(store.get('llm.endpoint.apiKey'));

	async load(): Promise<void> {
		const [, capabilities] = await Promise.all([store.load(), deviceCapabilities()]);
		this.capabilities = capabilities;
	}

	/** Saves LLM settings (and the server's API key) together. */
	async save(patch: Partial<LlmSettings> & { apiKey?: string }): Promise<void> {
		const { apiKey, ...rest } = patch;
		await store.save({
			...llmSettingsPatch(rest),
			...(apiKey === undefined ? {} : { 'llm.endpoint.apiKey': apiKey })
		});
	}

	/** What the runtime would load if this model were chosen with the current engine setting. */
	choiceFor(model: string): EngineChoice | null {
		if (!this.settings || !this.capabilities) return null;
		const engine = this.settings.engine === 'endpoint' ? 'auto' : this.settings.engine;
		const choice = chooseEngine({ ...this.settings, engine, model }, this.capabilities);
		return isProblem(choice) ? null : choice;
	}

	async addCustomModel(model: CustomModel): Promise<void> {
		const others = (this.settings?.customModels ?? []).filter((m) => m.id !== model.id);
		await this.save({ customModels: [...others, model], model: model.id });
	}

	async removeCustomModel(id: string): Promise<void> {
		const rest = (this.settings?.customModels ?? []).filter((m) => m.id !== id);
		await this.save({
			customModels: rest,
			model: this.settings?.model === id ? '' : this.settings?.model
		});
	}
}
