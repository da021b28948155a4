import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	LLM_DEFAULT_REPLY,
	LLM_ID,
	LLM_NO_MEMORY_JSON
} from '../../../scripts/tiny-models/index.mjs';
import { createOnnxLlmHandlers } from '$lib/ai/llm/onnx/handler';
import type { LoadProgress } from '$lib/ai/progress';
import type { ModelSource } from '$lib/ai/source';
import { driveHandlers } from '../../helpers/rpc';
import { startModelServer } from '../../helpers/model-server';

let server: Awaited<ReturnType<typeof startModelServer>>;
beforeAll(async () => (server = await startModelServer()));
afterAll(() => server.close());

const chat = (content: string) => [
	{ role: 'system' as const, content: 'You are Lena, a German tutor.' },
	{ role: 'user' as const, content }
];

function loaded(source: () => ModelSource) {
	const rpc = driveHandlers(createOnnxLlmHandlers());
	const ready = rpc
		.call('load', { model: LLM_ID, device: 'cpu', source: source() })
		.then((c) => c.done);
	return { rpc, ready };
}

describe('ONNX LLM worker handlers (real transformers.js, tiny model over HTTP)', () => {
	it('loads with byte progress, then streams the reply token by token', async () => {
		const rpc = driveHandlers(createOnnxLlmHandlers());
		const load = await rpc.call('load', { model: LLM_ID, device: 'cpu', source: server.source });
		expect(await load.done).toMatchObject({ kind: 'result', data: { device: 'cpu' } });
		const progress = load.progress() as LoadProgress[];
		expect(progress.some((p) => (p.totalBytes ?? 0) > 100_000)).toBe(true);
		expect(progress.at(-1)?.progress).toBe(1);

		const call = await rpc.call('generate', {
			messages: chat('Hallo!'),
			maxTokens: 200,
			temperature: 0
		});
		const result = await call.done;
		expect(result).toMatchObject({
			kind: 'result',
			data: { text: LLM_DEFAULT_REPLY, finishReason: 'stop' }
		});
		const deltas = call.progress().map((p) => p.delta);
		expect(deltas.length).toBeGreaterThan(5);
		expect(deltas.join('')).toBe(LLM_DEFAULT_REPLY);
		const usage = (result as { data: { usage: Record<string, number> } }).data.usage;
		expect(usage.promptTokens).toBeGreaterThan(10);
		expect(usage.completionTokens).toBeGreaterThan(30);
		expect(usage.tokensPerSecond).toBeGreaterThan(0);
		// Token by token: the first word arrives with the first token, not when the next space does.
		expect(deltas[0]).toBe('Hallo!');
		expect(deltas.length).toBe(usage.completionTokens - 1); // the end-of-text token says nothing

		const json = await rpc.call('generate', {
			messages: chat('Reply in JSON.'),
			maxTokens: 200,
			temperature: 0
		});
		expect(await json.done).toMatchObject({ data: { text: LLM_NO_MEMORY_JSON } });
	});

	it('reuses the KV cache of the prompt prefix the next reply shares, with the same reply', async () => {
		const stats = { reusedTokens: 0 };
		const rpc = driveHandlers(createOnnxLlmHandlers(stats));
		await (
			await rpc.call('load', { model: LLM_ID, device: 'cpu', source: server.source })
		).done;
		const first = chat('Hallo! Ich heiße Anna.');
		const reply = async (messages: { role: 'system' | 'user' | 'assistant'; content: string }[]) =>
			(
				(await (
					await rpc.call('generate', { messages, maxTokens: 200, temperature: 0 })
				).done) as {
					data: { text: string; usage: { promptTokens: number } };
				}
			).data;
		const one = await reply(first);
		expect(stats.reusedTokens).toBe(0);
		// The next turn: the same system prompt and history, the reply and a new message after it.
		const next = [
			...first,
			{ role: 'assistant' as const, content: one.text },
			{ role: 'user' as const, content: 'Ich wohne in Hamburg.' }
		];
		const two = await reply(next);
		const reused = stats.reusedTokens;
		expect(reused).toBeGreaterThan(one.usage.promptTokens / 2);
		expect(reused).toBeLessThan(two.usage.promptTokens);
		// The same text as a fresh prefill of the whole prompt gives.
		const fresh = driveHandlers(createOnnxLlmHandlers());
		await (
			await fresh.call('load', { model: LLM_ID, device: 'cpu', source: server.source })
		).done;
		const whole = await fresh.call('generate', { messages: next, maxTokens: 200, temperature: 0 });
		expect(await whole.done).toMatchObject({ data: { text: two.text } });
		// A prompt that parts early (another system prompt) starts afresh.
		await reply([
			{ role: 'system', content: 'Du bist Max.' },
			{ role: 'user', content: 'Hi' }
		]);
		expect(stats.reusedTokens).toBe(0);
	});

	it('stops when aborted and returns what was generated so far', async () => {
		const { rpc, ready } = loaded(() => server.source);
		await ready;
		const call = await rpc.call('generate', {
			messages: chat('Hallo!'),
			maxTokens: 200,
			temperature: 0
		});
		await rpc.abort(call.id);
		const result = (await call.done) as {
			kind: string;
			data: { text: string; finishReason: string };
		};
		expect(result).toMatchObject({ kind: 'result', data: { finishReason: 'abort' } });
		expect(result.data.text.length).toBeLessThan(10);
		expect(LLM_DEFAULT_REPLY.startsWith(result.data.text)).toBe(true);
	});

	it('reports a missing model as model/not-found and a generate without a model clearly', async () => {
		const rpc = driveHandlers(createOnnxLlmHandlers());
		const load = await rpc.call('load', {
			model: 'kompanion-test/does-not-exist',
			device: 'cpu',
			source: server.source
		});
		expect(await load.done).toMatchObject({ kind: 'error', error: { code: 'model/not-found' } });
		const call = await rpc.call('generate', { messages: chat('Hi'), maxTokens: 5, temperature: 0 });
		expect(await call.done).toMatchObject({ kind: 'error' });
	});
});
