import type { Repos } from '$lib/db';
import { reportError } from '$lib/errors';

/**
 * Where a streaming reply is put, synchronously, while the page is hidden: an IndexedDB write begun
 * as a page unloads may never finish (Chromium drops it on a reload), a synchronous one does.
 */
export interface ReplyDrafts {
	put(messageId: string, content: string): void;
	drop(messageId: string): void;
	/** Every draft kept, as [message id, content]. */
	all(): [string, string][];
}

const PREFIX = 'kompanion:reply-draft:';

/** This tab's drafts in sessionStorage: a reload keeps them, and no other tab sees them. */
export const sessionDrafts: ReplyDrafts = {
	put(messageId, content) {
		try {
			sessionStorage.setItem(PREFIX + messageId, content);
		} catch (error) {
			reportError(error, { context: 'keeping the reply', silent: true });
		}
	},
	drop(messageId) {
		sessionStorage.removeItem(PREFIX + messageId);
	},
	all() {
		return Object.keys(sessionStorage)
			.filter((key) => key.startsWith(PREFIX))
			.map((key) => [key.slice(PREFIX.length), sessionStorage.getItem(key) ?? '']);
	}
};

/**
 * Puts what a reload cut off into the replies it belongs to: a reply still marked as streaming
 * whose stored text the draft continues (it was on screen when the page went away). Drafts exist
 * only while a page is hidden, so none belongs to a reply that is still streaming here.
 */
export async function recoverDrafts(
	drafts: ReplyDrafts,
	messages: Pick<Repos['messages'], 'get' | 'update'>
): Promise<void> {
	for (const [id, content] of drafts.all()) {
		const message = await messages.get(id);
		if (
			message?.status === 'streaming' &&
			content.length > message.content.length &&
			content.startsWith(message.content)
		)
			await messages.update(id, { content });
		drafts.drop(id);
	}
}
