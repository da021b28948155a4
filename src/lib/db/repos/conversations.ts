import Dexie from 'dexie';
import { NotFoundError } from '$lib/errors';
import type { EventBus } from '$lib/events';
import { monotonicNow, newId } from '../clock';
import type { KompanionDb } from '../database';
import type { Conversation, ConversationKind, Message, Profile } from '../rows';
import { writeTx } from '../write';

export class ConversationRepo {
	constructor(
		private readonly db: KompanionDb,
		private readonly bus: EventBus
	) {}

	/**
	 * What a reply's prompt is built from, read in one transaction on the path to the first token:
	 * the conversation, the message that opened it, the turns its summary has not absorbed yet
	 * (all of them until there is a summary), and the person's profile. However long the
	 * conversation grows, only those turns are read.
	 */
	async forPrompt(id: string): Promise<{
		conversation: Conversation;
		opening?: Message;
		recent: Message[];
		profile?: Profile;
	}> {
		const { db } = this;
		const from = (createdAt: unknown) =>
			db.messages
				.where('[conversationId+createdAt]')
				.between([id, createdAt], [id, Dexie.maxKey], false, true);
		const read = await db.transaction(
			'r',
			[db.conversations, db.messages, db.profile],
			async () => {
				const [conversation, opening, profile] = await Promise.all([
					this.get(id),
					from(Dexie.minKey).first(),
					db.profile.get('me')
				]);
				if (!conversation) return null;
				const recent = await from(conversation.summaryUntil ?? Dexie.minKey).toArray();
				return { conversation, opening, recent, profile };
			}
		);
		// Thrown outside the transaction: inside, Dexie would turn it into its own NotFoundError.
		if (!read) throw new NotFoundError('This conversation');
		return read;
	}

	/** The most recent conversation of a kind with a companion, if any. */
	async latestFor(companionId: string, kind?: ConversationKind): Promise<Conversation | undefined> {
		const list = await this.listFor(companionId);
		return kind ? list.find((c) => c.kind === kind) : list[0];
	}

	/** A companion's conversations, most recent first. */
	listFor(companionId: string): Promise<Conversation[]> {
		return this.db.conversations
			.where('[companionId+updatedAt]')
			.between([companionId, Dexie.minKey], [companionId, Dexie.maxKey])
			.reverse()
			.toArray();
	}

	get(id: string): Promise<Conversation | undefined> {
		return this.db.conversations.get(id);
	}

	async require(id: string): Promise<Conversation> {
		const conversation = await this.get(id);
		if (!conversation) throw new NotFoundError('This conversation');
		return conversation;
	}

	async create(companionId: string, kind: ConversationKind, title = ''): Promise<Conversation> {
		const now = monotonicNow();
		const conversation: Conversation = {
			id: newId(),
			companionId,
			kind,
			title: title.slice(0, 120),
			startedAt: now,
			updatedAt: now
		};
		await writeTx(this.db, [this.db.conversations], () => this.db.conversations.add(conversation));
		this.bus.emit('data:saved', { table: 'conversations' });
		return conversation;
	}

	async update(
		id: string,
		patch: Partial<Pick<Conversation, 'title' | 'summary' | 'summaryUntil' | 'endedAt'>>
	): Promise<void> {
		await writeTx(this.db, [this.db.conversations], async () => {
			const changed = await this.db.conversations.update(id, {
				...patch,
				updatedAt: monotonicNow()
			});
			if (!changed) throw new NotFoundError('This conversation');
		});
	}

	/**
	 * Records how far memory formation has read. Bookkeeping: the conversation does not count as
	 * recently active for it.
	 */
	async markMemoryProgress(
		id: string,
		progress: Pick<Conversation, 'memoryUntil' | 'memoryFailures'>
	): Promise<void> {
		await writeTx(this.db, [this.db.conversations], async () => {
			if (!(await this.db.conversations.update(id, progress)))
				throw new NotFoundError('This conversation');
		});
	}

	/** Conversations with messages memory formation has not read yet, most recent first. */
	async awaitingMemory(limit = 20): Promise<Conversation[]> {
		return this.db.conversations
			.orderBy('updatedAt')
			.reverse()
			.filter((c) => (c.memoryUntil ?? 0) < c.updatedAt)
			.limit(limit)
			.toArray();
	}

	/** Deletes a conversation and its messages. */
	async remove(id: string): Promise<void> {
		const { db } = this;
		await writeTx(db, [db.conversations, db.messages], async () => {
			await db.messages.where('conversationId').equals(id).delete();
			await db.conversations.delete(id);
		});
	}
}
