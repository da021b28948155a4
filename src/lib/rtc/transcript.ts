import type { Repos } from '$lib/db';
import type { Line } from './room-state';

/**
 * Calls between people are stored under this id instead of a companion's: no companion is in
 * them (a companion in the room would be the host's), and memory formation, finding no companion
 * with this id, reads none of their turns, so nothing said by other people becomes a memory.
 */
export const PEOPLE_CONVERSATIONS = 'people';

/**
 * Saves a call between people as a `peer-call` conversation on this device: each finished chat
 * message and caption as a message with who said it (`speaker`), the others' marked `via: 'peer'`,
 * the companion's as the assistant's. Writes go one at a time, in the order said.
 */
export class PeerCallTranscript {
	#conversation: Promise<string> | null = null;
	#queue: Promise<void> = Promise.resolve();
	readonly #saved = new Set<string>();

	constructor(
		private readonly repos: Pick<Repos, 'conversations' | 'messages'>,
		private readonly title: () => string,
		private readonly onError: (error: unknown) => void
	) {}

	/** Saves the lines not saved yet that are finished (a caption still growing waits). */
	save(lines: readonly Line[], selfName: string): void {
		for (const line of lines) {
			if (line.kind === 'notice' || !line.final || this.#saved.has(line.id)) continue;
			this.#saved.add(line.id);
			this.#queue = this.#queue
				.then(async () => {
					const conversationId = await this.#conversationId();
					await this.repos.messages.add({
						conversationId,
						role: line.from === 'companion' ? 'assistant' : 'user',
						content: line.text,
						status: 'complete',
						via: line.from === 'me' ? (line.kind === 'chat' ? 'text' : 'voice') : 'peer',
						speaker: (line.from === 'me' ? selfName : line.name).slice(0, 60)
					});
				})
				.catch(this.onError);
		}
	}

	/** The stored conversation's id, creating it now if nothing was said yet (a recording starts). */
	open(): Promise<string> {
		return this.#conversationId();
	}

	/** The stored conversation's id, once something was said. */
	get conversationId(): Promise<string> | null {
		return this.#conversation;
	}

	/** Resolves when every line handed in so far is written. */
	settled(): Promise<void> {
		return this.#queue;
	}

	#conversationId(): Promise<string> {
		this.#conversation ??= this.repos.conversations
			.create(PEOPLE_CONVERSATIONS, 'peer-call', this.title())
			.then((conversation) => conversation.id);
		return this.#conversation;
	}
}
