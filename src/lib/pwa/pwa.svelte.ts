import type { Workbox } from 'workbox-window';
import { reportError } from '$lib/errors';

/** An hour: long-lived tabs still hear about new versions. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * Registers the service worker and tracks updates. A new version waits until the person chooses
 * to reload (no silent skipWaiting), so an update never interrupts a call or a half-typed message.
 */
export class PwaManager {
	/** A new version is installed and waiting for the person's go-ahead. */
	updateReady = $state(false);
	/** The app shell is cached: the app now works offline. */
	offlineReady = $state(false);
	#workbox: Workbox | undefined;
	#reloadOnTakeover = false;

	async register(): Promise<void> {
		if (!('serviceWorker' in navigator) || this.#workbox) return;
		const { Workbox } = await import('workbox-window');
		// Relative to the page, so the same build works at / and under any sub-path.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a one-off value, not state
		const url = new URL('service-worker.js', document.baseURI).href;
		const workbox = new Workbox(url, { scope: './' });
		this.#workbox = workbox;
		workbox.addEventListener('waiting', () => (this.updateReady = true));
		workbox.addEventListener('activated', (event) => {
			if (!event.isUpdate) this.offlineReady = true;
		});
		// Reload only when this page asked for the update: the first install also changes the
		// controller (clientsClaim) and must not reload a page the person is using.
		navigator.serviceWorker.addEventListener('controllerchange', () => {
			if (this.#reloadOnTakeover) location.reload();
		});
		let registration: ServiceWorkerRegistration | undefined;
		try {
			registration = await workbox.register();
		} catch (error) {
			// Some windows refuse service workers (private modes, blocked by policy): the app works,
			// only not offline. That is the browser's choice, not a failure of the app.
			console.info('[kompanion] offline support is not available in this window:', error);
			return;
		}
		if (registration?.active) this.offlineReady = true;
		setInterval(() => this.checkForUpdate(), UPDATE_CHECK_MS);
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'visible') this.checkForUpdate();
		});
	}

	checkForUpdate(): void {
		this.#workbox?.update().catch((error: unknown) => {
			// Offline or the server is down: normal for an offline-first app; try again later.
			console.info('[kompanion] update check skipped:', error);
		});
	}

	/** Activates the waiting version; the page reloads once it controls it. */
	applyUpdate(): void {
		if (!this.#workbox) return;
		try {
			this.#reloadOnTakeover = true;
			this.#workbox.messageSkipWaiting();
		} catch (error) {
			reportError(error, { context: 'activating the new version' });
		}
	}

	dismissUpdate(): void {
		this.updateReady = false;
	}
}

export const pwa = new PwaManager();
