import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatTurn } from '$lib/ai/llm/engine';
import type { Reply, RuntimeGenerateOptions } from '$lib/ai/llm/runtime.svelte';
import { ExtractionError } from '$lib/memory/extraction';
import { MAX_FAILURES, formMemories, type FormationDeps } from '$lib/memory/formation';
import { companionDraft, makeTestDb } from '../../helpers/factories';
import { memoryWorker } from '../../helpers/memory-worker';
import { startModelServer } from '../../helpers/model-server';

let server: Awaited<ReturnType<typeof startModelServer>>;
beforeAll(async () => (server = await startModelServer()));
afterAll(() => server.close());

type Ctx = ReturnType<typeof makeTestDb>;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Answer = string | Error | ((prompt: string) => string);

/**
 * A stand-in for the LLM runtime (our own interface) that answers with the next scripted text,
 * or with what a function makes of the prompt (to refer to memories by the handles it was shown).
 */
function answering(...answers: Answer[]) {
	const prompts: ChatTurn[][] = [];
	const options: RuntimeGenerateOptions[] = [];
	const generate = async (messages: readonly ChatTurn[], opts: RuntimeGenerateOptions) => {
		prompts.push([...messages]);
		options.push(opts);
		const next = answers.shift() ?? '{"memories":[]}';
		if (next instanceof Error) throw next;
		return {
			text: typeof next === 'function' ? next(messages[1].content) : next,
			finishReason: 'stop',
			usage: { promptTokens: 1, completionTokens: 1, timeToFirstTokenMs: 1, tokensPerSecond: 1 },
			engine: 'onnx',
			model: 'scripted'
		} satisfies Reply;
	};
	return { generate, prompts, options };
}

async function setup(...answers: Answer[]) {
	const ctx: Ctx = makeTestDb();
	const worker = memoryWorker(ctx.db.name, server.source);
	cleanups.push(() => ctx.db.delete(), worker.close);
	await worker.load();
	// The app's memory service keeps the index in step with the repos; here, directly.
	ctx.bus.on('memory:changed', ({ upserted, removed }) => {
		if (upserted.length) void worker.call('index', { memories: [...upserted] });
		if (removed.length) void worker.call('remove', { ids: [...removed] });
	});
	const model = answering(...answers);
	let allowDeletes = false;
	const deps: FormationDeps = {
		repos: ctx.repos,
		generate: model.generate,
		nearest: async (texts, namespaces, k) => {
			await worker.settled();
			return (await worker.call('nearest', { texts: [...texts], namespaces: [...namespaces], k }))
				.hits;
		},
		allowDeletes: async () => allowDeletes
	};
	const lena = await ctx.repos.companions.create(companionDraft({ name: 'Lena' }));
	const conversation = await ctx.repos.conversations.create(lena.id, 'chat');
	const say = (role: 'user' | 'assistant', content: string) =>
		ctx.repos.messages.add({ conversationId: conversation.id, role, content, status: 'complete' });
	const texts = async () =>
		(await ctx.repos.memories.list(['shared', `companion:${lena.id}`])).map((m) => [
			m.kind,
			m.text,
			m.version
		]);
	return {
		...ctx,
		model,
		deps,
		lena,
		conversation,
		say,
		texts,
		form: () => formMemories(conversation.id, deps),
		allowDeletes: (on: boolean) => (allowDeletes = on)
	};
}

const refOf = (prompt: string, text: string) =>
	new RegExp(`(m\\d+) \\(\\w+\\): ${text.replaceAll('.', '\\.')}`).exec(prompt)?.[1];

