import { reportError } from '$lib/errors';
import type { ReplyDrafts } from './reply-drafts';

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

export interface ReplySaverOptions {
	messageId: string;
	/** Saves the reply's text in the database. */
	write: (content: string) => Promise<unknown>;
	/** The text on screen, and all of it (ahead of the screen until the next frame). */
	text: { shown: () => string; all: () => string };
	visibility?: PageVisibility;
	drafts?: ReplyDrafts;
	startedAt?: number;
}

/**
 * Keeps a streaming reply saved as it is shown: at most every `SAVE_EVERY_MS` while tokens arrive,
 * and at once when the page is hidden or goes away. A reload gives no time to wait for anything and
 * may drop an IndexedDB write begun then, so a hidden page also puts what was shown into `drafts`
 * synchronously (`recoverDrafts` stores it on the next start) and drops it when shown again. What
 * is saved is what was on screen, never more, so the kept reply is what the person read; while the
 * page is hidden nothing is on screen and all of it is saved.
 */
export class ReplySaver {
	#savedAt: number;
	#writing = false;
	#hidden = false;
	#stopped = false;
	#saved = '';
	#stopWatching: () => void;

	constructor(private readonly options: ReplySaverOptions) {
		this.#savedAt = options.startedAt ?? performance.now();
		this.#stopWatching =
			options.visibility?.((hidden) => {
				this.#hidden = hidden;
				if (!hidden) return options.drafts?.drop(options.messageId);
				const shown = options.text.shown();
				if (shown) options.drafts?.put(options.messageId, shown);
				this.#save(shown);
			}) ?? (() => undefined);
	}

	/** A token arrived: saves if the last save is long enough ago (and has finished). */
	tick(): void {
		if (this.#stopped || this.#writing || performance.now() - this.#savedAt < SAVE_EVERY_MS) return;
		const { text } = this.options;
		this.#save(this.#hidden ? text.all() : text.shown());
	}

	/** The reply is finished (its final save is the caller's): no more saves. */
	stop(): void {
		this.#stopped = true;
		this.#stopWatching();
		this.options.drafts?.drop(this.options.messageId);
	}

	#save(content: string) {
		if (this.#stopped || content === this.#saved) return;
		this.#saved = content;
		this.#savedAt = performance.now();
		this.#writing = true;
		// Writes to one table commit in the order they began, so the latest save wins.
		this.options
			.write(content)
			.catch((error: unknown) => reportError(error, { context: 'saving the reply', silent: true }))
			.finally(() => (this.#writing = false));
	}
}
