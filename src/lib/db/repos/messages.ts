import Dexie from 'dexie';
import { NotFoundError } from '$lib/errors';
import type { EventBus } from '$lib/events';
import { monotonicNow, newId } from '../clock';
import type { KompanionDb } from '../database';
import type { Message, MessageMetrics } from '../rows';
import { writeTx } from '../write';

export type NewMessage = Omit<Message, 'id' | 'createdAt'> &
	Partial<Pick<Message, 'id' | 'createdAt'>>;
export type MessagePatch = Partial<
	Pick<Message, 'content' | 'status' | 'metrics' | 'error' | 'recalled'>
>;

export class MessageRepo {
	constructor(
		private readonly db: KompanionDb,
		private readonly bus: EventBus
	) {}

	/** A conversation's messages in the order they were written. */
	listFor(conversationId: string): Promise<Message[]> {
		return this.db.messages
			.where('[conversationId+createdAt]')
			.between([conversationId, Dexie.minKey], [conversationId, Dexie.maxKey])
			.toArray();
	}

	get(id: string): Promise<Message | undefined> {
		return this.db.messages.get(id);
	}

	/** Adds a message and marks its conversation as recently active, in one transaction. */
	async add(input: NewMessage): Promise<Message> {
		const [message] = await this.addMany([input]);
		return message;
	}

	/** Adds many messages in one transaction (imports of transcripts, benchmarks). */
	async addMany(inputs: readonly NewMessage[]): Promise<Message[]> {
		const { db } = this;
		const messages = inputs.map((input) => ({
			...input,
			id: input.id ?? newId(),
			createdAt: input.createdAt ?? monotonicNow()
		}));
		const touched = new Set(messages.map((message) => message.conversationId));
		await writeTx(db, [db.messages, db.conversations], async () => {
			await db.messages.bulkAdd(messages);
			const updatedAt = monotonicNow();
			for (const id of touched) await db.conversations.update(id, { updatedAt });
		});
		this.bus.emit('data:saved', { table: 'messages' });
		return messages;
	}

	async update(id: string, patch: MessagePatch): Promise<void> {
		await writeTx(this.db, [this.db.messages], async () => {
			const changed = await this.db.messages.update(id, patch);
			if (!changed && !(await this.db.messages.get(id))) throw new NotFoundError('This message');
		});
	}

	/** Adds measurements to a message's metrics (a call knows when its audio started later). */
	async mergeMetrics(id: string, metrics: MessageMetrics): Promise<void> {
		await writeTx(this.db, [this.db.messages], async () => {
			const message = await this.db.messages.get(id);
			if (!message) throw new NotFoundError('This message');
			await this.db.messages.update(id, { metrics: { ...message.metrics, ...metrics } });
		});
	}

	/** Removes the given message and every later one in its conversation (edit-and-resend). */
	async truncateFrom(id: string): Promise<void> {
		const { db } = this;
		await writeTx(db, [db.messages], async () => {
			const message = await db.messages.get(id);
			if (!message) throw new NotFoundError('This message');
			await db.messages
				.where('[conversationId+createdAt]')
				.between(
					[message.conversationId, message.createdAt],
					[message.conversationId, Dexie.maxKey],
					true,
					true
				)
				.delete();
		});
	}
}
