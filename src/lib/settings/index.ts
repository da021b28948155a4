import { repos } from '$lib/db';
import { events } from '$lib/events';
import { SettingsStore } from './store.svelte';

/** The app's settings store (see SettingsStore); it reads the database on first use. */
export const settings = new SettingsStore({ repos, bus: events });

export { SettingsStore, type SettingsStoreDeps } from './store.svelte';
export { onSettingsChange } from './follow';
export {
	settingDefault,
	settingOptions,
	settingRange,
	type SettingKey,
	type SettingRange,
	type SettingValue,
	type SettingValues,
	type SettingsPatch
} from '$lib/db/settings';
