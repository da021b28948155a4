import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatTurn, GenerateOptions } from '$lib/ai/llm/engine';
import type { Reply } from '$lib/ai/llm/runtime.svelte';
import { ChatSession, type ConversationObserver } from '$lib/chat/session.svelte';
import { companionDraft, makeTestDb, replyOf } from '../../helpers/factories';

/** A stand-in for the LLM runtime (our own interface): streams `text` word by word. */
function speaking(text: string, delayMs = 25) {
	const seen = { tokens: 0, aborted: false };
	const generate = async (_: readonly ChatTurn[], { onToken, signal }: GenerateOptions) => {
		let said = '';
		for (const word of text.split(/(?<= )/)) {
			if (signal?.aborted) break;
			said += word;
			seen.tokens++;
			onToken?.(word);
			await new Promise((done) => setTimeout(done, delayMs));
		}
		seen.aborted = !!signal?.aborted;
		return replyOf(said, signal?.aborted) as Reply;
	};
	return { generate, seen };
}

function deferred() {
	let decide = (_: boolean) => {};
	const decided = new Promise<boolean>((done) => (decide = done));
	return { decided, decide };
}

const REPLY = 'Eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf.';

describe('a held (preemptive) send', () => {
	let ctx = makeTestDb();
	afterEach(async () => {
		await ctx.db.delete();
		ctx = makeTestDb();
	});

	async function session(text = REPLY) {
		const model = speaking(text);
		const observer: ConversationObserver = { heard: vi.fn(), replied: vi.fn() };
		const onReplied = vi.fn();
		const companion = await ctx.repos.companions.create(
			companionDraft({ name: 'Lena', greeting: 'Hallo!' })
		);
		const chat = new ChatSession(companion, null, {
			repos: ctx.repos,
			generate: model.generate,
			contextWindow: () => 4096,
			observer,
			onReplied
		});
		await chat.begin('Call');
		return { chat, model, observer, onReplied };
	}

	it('discarded: generated but never shown or saved, told to nobody, and stopped', async () => {
		const { chat, model, observer, onReplied } = await session();
		const hold = deferred();
		const tokens: string[] = [];
		const shown: unknown[] = [];
		const sending = chat.send('Hallo, ich heiße Anna', {
			via: 'voice',
			hold: hold.decided,
			onToken: (t) => {
				tokens.push(t);
				shown.push(chat.streaming, chat.settled);
			}
		});
		await vi.waitFor(() => expect(tokens.length).toBeGreaterThan(2));
		hold.decide(false);
		await sending;
		await vi.waitFor(() => expect(model.seen.aborted).toBe(true));
		expect(model.seen.tokens).toBeLessThan(REPLY.split(' ').length);
		expect(shown.every((s) => s === null)).toBe(true);
		expect(chat.streaming).toBeNull();
		expect(chat.settled).toBeNull();
		expect(chat.error).toBeNull();
		const messages = await ctx.repos.messages.listFor(chat.conversationId!);
		expect(messages.map((m) => m.content)).toEqual(['Hallo!']);
		expect(observer.heard).not.toHaveBeenCalled();
		expect(observer.replied).not.toHaveBeenCalled();
		expect(onReplied).not.toHaveBeenCalled();
		// The conversation goes on as if nothing happened.
		await chat.send('Hallo, ich heiße Anna und ich wohne in Hamburg.', { via: 'voice' });
		const after = await ctx.repos.messages.listFor(chat.conversationId!);
		expect(after.map((m) => [m.role, m.content])).toEqual([
			['assistant', 'Hallo!'],
			['user', 'Hallo, ich heiße Anna und ich wohne in Hamburg.'],
			['assistant', REPLY]
		]);
	});

	it('committed: shown from then on and saved whole, as an ordinary reply', async () => {
		const { chat, observer, onReplied } = await session();
		const hold = deferred();
		const tokens: string[] = [];
		const sending = chat.send('Hallo', {
			via: 'voice',
			hold: hold.decided,
			onToken: (t) => tokens.push(t)
		});
		await vi.waitFor(() => expect(tokens.length).toBeGreaterThan(2));
		const shownBefore = chat.streaming;
		hold.decide(true);
		await vi.waitFor(() => expect(chat.streaming?.text).toBeTruthy());
		await sending;
		expect(shownBefore).toBeNull();
		const messages = await ctx.repos.messages.listFor(chat.conversationId!);
		expect(messages.map((m) => [m.role, m.content, m.status])).toEqual([
			['assistant', 'Hallo!', 'complete'],
			['user', 'Hallo', 'complete'],
			['assistant', REPLY, 'complete']
		]);
		expect(observer.heard).toHaveBeenCalledOnce();
		expect(onReplied).toHaveBeenCalledOnce();
	});
});
