import { afterEach, describe, expect, it } from 'vitest';
import { AiError } from '$lib/ai/errors';
import type { ChatTurn, GenerateOptions } from '$lib/ai/llm/engine';
import type { Reply } from '$lib/ai/llm/runtime.svelte';
import { ChatSession, type ChatDeps } from '$lib/chat/session.svelte';
import type { RecallInput } from '$lib/memory/recall';
import type { CompanionDraft } from '$lib/companion/schema';
import { companionDraft, makeTestDb, memoryRow, replyOf } from '../../helpers/factories';

type Script = (messages: readonly ChatTurn[], options: GenerateOptions) => Promise<Reply>;

/** A stand-in for the LLM runtime (our own interface): streams `text` word by word. */
function speaking(
	text: string,
	{ failAfter, delayMs = 1 }: { failAfter?: number; delayMs?: number } = {}
): Script & { prompts: ChatTurn[][] } {
	const prompts: ChatTurn[][] = [];
	const script: Script = async (messages, { onToken, signal }) => {
		prompts.push([...messages]);
		let said = '';
		for (const [i, word] of text.split(/(?<= )/).entries()) {
			if (failAfter !== undefined && i === failAfter)
				throw new AiError('The GPU went away.', 'gpu/device-lost');
			if (signal?.aborted) break;
			said += word;
			onToken?.(word);
			await new Promise((done) => setTimeout(done, delayMs));
		}
		return replyOf(said, signal?.aborted);
	};
	return Object.assign(script, { prompts });
}

