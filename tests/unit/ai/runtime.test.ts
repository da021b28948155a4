import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceCapabilities } from '$lib/ai/capabilities';
import { LlmRuntime } from '$lib/ai/llm/runtime.svelte';
import { isAbortError } from '$lib/errors/normalize';
import { startOpenAiServer } from '../../helpers/openai-server.mjs';

const REPLY = 'Eins zwei drei vier fünf sechs sieben acht neun zehn.';
let server: Awaited<ReturnType<typeof startOpenAiServer>>;
beforeAll(async () => (server = await startOpenAiServer({ reply: () => REPLY, delayMs: 20 })));
afterAll(() => server.close());

const noGpu: DeviceCapabilities = {
	webgpu: {
		available: false,
		fallback: false,
		shaderF16: false,
		maxBufferSize: 0,
		maxStorageBufferBindingSize: 0,
		description: ''
	},
	memoryGB: 8,
	cores: 2,
	storageFreeBytes: 1e9
};

function runtime() {
	return new LlmRuntime({
		settings: async () => ({
			engine: 'endpoint',
			model: '',
			customModels: [],
			source: '',
			endpoint: { url: server.url, model: 'tiny-chat' }
		}),
		apiKey: async () => '',
		capabilities: async () => noGpu,
		appBase: () => 'http://localhost/'
	});
}

const hello = [{ role: 'user' as const, content: 'Hallo' }];

describe('LlmRuntime priorities (a real streaming server on loopback)', () => {
	it('background work never loads the model', async () => {
		const llm = runtime();
		const error = await llm.generate(hello, { background: true }).catch((e: unknown) => e);
		expect(isAbortError(error)).toBe(true);
		expect(llm.status).toBe('idle');
	});

	it('a reply the person waits for stops background work, which can run again later', async () => {
		const llm = runtime();
		await llm.ensureReady();
		let backgroundTokens = 0;
		const background = llm
			.generate(hello, { background: true, onToken: () => backgroundTokens++ })
			.catch((e: unknown) => e);
		await expect.poll(() => backgroundTokens).toBeGreaterThan(0);

		const reply = await llm.generate(hello);
		expect(reply).toMatchObject({ text: REPLY, finishReason: 'stop' });
		const stopped = await background;
		expect(isAbortError(stopped)).toBe(true);
		expect(backgroundTokens).toBeLessThan(REPLY.split(' ').length);

		// While a reply runs, background work is refused at once rather than queued behind it.
		const replying = llm.generate(hello);
		const refused = await llm.generate(hello, { background: true }).catch((e: unknown) => e);
		expect(isAbortError(refused)).toBe(true);
		await replying;
		expect((await llm.generate(hello, { background: true })).text).toBe(REPLY);
	});
});
