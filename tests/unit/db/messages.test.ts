import { afterEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '$lib/errors';
import { companionDraft, makeTestDb } from '../../helpers/factories';

describe('MessageRepo and ConversationRepo', () => {
	let ctx = makeTestDb();
	afterEach(async () => {
		await ctx.db.delete();
		ctx = makeTestDb();
	});

	async function conversation() {
		const companion = await ctx.repos.companions.create(companionDraft());
		return ctx.repos.conversations.create(companion.id, 'chat', 'First chat');
	}

	it('keeps messages in the order written, even within one millisecond', async () => {
		const chat = await conversation();
		const written = await ctx.repos.messages.addMany(
			Array.from({ length: 50 }, (_, i) => ({
				conversationId: chat.id,
				role: i % 2 ? ('assistant' as const) : ('user' as const),
				content: `message ${i}`,
				status: 'complete' as const
			}))
		);
		const read = await ctx.repos.messages.listFor(chat.id);
		expect(read.map((m) => m.content)).toEqual(written.map((m) => m.content));
		expect(new Set(read.map((m) => m.createdAt)).size).toBe(50);
	});

	it('reads for the prompt only the opening and the turns the summary has not absorbed', async () => {
		const chat = await conversation();
		const other = await conversation();
		const message = (conversationId: string, i: number) => ({
			conversationId,
			role: i % 2 ? ('user' as const) : ('assistant' as const),
			content: `message ${i}`,
			status: 'complete' as const
		});
		const written = await ctx.repos.messages.addMany(
			Array.from({ length: 10 }, (_, i) => message(chat.id, i))
		);
		await ctx.repos.messages.addMany([message(other.id, 0), message(other.id, 1)]);
		await ctx.db.profile.put({
			id: 'me',
			name: 'Anna',
			nativeLanguage: '',
			createdAt: Date.now(),
			updatedAt: Date.now()
		});

		let context = await ctx.repos.conversations.forPrompt(chat.id);
		expect(context.opening?.content).toBe('message 0');
		expect(context.recent.map((m) => m.content)).toEqual(written.map((m) => m.content));
		expect(context.profile?.name).toBe('Anna');

		await ctx.repos.conversations.update(chat.id, {
			summary: 'They said hello.',
			summaryUntil: written[5].createdAt
		});
		context = await ctx.repos.conversations.forPrompt(chat.id);
		expect(context.conversation.summary).toBe('They said hello.');
		expect(context.opening?.content).toBe('message 0');
		expect(context.recent.map((m) => m.content)).toEqual(
			['6', '7', '8', '9'].map((i) => `message ${i}`)
		);
		await expect(ctx.repos.conversations.forPrompt('missing')).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('touches the conversation so the most recent comes first', async () => {
		const first = await conversation();
		const second = await ctx.repos.conversations.create(first.companionId, 'call');
		await ctx.repos.messages.add({
			conversationId: first.id,
			role: 'user',
			content: 'hi',
			status: 'complete'
		});
		const list = await ctx.repos.conversations.listFor(first.companionId);
		expect(list.map((c) => c.id)).toEqual([first.id, second.id]);
	});

	it('updates a streaming reply and truncates from a message for edit-and-resend', async () => {
		const chat = await conversation();
		const [a, b, c] = await ctx.repos.messages.addMany(
			['one', 'two', 'three'].map((content) => ({
				conversationId: chat.id,
				role: 'user' as const,
				content,
				status: 'complete' as const
			}))
		);
		await ctx.repos.messages.update(c.id, { content: 'three!', status: 'interrupted' });
		expect(await ctx.repos.messages.get(c.id)).toMatchObject({
			content: 'three!',
			status: 'interrupted'
		});
		await ctx.repos.messages.truncateFrom(b.id);
		expect((await ctx.repos.messages.listFor(chat.id)).map((m) => m.id)).toEqual([a.id]);
		await expect(ctx.repos.messages.update('missing', { content: 'x' })).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('deleting a conversation deletes its messages only', async () => {
		const chat = await conversation();
		const other = await ctx.repos.conversations.create(chat.companionId, 'chat');
		await ctx.repos.messages.add({
			conversationId: chat.id,
			role: 'user',
			content: 'a',
			status: 'complete'
		});
		await ctx.repos.messages.add({
			conversationId: other.id,
			role: 'user',
			content: 'b',
			status: 'complete'
		});
		await ctx.repos.conversations.remove(chat.id);
		expect((await ctx.db.messages.toArray()).map((m) => m.content)).toEqual(['b']);
	});
});
