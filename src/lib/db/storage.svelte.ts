import type { SettingsRepo } from './repos';

export interface StorageEstimateView {
	usage: number;
	quota: number;
}

/**
 * The browser's storage for this site: how much is used, the quota, and whether it is persistent
 * (a persistent site is not evicted when the device runs low on space).
 */
export class StorageStatus {
	estimate = $state.raw<StorageEstimateView | null>(null);
	persisted = $state<boolean | null>(null);
	#asking: Promise<boolean> | null = null;

	get supported(): boolean {
		return typeof navigator !== 'undefined' && 'storage' in navigator;
	}

	async refresh(): Promise<void> {
		if (!this.supported) return;
		const [estimate, persisted] = await Promise.all([
			navigator.storage.estimate?.(),
			navigator.storage.persisted?.()
		]);
		this.estimate = estimate ? { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0 } : null;
		this.persisted = persisted ?? null;
	}

	/**
	 * Asks for persistent storage once per device, after the first meaningful save: asking on the
	 * first visit, before the person has anything to lose, is both premature and often refused.
	 */
	requestPersistenceOnce(settings: SettingsRepo): Promise<boolean> {
		this.#asking ??= (async () => {
			if (!this.supported || !navigator.storage.persist) return false;
			if (await navigator.storage.persisted()) return (this.persisted = true);
			if (await settings.get('storage.persistRequested')) return false;
			await settings.set('storage.persistRequested', true);
			this.persisted = await navigator.storage.persist();
			return this.persisted;
		})();
		return this.#asking;
	}

	/** Asks again, from the settings page, when the person chooses to. */
	async requestPersistence(): Promise<boolean> {
		if (!this.supported || !navigator.storage.persist) return false;
		this.persisted = await navigator.storage.persist();
		return this.persisted;
	}
}

export const storage = new StorageStatus();