describe('memory formation', () => {
	it('adds facts, how to treat the person and an episode, in the background, once per turn', async () => {
		const t = await setup(
			JSON.stringify({
				memories: [
					{ kind: 'semantic', text: 'Anna lives in Hamburg.', importance: 0.8 },
					{ kind: 'procedural', text: 'Anna wants explanations in English.', importance: 0.9 }
				],
				episode: 'Anna introduced herself.'
			})
		);
		await t.say('assistant', 'Hallo! Wie heißt du?');
		await t.say('user', 'Ich heiße Anna und wohne in Hamburg. Erklär bitte auf Englisch.');
		expect(await t.form()).toMatchObject({ added: 2, episode: true });
		expect(t.model.options[0]).toMatchObject({ background: true, json: true });
		expect(t.model.prompts[0][1].content).toContain('Person: Ich heiße Anna');

		const shared = await t.repos.memories.list(['shared']);
		expect(shared.map((m) => [m.text, m.createdBy, m.sourceConversationId])).toEqual([
			['Anna lives in Hamburg.', 'model', t.conversation.id]
		]);
		const own = await t.repos.memories.list([`companion:${t.lena.id}`]);
		expect(own.map((m) => m.kind).sort()).toEqual(['episodic', 'procedural']);

		// Nothing new: the model is not asked again.
		expect(await t.form()).toMatchObject({ skipped: 'nothing-new' });
		expect(t.model.prompts).toHaveLength(1);
	});

	it('merges restatements (embedding similarity) and updates by the model’s reference', async () => {
		const t = await setup(
			'{"memories":[{"text":"Anna lives in Hamburg.","importance":0.6},{"text":"Anna has a dog.","importance":0.5}]}',
			// The same fact in other words, and an update of the dog through the handle it was shown.
			(prompt) =>
				JSON.stringify({
					memories: [
						{ text: 'Anna wohnt in Hamburg.', importance: 0.7 },
						{ op: 'update', ref: refOf(prompt, 'Anna has a dog.'), text: 'Anna has two dogs.' }
					],
					episode: 'We talked about pets.'
				})
		);
		await t.say('user', 'Ich wohne in Hamburg und habe einen Hund.');
		await t.form();
		await t.say('user', 'Eigentlich habe ich zwei Hunde, in Hamburg.');
		expect(await t.form()).toMatchObject({ added: 0, merged: 1, updated: 1 });

		// The model was shown what it knew, with handles.
		expect(refOf(t.model.prompts[1][1].content, 'Anna has a dog.')).toMatch(/^m\d$/);
		const [dogs, hamburg] = await t.repos.memories.list(['shared']);
		expect(hamburg).toMatchObject({ text: 'Anna wohnt in Hamburg.', version: 2, importance: 0.7 });
		expect((await t.repos.memories.versions(hamburg.id)).map((v) => [v.reason, v.text])).toEqual([
			['merged', 'Anna wohnt in Hamburg.'],
			['created', 'Anna lives in Hamburg.']
		]);
		expect(dogs).toMatchObject({ text: 'Anna has two dogs.', version: 2 });
	});

	it('deletes only when the person allowed it', async () => {
		const t = await setup(
			'{"memories":[{"text":"Anna smokes.","importance":0.5}]}',
			(prompt) =>
				JSON.stringify({ memories: [{ op: 'delete', ref: refOf(prompt, 'Anna smokes.') }] }),
			(prompt) =>
				JSON.stringify({ memories: [{ op: 'delete', ref: refOf(prompt, 'Anna smokes.') }] })
		);
		await t.say('user', 'Ich rauche.');
		await t.form();
		await t.say('user', 'Ich rauche nicht mehr, vergiss das.');
		expect(await t.form()).toMatchObject({ deleted: 0 });
		expect(await t.texts()).toHaveLength(1);
		t.allowDeletes(true);
		await t.say('user', 'Bitte vergiss, dass ich geraucht habe.');
		expect(await t.form()).toMatchObject({ deleted: 1 });
		expect(await t.texts()).toEqual([]);
	});

	it('rejects malformed output without harm, retries, and gives up after a few tries', async () => {
		const t = await setup(...Array.from({ length: MAX_FAILURES }, () => '{"memories": [oops'));
		await t.say('user', 'Ich heiße Anna.');
		for (let attempt = 1; attempt <= MAX_FAILURES; attempt++) {
			await expect(t.form()).rejects.toThrow(ExtractionError);
			const conversation = await t.repos.conversations.get(t.conversation.id);
			expect(conversation?.memoryFailures ?? 0).toBe(attempt < MAX_FAILURES ? attempt : 0);
		}
		expect(t.model.prompts).toHaveLength(MAX_FAILURES);
		expect(await t.texts()).toEqual([]);
		// Those turns are skipped now; the next turn is read on its own.
		expect(await t.form()).toMatchObject({ skipped: 'nothing-new' });
	});

	it('a reply that needs the model stops it; the same turns are read later', async () => {
		const busy = new DOMException('busy', 'AbortError');
		const t = await setup(busy, '{"memories":[{"text":"Anna lives in Hamburg."}]}');
		await t.say('user', 'Ich wohne in Hamburg.');
		await expect(t.form()).rejects.toThrow('busy');
		expect(await t.form()).toMatchObject({ added: 1 });
	});

	it('never reads a conversation with a companion whose memory is off', async () => {
		const t = await setup('{"memories":[{"text":"Anna lives in Hamburg."}]}');
		await t.repos.companions.update(t.lena.id, {
			...companionDraft({ name: 'Lena' }),
			memoryEnabled: false
		});
		await t.say('user', 'Ich wohne in Hamburg.');
		expect(await t.form()).toMatchObject({ skipped: 'memory-off' });
		expect(t.model.prompts).toHaveLength(0);
		// Turning memory on later does not mine what was said while it was off.
		await t.repos.companions.update(t.lena.id, {
			...companionDraft({ name: 'Lena' }),
			memoryEnabled: true
		});
		expect(await t.form()).toMatchObject({ skipped: 'nothing-new' });
	});
});
