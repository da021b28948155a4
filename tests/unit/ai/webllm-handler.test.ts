import { describe, expect, it } from 'vitest';
import type { AppConfig, InitProgressCallback } from '@mlc-ai/web-llm';
import { createWebLlmHandlers, type EngineLike } from '$lib/ai/llm/webllm/handler';
import { driveHandlers } from '../../helpers/rpc';

/**
 * A FAKE of WebLLM's MLCEngine: real WebLLM needs a GPU and a compiled model library, neither of
 * which exists on the test machines. It follows WebLLM 0.2.x's documented contract: progress
 * reports `{ progress, timeElapsed, text }`; streaming chunks carry `choices[0].delta.content`
 * and a last chunk with `usage.extra` (time_to_first_token_s, decode_tokens_per_s);
 * interruptGenerate() ends the stream with finish_reason "abort"; failures are thrown as errors
 * named like WebLLM's (DeviceLostError, …). The real engine runs in tests/e2e/webllm.e2e.ts.
 */
class FakeMlcEngine {
	appConfig?: AppConfig;
	progress?: InitProgressCallback;
	interrupted = false;
	loaded: string | null = null;
	constructor(readonly options: { failLoad?: Error; words?: string[] } = {}) {}

	setAppConfig(config: AppConfig) {
		this.appConfig = config;
	}
	setInitProgressCallback(callback: InitProgressCallback) {
		this.progress = callback;
	}
	async reload(modelId: string) {
		for (const [i, text] of [
			'Fetching param cache[1/3]',
			'Fetching param cache[3/3]',
			'Finish loading'
		].entries()) {
			this.progress?.({ progress: (i + 1) / 3, timeElapsed: i, text });
		}
		if (this.options.failLoad) throw this.options.failLoad;
		this.loaded = modelId;
	}
	async unload() {
		this.loaded = null;
	}
	async interruptGenerate() {
		this.interrupted = true;
	}
	chat = {
		completions: {
			create: async () => {
				this.interrupted = false;
				const words = this.options.words ?? ['Hallo', ' Anna', '!'];
				const interrupted = () => this.interrupted;
				return (async function* () {
					for (const word of words) {
						if (interrupted()) {
							yield { choices: [{ index: 0, delta: {}, finish_reason: 'abort' }] };
							return;
						}
						yield { choices: [{ index: 0, delta: { content: word }, finish_reason: null }] };
						await new Promise((done) => setTimeout(done, 5));
					}
					yield { choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] };
					yield {
						choices: [],
						usage: {
							prompt_tokens: 17,
							completion_tokens: words.length,
							extra: {
								time_to_first_token_s: 0.25,
								decode_tokens_per_s: 41.1,
								prefill_tokens_per_s: 300
							}
						}
					};
				})();
			}
		}
	};
}

const asEngine = (fake: FakeMlcEngine) => fake as unknown as EngineLike;
const messages = [{ role: 'user' as const, content: 'Hallo!' }];

describe('WebLLM worker handlers (against a fake of WebLLM’s documented engine contract)', () => {
	it('resolves prebuilt models, forwards progress and streams with WebLLM’s own usage figures', async () => {
		const fake = new FakeMlcEngine();
		const rpc = driveHandlers(createWebLlmHandlers(() => asEngine(fake)));
		const load = await rpc.call('load', {
			record: { prebuilt: 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC' }
		});
		expect(await load.done).toMatchObject({ kind: 'result' });
		expect(load.progress().map((p) => p.text)).toEqual([
			'Fetching param cache[1/3]',
			'Fetching param cache[3/3]',
			'Finish loading'
		]);
		expect(fake.appConfig?.model_list[0]).toMatchObject({
			model_id: 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC',
			model: expect.stringContaining('huggingface.co/mlc-ai/Qwen2.5-1.5B-Instruct-q4f16_1-MLC'),
			model_lib: expect.stringMatching(/\.wasm$/)
		});
		expect(fake.appConfig?.cacheBackend).toBe('cache');

		const call = await rpc.call('generate', {
			messages,
			maxTokens: 32,
			temperature: 0.7,
			json: false
		});
		expect(await call.done).toMatchObject({
			kind: 'result',
			data: {
				text: 'Hallo Anna!',
				finishReason: 'stop',
				usage: {
					promptTokens: 17,
					completionTokens: 3,
					timeToFirstTokenMs: 250,
					tokensPerSecond: 41.1
				}
			}
		});
		expect(call.progress().map((p) => p.delta)).toEqual(['Hallo', ' Anna', '!']);
	});

	it('stops a generation through interruptGenerate and keeps the partial reply', async () => {
		const fake = new FakeMlcEngine({ words: Array.from({ length: 50 }, (_, i) => ` ${i}`) });
		const rpc = driveHandlers(createWebLlmHandlers(() => asEngine(fake)));
		await (
			await rpc.call('load', { record: { prebuilt: 'Llama-3.2-1B-Instruct-q4f16_1-MLC' } })
		).done;
		const call = await rpc.call('generate', {
			messages,
			maxTokens: 64,
			temperature: 0,
			json: false
		});
		await new Promise((done) => setTimeout(done, 20));
		await rpc.abort(call.id);
		const result = (await call.done) as { data: { finishReason: string; text: string } };
		expect(result.data.finishReason).toBe('abort');
		expect(result.data.text.length).toBeGreaterThan(0);
		expect(result.data.text.split(' ').length).toBeLessThan(50);
	});

	it.each([
		[
			Object.assign(new Error('Device was lost during reload. Please try a smaller model.'), {
				name: 'DeviceLostError'
			}),
			'gpu/device-lost'
		],
		[new TypeError('Failed to fetch'), 'model/download-failed'],
		[new Error('WebGPU is not supported in your current environment'), 'gpu/unavailable'],
		[new Error('Cannot find model record in appConfig for my-model'), 'model/not-found'],
		[
			new WebAssembly.CompileError('WebAssembly.instantiate(): expected magic word 00 61 73 6d'),
			'model/corrupt'
		]
	])('turns %s into %s', async (failure, code) => {
		const rpc = driveHandlers(
			createWebLlmHandlers(() => asEngine(new FakeMlcEngine({ failLoad: failure })))
		);
		const load = await rpc.call('load', {
			record: {
				model: 'http://127.0.0.1/m/',
				model_id: 'my-model',
				model_lib: 'http://127.0.0.1/m.wasm'
			}
		});
		expect(await load.done).toMatchObject({ kind: 'error', error: { code } });
	});

	it('refuses an unknown prebuilt model clearly', async () => {
		const rpc = driveHandlers(createWebLlmHandlers(() => asEngine(new FakeMlcEngine())));
		const load = await rpc.call('load', { record: { prebuilt: 'No-Such-Model-MLC' } });
		expect(await load.done).toMatchObject({ kind: 'error', error: { code: 'model/not-found' } });
	});
});
