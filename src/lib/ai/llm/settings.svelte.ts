import type { DeviceCapabilities, Recommendation } from '$lib/ai/capabilities';
import { deviceCapabilities, recommend } from '$lib/ai/capabilities';
import { repos } from '$lib/db';
import type { CustomModel, SettingValue } from '$lib/db/settings';
import { llm, readLlmSettings } from './index';
import { chooseEngine, isProblem, type EngineChoice, type LlmSettings } from './choice';

/** The AI settings page's state: stored settings, the device check and the recommendation. */
export class AiSettings {
	settings = $state.raw<LlmSettings | null>(null);
	apiKey = $state('');
	capabilities = $state.raw<DeviceCapabilities | null>(null);
	recommendation = $derived<Recommendation | null>(
		this.capabilities ? recommend(this.capabilities) : null
	);

	async load(): Promise<void> {
		const [settings, apiKey, capabilities] = await Promise.all([
			readLlmSettings(),
			repos.settings.get('llm.endpoint.apiKey'),
			deviceCapabilities()
		]);
		this.settings = settings;
		this.apiKey = apiKey;
		this.capabilities = capabilities;
	}

	/** Saves settings and makes the runtime load the new choice on next use. */
	async save(patch: Partial<LlmSettings> & { apiKey?: string }): Promise<void> {
		const { apiKey, ...rest } = patch;
		if (rest.engine !== undefined) await repos.settings.set('llm.engine', rest.engine);
		if (rest.model !== undefined) await repos.settings.set('llm.model', rest.model);
		if (rest.contextTokens !== undefined) {
			await repos.settings.set(
				'llm.contextTokens',
				rest.contextTokens as SettingValue<'llm.contextTokens'>
			);
		}
		if (rest.customModels !== undefined)
			await repos.settings.set('llm.customModels', [...rest.customModels]);
		if (rest.source !== undefined) await repos.settings.set('llm.source', rest.source);
		if (rest.endpoint !== undefined) await repos.settings.set('llm.endpoint', rest.endpoint);
		if (apiKey !== undefined) await repos.settings.set('llm.endpoint.apiKey', apiKey);
		await llm.reconfigure();
		await this.load();
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