describe('ChatSession', () => {
	let ctx = makeTestDb();
	afterEach(async () => {
		await ctx.db.delete();
		ctx = makeTestDb();
	});

	async function session(
		script: Script,
		contextWindow = 4096,
		extra: Partial<ChatDeps> = {},
		draft: Partial<CompanionDraft> = {}
	) {
		const companion = await ctx.repos.companions.create(
			companionDraft({
				name: 'Lena',
				persona: 'You are Lena from Berlin.',
				greeting: 'Hallo! Wie heißt du?',
				...draft
			})
		);
		return new ChatSession(companion, null, {
			repos: ctx.repos,
			generate: script,
			contextWindow: () => contextWindow,
			...extra
		});
	}

	it('saves the greeting, the message and the streamed reply with metrics', async () => {
		const model = speaking('Freut mich, Anna! Wie geht es dir?');
		const chat = await session(model);
		await chat.send('Ich heiße Anna.');
		const messages = await ctx.repos.messages.listFor(chat.conversationId!);
		expect(messages.map((m) => [m.role, m.content, m.status])).toEqual([
			['assistant', 'Hallo! Wie heißt du?', 'complete'],
			['user', 'Ich heiße Anna.', 'complete'],
			['assistant', 'Freut mich, Anna! Wie geht es dir?', 'complete']
		]);
		expect(messages[2].metrics).toMatchObject({
			engine: 'onnx',
			model: 'tiny',
			tokensPerSecond: 50
		});
		expect(messages[2].metrics?.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
		// The greeting is context in the system prompt; the model sees the person speak first.
		const prompt = model.prompts[0];
		expect(prompt[0].role).toBe('system');
		expect(prompt[0].content).toContain('You are Lena from Berlin.');
		expect(prompt[0].content).toContain('Hallo! Wie heißt du?');
		expect(prompt.slice(1)).toEqual([{ role: 'user', content: 'Ich heiße Anna.' }]);
		expect(chat.busy).toBe(false);
	});

	it('stop keeps the partial reply, marked as interrupted', async () => {
		const chat = await session(
			speaking('Eins zwei drei vier fünf sechs sieben acht neun zehn.', { delayMs: 40 })
		);
		const sending = chat.send('Zähl bitte.');
		await expect.poll(() => chat.streaming?.text.length ?? 0, { interval: 5 }).toBeGreaterThan(4);
		chat.stop();
		await sending;
		const last = (await ctx.repos.messages.listFor(chat.conversationId!)).at(-1)!;
		expect(last.status).toBe('interrupted');
		expect(last.content.length).toBeGreaterThan(0);
		expect('Eins zwei drei vier fünf sechs sieben acht neun zehn.'.startsWith(last.content)).toBe(
			true
		);
	});

	it('a message sent right after a stop waits for the stopped reply and is answered', async () => {
		const chat = await session(
			speaking('Eins zwei drei vier fünf sechs sieben acht neun zehn.', { delayMs: 40 })
		);
		const first = chat.send('Zähl bitte.');
		await expect.poll(() => chat.streaming?.text.length ?? 0, { interval: 5 }).toBeGreaterThan(4);
		// What a call does when the person types over the companion: stop, then send at once.
		chat.stop();
		const second = chat.send('Genug, danke.');
		// A second send while a reply still runs (not stopped) is refused, as before.
		await Promise.all([first, second]);
		const messages = await ctx.repos.messages.listFor(chat.conversationId!);
		expect(messages.map((m) => [m.role, m.status])).toEqual([
			['assistant', 'complete'],
			['user', 'complete'],
			['assistant', 'interrupted'],
			['user', 'complete'],
			['assistant', 'complete']
		]);
		expect(messages[3].content).toBe('Genug, danke.');

		const third = chat.send('Noch einmal.');
		await expect.poll(() => chat.busy, { interval: 5 }).toBe(true);
		await chat.send('Dazwischen.');
		await third;
		const after = await ctx.repos.messages.listFor(chat.conversationId!);
		expect(after.map((m) => m.content)).not.toContain('Dazwischen.');
	});

	it('saves the reply as shown when the page is hidden mid-reply', async () => {
		const reply = 'Eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf.';
		let page: (hidden: boolean) => void = () => undefined;
		const chat = await session(speaking(reply, { delayMs: 40 }), 4096, {
			visibility: (onChange) => {
				page = onChange;
				return () => (page = () => undefined);
			}
		});
		const sending = chat.send('Zähl bitte.');
		await expect.poll(() => chat.streaming?.text.length ?? 0, { interval: 5 }).toBeGreaterThan(8);
		const shown = chat.streaming!.text;
		page(true);
		await expect
			.poll(async () => (await ctx.repos.messages.get(chat.lastReplyId!))?.content, {
				interval: 5
			})
			.toBe(shown);
		await sending;
		expect((await ctx.repos.messages.get(chat.lastReplyId!))?.content).toBe(reply);
	});

	it('an engine failure keeps the conversation and the partial reply, and retry answers again', async () => {
		let script: Script = speaking('Das ist ein langer Satz mit vielen Wörtern.', { failAfter: 3 });
		const chat = await session((m, o) => script(m, o));
		await chat.send('Hallo?');
		expect(chat.error).toMatchObject({ code: 'gpu/device-lost' });
		let messages = await ctx.repos.messages.listFor(chat.conversationId!);
		expect(messages.at(-1)).toMatchObject({
			status: 'error',
			content: 'Das ist ein ',
			error: 'The GPU went away.'
		});
		expect(messages.at(-2)).toMatchObject({ role: 'user', content: 'Hallo?' });

		script = speaking('Jetzt klappt es.');
		await chat.retry();
		messages = await ctx.repos.messages.listFor(chat.conversationId!);
		expect(messages.map((m) => m.content)).toEqual([
			'Hallo! Wie heißt du?',
			'Hallo?',
			'Jetzt klappt es.'
		]);
		expect(chat.error).toBeNull();
	});

	it('a model that fails before anything is saved is reported once, not as an unhandled rejection', async () => {
		const chat = await session(speaking('Nie.', { failAfter: 0 }));
		await chat.send('Hallo?');
		expect(chat.error).toMatchObject({ code: 'gpu/device-lost' });
		const messages = await ctx.repos.messages.listFor(chat.conversationId!);
		expect(messages.map((m) => [m.role, m.content, m.status])).toEqual([
			['assistant', 'Hallo! Wie heißt du?', 'complete'],
			['user', 'Hallo?', 'complete'],
			['assistant', '', 'error']
		]);
	});

	it('edit-and-resend replaces the message and everything after it', async () => {
		const model = speaking('Gut.');
		const chat = await session(model);
		await chat.send('Ich bin müde.');
		await chat.send('Und du?');
		const firstUser = (await ctx.repos.messages.listFor(chat.conversationId!))[1];
		await chat.editAndResend(firstUser.id, 'Ich bin glücklich.');
		const messages = await ctx.repos.messages.listFor(chat.conversationId!);
		expect(messages.map((m) => m.content)).toEqual([
			'Hallo! Wie heißt du?',
			'Ich bin glücklich.',
			'Gut.'
		]);
		expect(model.prompts.at(-1)?.slice(1)).toEqual([
			{ role: 'user', content: 'Ich bin glücklich.' }
		]);
	});

	it('long conversations keep the newest turns and summarise the rest in the background', async () => {
		const model = speaking('Ein Satz. '.repeat(20).trim());
		const chat = await session(model, 1024);
		for (let i = 0; i < 8; i++)
			await chat.send(`Nachricht ${i}: ${'Ich erzähle dir etwas. '.repeat(6)}`);
		const lastPrompt = model.prompts.at(-1)!;
		expect(lastPrompt.at(-1)).toMatchObject({
			role: 'user',
			content: expect.stringContaining('Nachricht 7')
		});
		expect(lastPrompt.some((t) => t.content.includes('Nachricht 0'))).toBe(false);
		await expect
			.poll(async () => (await ctx.repos.conversations.require(chat.conversationId!)).summary)
			.toBeTruthy();
		const conversation = await ctx.repos.conversations.require(chat.conversationId!);
		expect(conversation.summaryUntil).toBeGreaterThan(0);
		expect(
			model.prompts.some((p) => p[0].content.includes('You keep the memory of a conversation'))
		).toBe(true);
	});
	it('places recalled memories in the prompt and keeps which ones with the reply', async () => {
		const model = speaking('Du wohnst in Hamburg.');
		const asked: string[] = [];
		const replied: string[] = [];
		const recalled: RecallInput[] = [];
		const chat = await session(model, 4096, {
			recall: async (input) => {
				recalled.push(input);
				asked.push(input.text);
				return {
					pinned: [],
					relevant: [memoryRow('Anna lives in Hamburg.')],
					memoryIds: ['m-hamburg'],
					embedMs: 3,
					totalMs: 5
				};
			},
			onReplied: (id) => replied.push(id)
		});
		await chat.send('Wo wohne ich?');
		expect(asked).toEqual(['Wo wohne ich?']);
		expect(recalled[0].budgetTokens).toBe(700);
		expect(model.prompts[0][0].content).toContain('- Anna lives in Hamburg.');
		const reply = (await ctx.repos.messages.listFor(chat.conversationId!)).at(-1)!;
		expect(reply).toMatchObject({
			recalled: ['m-hamburg'],
			metrics: { recallMs: 5, recallEmbedMs: 3 }
		});
		expect(replied).toEqual([chat.conversationId]);
		// A retry recalls for the person's last message.
		await chat.retry();
		expect(asked).toEqual(['Wo wohne ich?', 'Wo wohne ich?']);
	});

	it("a tutor's CEFR level reaches the prompt, and the next turn keeps the prompt's stable part", async () => {
		const model = speaking('Gut.');
		const pinned = [memoryRow('Anna is a nurse.', { pinned: true })];
		const relevant = [[memoryRow('Anna lives in Hamburg.')], [memoryRow('Anna drinks tea.')]];
		let turn = 0;
		const chat = await session(
			model,
			4096,
			{
				recall: async () => ({
					pinned,
					relevant: relevant[turn++] ?? [],
					memoryIds: [],
					totalMs: 1
				})
			},
			{ tutor: { enabled: true, cefrLevel: 'B2', corrections: 'gentle', explainIn: 'en' } }
		);
		await chat.send('Wo wohne ich?');
		await chat.send('Was trinke ich?');
		const [first, second] = model.prompts.map((prompt) => prompt[0].content);
		expect(first).toContain('Their level is B2');
		// Everything up to the memories recalled for this turn is byte for byte the same.
		const cut = first.indexOf('What you remember about');
		expect(cut).toBeGreaterThan(0);
		expect(second.indexOf('What you remember about')).toBe(cut);
		expect(second.slice(0, cut)).toBe(first.slice(0, cut));
		for (const stable of ['You are Lena from Berlin.', 'Their level is B2', 'Anna is a nurse.'])
			expect(first.slice(0, cut)).toContain(stable);
		expect(first).toContain('Anna lives in Hamburg.');
		expect(second).toContain('Anna drinks tea.');
	});
});
