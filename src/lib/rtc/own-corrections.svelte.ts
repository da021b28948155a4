import type { CheckResult, InputMode } from '$lib/tutor/check';
import type { Line } from './room-state';

/** Checks one sentence: the tutor's deterministic layer (`tutor/check/`), on this device. */
export type Checker = (text: string, mode: InputMode) => Promise<CheckResult>;

/** The deterministic layer, loaded with the first check (its worker and dictionary). */
const appChecker: Checker = async (text, mode) =>
	(await import('$lib/tutor/check')).checkText(text, { mode, language: 'de', explain: 'en' });

/** Loads the layer's worker and dictionary ahead of the first check. */
const appPrepare = async () => (await import('$lib/tutor/check')).checkClient().preload('de');

/**
 * Corrections of what this person said in German, for this person only: the tutor's deterministic
 * layer runs on their own device and nothing of it is sent to the others. Off until the person
 * turns it on; each finished line of theirs is checked once.
 */
export class OwnCorrections {
	enabled = $state(false);
	/** The corrected sentence, by line id, where the check changed something. */
	corrected = $state.raw<Readonly<Record<string, string>>>({});
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not state
	readonly #checked = new Set<string>();

	constructor(
		private readonly check: Checker = appChecker,
		private readonly prepare: () => Promise<unknown> = appPrepare
	) {}

	/** Turns corrections on or off; on, the dictionary starts loading at once. */
	toggle(on: boolean): void {
		this.enabled = on;
		if (on)
			this.prepare().catch((error: unknown) =>
				console.warn('[call] the corrections could not load:', error)
			);
	}

	/** Checks this person's new finished lines (chat typed, captions spoken). */
	heard(lines: readonly Line[]): void {
		if (!this.enabled) return;
		for (const line of lines) {
			if (line.from !== 'me' || !line.final || line.kind === 'notice') continue;
			if (this.#checked.has(line.id)) continue;
			this.#checked.add(line.id);
			this.check(line.text, line.kind === 'chat' ? 'typed' : 'spoken').then(
				(result) => {
					if (result.corrected && result.corrected !== line.text)
						this.corrected = { ...this.corrected, [line.id]: result.corrected };
				},
				(error: unknown) => console.warn('[call] checking a sentence failed:', error)
			);
		}
	}
}
