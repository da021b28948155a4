import type { InputMode } from '$lib/tutor/check';
import type { Line } from './room-state';

/** Corrects one sentence: the corrected sentence, or null when there is nothing to show. */
export type SentenceCorrector = (text: string, mode: InputMode) => Promise<string | null>;

/**
 * The host's side of corrections for guests: the companion's LLM corrects the German of each
 * guest who asked for it (`corrections` message), one line at a time, and the correction goes to
 * that guest only (`deliver`). Lines said before a guest asked are not read. The guest's words
 * reach the model only quoted, as data (the tutor's correction prompt).
 */
export class GuestCorrections {
	readonly #seen = new Set<string>();
	#queue: Promise<void> = Promise.resolve();

	constructor(
		private readonly correct: SentenceCorrector,
		private readonly deliver: (peerId: string, lineId: string, corrected: string) => void
	) {}

	/** Reads the call's lines; corrects each new finished line of a guest who asked. */
	heard(lines: readonly Line[], asked: (peerId: string) => boolean): void {
		for (const line of lines) {
			if (line.from === 'me' || line.from === 'companion' || line.kind === 'notice') continue;
			if (!line.final || this.#seen.has(line.id)) continue;
			this.#seen.add(line.id);
			if (!asked(line.from)) continue;
			const peerId = line.from;
			// The guest's own id for the line: the room prefixes it with the sender's peer id.
			const ownId = line.id.startsWith(`${peerId}:`) ? line.id.slice(peerId.length + 1) : line.id;
			const mode: InputMode = line.kind === 'chat' ? 'typed' : 'spoken';
			this.#queue = this.#queue
				.then(async () => {
					const corrected = await this.correct(line.text, mode);
					if (corrected && corrected !== line.text) this.deliver(peerId, ownId, corrected);
				})
				.catch((error: unknown) => console.warn('[call] correcting a guest failed:', error));
		}
	}

	/** Resolves when every correction started so far has finished. */
	settled(): Promise<void> {
		return this.#queue;
	}
}
