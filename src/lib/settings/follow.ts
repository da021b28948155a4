import type { SettingKey } from '$lib/db/settings';
import type { EventBus } from '$lib/events';

/**
 * Calls `react` with those of `keys` that changed: saved (`settings:changed`) or replaced by an
 * imported backup (`data:replaced`: all of them, their new values unknown). How a runtime unloads
 * a model whose setting changed. Returns the function that stops following.
 */
export function onSettingsChange(
	bus: EventBus,
	keys: readonly SettingKey[],
	react: (changed: readonly SettingKey[]) => void
): () => void {
	const offChanged = bus.on('settings:changed', (event) => {
		const changed = keys.filter((key) => event.keys.includes(key));
		if (changed.length) react(changed);
	});
	const offReplaced = bus.on('data:replaced', () => react(keys));
	return () => {
		offChanged();
		offReplaced();
	};
}
