import { reportError } from '$lib/errors';

/**
 * Tells `onChange(true)` when the page is hidden or goes away (a reload, a closed tab, another
 * app), `onChange(false)` when it shows again; returns a function that stops listening.
 */
export type PageVisibility = (onChange: (hidden: boolean) => void) => () => void;

/** The page's own visibility: `visibilitychange`, and `pagehide` for a page that goes away. */
export const documentVisibility: PageVisibility = (onChange) => {
	const changed = () => onChange(document.visibilityState === 'hidden');
	const hidden = () => onChange(true);
	document.addEventListener('visibilitychange', changed);
	addEventListener('pagehide', hidden);
	return () => {
		document.removeEventListener('visibilitychange', changed);
		removeEventListener('pagehide', hidden);
	};
};

/** How often a streaming reply is saved, so a crash keeps all but its last moments. */
export const SAVE_EVERY_MS = 200;

/**
 * Keeps a streaming reply saved as it is shown: at most every `SAVE_EVERY_MS` while tokens arrive,
 * and at once when the page is hidden or goes away. A reload or a closed tab gives no time to wait
 * for anything, so that save starts its write within the event, and `visibilitychange` (which comes
 * first) and `pagehide` both start one. What is saved is what is on screen, never more, so the kept
 * reply is what the person read; while the page is hidden nothing is on screen and all of it is.
 */
export class ReplySaver {
	#savedAt: number;
	#writing = false;
	#hidden = false;
	#stopped = false;
	#saved = '';
	#stopWatching: () => void;

	constructor(
		private readonly write: (content: string) => Promise<unknown>,
		private readonly text: { shown: () => string; all: () => string },
		visibility: PageVisibility | undefined,
		startedAt = performance.now()
	) {
		this.#savedAt = startedAt;
		this.#stopWatching =
			visibility?.((hidden) => {
				this.#hidden = hidden;
				if (hidden) this.#save(this.text.shown());
			}) ?? (() => undefined);
	}

	/** A token arrived: saves if the last save is long enough ago (and has finished). */
	tick(): void {
		if (this.#stopped || this.#writing || performance.now() - this.#savedAt < SAVE_EVERY_MS) return;
		this.#save(this.#hidden ? this.text.all() : this.text.shown());
	}

	/** The reply is finished (its final save is the caller's): no more saves. */
	stop(): void {
		this.#stopped = true;
		this.#stopWatching();
	}

	#save(content: string) {
		if (this.#stopped || content === this.#saved) return;
		this.#saved = content;
		this.#savedAt = performance.now();
		this.#writing = true;
		// Writes to one table commit in the order they began, so the latest save wins.
		this.write(content)
			.catch((error: unknown) => reportError(error, { context: 'saving the reply', silent: true }))
			.finally(() => (this.#writing = false));
	}
}
