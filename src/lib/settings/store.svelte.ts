import type { QueryState, Repos } from '$lib/db';
import {
	SETTING_KEYS,
	settingDefault,
	type SettingKey,
	type SettingValue,
	type SettingValues,
	type SettingsPatch
} from '$lib/db/settings';
import { reportError, toAppError } from '$lib/errors';
import type { EventBus } from '$lib/events';

export interface SettingsStoreDeps {
	repos: Pick<Repos, 'settings'>;
	bus: EventBus;
}

/**
 * The person's settings as rune state, for components: read once on first use, then kept in step
 * with every save (`settings:changed`, whoever saved) and with an imported backup
 * (`data:replaced`). Forms save through `save()`, all their fields in one transaction; the
 * runtimes that loaded a model from a setting follow `settings:changed` themselves.
 */
export class SettingsStore {
	#state = $state.raw<QueryState<SettingValues>>({ status: 'loading' });
	#loading: Promise<SettingValues> | null = null;
	/** The refresh after the latest change, so that `save()` returns with the store up to date. */
	#refreshed: Promise<void> = Promise.resolve();
	#off: (() => void)[] = [];

	constructor(private readonly deps: SettingsStoreDeps) {}

	/** loading | ready(every setting) | error. Reading it starts loading, once. */
	get current(): QueryState<SettingValues> {
		// A failed load is in the state this returns; it is not retried on every read.
		this.load().catch(() => undefined);
		return this.#state;
	}

	/** A setting: its saved value once loaded, the schema's default until then. */
	get<K extends SettingKey>(key: K): SettingValue<K> {
		const state = this.current;
		return state.status === 'ready' ? state.value[key] : settingDefault(key);
	}

	/** Reads every setting, once; later calls share the first. */
	load(): Promise<SettingValues> {
		this.#loading ??= this.#load();
		return this.#loading;
	}

	/**
	 * Saves `patch` in one transaction (nothing is saved if a value is invalid: ValidationError)
	 * and returns the keys whose values changed, once the store holds the new values.
	 */
	async save(patch: SettingsPatch): Promise<readonly SettingKey[]> {
		await this.load();
		const changed = await this.deps.repos.settings.setMany(patch);
		await this.#refreshed;
		return changed;
	}

	/** Forgets the values and stops following changes (tests). */
	reset(): void {
		for (const off of this.#off.splice(0)) off();
		this.#loading = null;
		this.#refreshed = Promise.resolve();
		this.#state = { status: 'loading' };
	}

	async #load(): Promise<SettingValues> {
		const { repos, bus } = this.deps;
		this.#off.push(
			bus.on('settings:changed', ({ keys }) => (this.#refreshed = this.#refresh(keys))),
			bus.on('data:replaced', () => (this.#refreshed = this.#refresh(SETTING_KEYS)))
		);
		try {
			const value = await repos.settings.all();
			this.#state = { status: 'ready', value };
			return value;
		} catch (error) {
			this.#state = { status: 'error', error: toAppError(error) };
			throw error;
		}
	}

	/** Reads `keys` again after someone wrote them. */
	async #refresh(keys: readonly SettingKey[]): Promise<void> {
		try {
			// A change during the first read may not be in it: read again once it is done.
			await this.#loading;
			const fresh = await this.deps.repos.settings.getMany(keys);
			if (this.#state.status === 'ready')
				this.#state = { status: 'ready', value: { ...this.#state.value, ...fresh } };
		} catch (error) {
			reportError(error, { context: 'reading the settings', silent: true });
		}
	}
}
