import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AiError } from '$lib/ai/errors';
import { EndpointEngine, endpointBase } from '$lib/ai/llm/endpoint/engine';
import { readServerSentEvents } from '$lib/ai/llm/endpoint/sse';
import { startOpenAiServer } from '../../helpers/openai-server.mjs';

const REPLY = 'Hallo Anna! Schön, dass du da bist. Wie war dein Tag?';
let server: Awaited<ReturnType<typeof startOpenAiServer>>;
beforeAll(
	async () => (server = await startOpenAiServer({ models: ['tiny-chat'], reply: () => REPLY }))
);
afterAll(() => server.close());

describe('EndpointEngine (OpenAI-compatible streaming server on loopback)', () => {
	it('normalises the address', () => {
		expect(endpointBase('http://localhost:11434/')).toBe('http://localhost:11434/v1');
		expect(endpointBase(' http://localhost:1234/v1 ')).toBe('http://localhost:1234/v1');
	});

	it('streams a reply with usage and passes the conversation on', async () => {
		const engine = new EndpointEngine({ url: server.url });
		await engine.load('tiny-chat');
		const deltas: string[] = [];
		const result = await engine.generate(
			[
				{ role: 'system', content: 'You are Lena.' },
				{ role: 'user', content: 'Hallo!' }
			],
			{ onToken: (delta) => deltas.push(delta), maxTokens: 64, temperature: 0.2 }
		);
		expect(result.text).toBe(REPLY);
		expect(deltas.join('')).toBe(REPLY);
		expect(deltas.length).toBeGreaterThan(5);
		expect(result).toMatchObject({ finishReason: 'stop', usage: { promptTokens: 42 } });
		expect(server.requests.at(-1)?.body).toMatchObject({
			model: 'tiny-chat',
			stream: true,
			max_tokens: 64
		});
		expect(server.requests.at(-1)?.messages).toEqual([
			{ role: 'system', content: 'You are Lena.' },
			{ role: 'user', content: 'Hallo!' }
		]);
	});

	it('stops on abort and keeps the partial reply', async () => {
		const slow = await startOpenAiServer({ reply: () => REPLY, delayMs: 40 });
		try {
			const engine = new EndpointEngine({ url: slow.url });
			await engine.load('tiny-chat');
			const controller = new AbortController();
			const result = await engine.generate([{ role: 'user', content: 'Hi' }], {
				signal: controller.signal,
				onToken: () => controller.abort()
			});
			expect(result.finishReason).toBe('abort');
			expect(result.text.length).toBeGreaterThan(0);
			expect(REPLY.startsWith(result.text)).toBe(true);
			expect(result.text.length).toBeLessThan(REPLY.length);
		} finally {
			await slow.close();
		}
	});

	it('explains an unknown model, an unreachable server and HTTP errors', async () => {
		const engine = new EndpointEngine({ url: server.url });
		await expect(engine.load('llama-9000')).rejects.toMatchObject({
			code: 'model/not-found',
			message: expect.stringContaining('It offers: tiny-chat')
		});
		const offline = new EndpointEngine({ url: 'http://127.0.0.1:9' });
		const error = await offline.load('tiny-chat').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(AiError);
		expect(error).toMatchObject({
			code: 'endpoint/unreachable',
			recovery: ['retry', 'settings', 'other-engine']
		});
		const generateWithoutLoad = engine.generate([{ role: 'user', content: 'x' }]);
		await expect(generateWithoutLoad).rejects.toMatchObject({ code: 'model/not-loaded' });
	});

	it('parses server-sent events split across chunks', async () => {
		const encoder = new TextEncoder();
		const parts = ['data: {"a":', '1}\n\ndata: line1\ndata: line2\r\n\r\n', 'data: [DONE]\n\n'];
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				for (const part of parts) controller.enqueue(encoder.encode(part));
				controller.close();
			}
		});
		const events: string[] = [];
		for await (const data of readServerSentEvents(body)) events.push(data);
		expect(events).toEqual(['{"a":1}', 'line1\nline2', '[DONE]']);
	});
});
