import {
	MLCEngine,
	prebuiltAppConfig,
	type AppConfig,
	type ChatCompletionChunk
} from '@mlc-ai/web-llm';
import type { Handlers } from '$lib/workers/server';
import { UsageMeter, type GenerateResult } from '../engine';
import { classifyLoadError } from '../load-errors';
import { SerialQueue } from '../serial';
import type { WebLlmModelRecord, WebLlmModelRef, WebLlmProtocol } from './protocol';

/** Resolves a prebuilt model id against the list that matches this WebLLM version. */
export function resolveRecord(ref: WebLlmModelRef): WebLlmModelRecord {
	if (!('prebuilt' in ref)) return ref;
	const record = prebuiltAppConfig.model_list.find((entry) => entry.model_id === ref.prebuilt);
	if (!record) throw new Error(`Cannot find model record for ${ref.prebuilt} in WebLLM's list.`);
	return record as WebLlmModelRecord;
}

const appConfig = (ref: WebLlmModelRef): AppConfig => ({
	model_list: [resolveRecord(ref)],
	// Cache Storage is WebLLM's best-tested backend; it keeps each finished shard, so an interrupted
	// download resumes where it stopped.
	cacheBackend: 'cache'
});

/**
 * The WebLLM worker's handlers: WebLLM's MLCEngine used directly inside our worker, so its ~2 MB
 * of code never loads in the page, and its errors cross as real errors (its own worker protocol
 * sends them as strings, and leaves calls hanging when the worker dies).
 */
export function createWebLlmHandlers(): Handlers<WebLlmProtocol> {
	let engine: MLCEngine | null = null;
	let loadedId: string | null = null;
	const queue = new SerialQueue();

	return {
		load: ({ record, contextWindow }, { progress, signal }) =>
			queue.run(async () => {
				engine ??= new MLCEngine();
				const resolved = resolveRecord(record);
				engine.setAppConfig(appConfig(record));
				engine.setInitProgressCallback((report) =>
					progress({ progress: report.progress, text: report.text })
				);
				const abort = () => void engine?.unload();
				signal.addEventListener('abort', abort, { once: true });
				try {
					await engine.reload(
						resolved.model_id,
						contextWindow ? { context_window_size: contextWindow } : undefined
					);
					loadedId = resolved.model_id;
				} catch (error) {
					loadedId = null;
					signal.throwIfAborted();
					throw classifyLoadError(error, resolved.model_id);
				} finally {
					signal.removeEventListener('abort', abort);
				}
			}),

		generate: ({ messages, maxTokens, temperature, json }, { progress, signal }) =>
			queue.run(async (): Promise<GenerateResult> => {
				if (!engine || !loadedId)
					throw classifyLoadError(new Error('No model is loaded.'), 'model');
				const current = engine;
				const stop = () => void current.interruptGenerate();
				signal.addEventListener('abort', stop, { once: true });
				const meter = new UsageMeter();
				let text = '';
				let finish: string | null = null;
				let usage: ChatCompletionChunk['usage'] | undefined;
				try {
					const stream = await current.chat.completions.create({
						messages,
						stream: true,
						stream_options: { include_usage: true },
						max_tokens: maxTokens,
						temperature,
						response_format: json ? { type: 'json_object' } : undefined,
						extra_body: { enable_thinking: false }
					});
					for await (const chunk of stream) {
						const choice = chunk.choices[0];
						const delta = choice?.delta?.content ?? '';
						if (delta) {
							meter.token();
							text += delta;
							progress({ delta });
						}
						finish = choice?.finish_reason ?? finish;
						usage = chunk.usage ?? usage;
					}
				} catch (error) {
					throw classifyLoadError(error, loadedId);
				} finally {
					signal.removeEventListener('abort', stop);
				}
				const measured = meter.usage(
					usage?.prompt_tokens ?? 0,
					usage?.completion_tokens ?? meter.tokens
				);
				const extra = usage?.extra;
				return {
					text,
					finishReason:
						signal.aborted || finish === 'abort'
							? 'abort'
							: finish === 'length'
								? 'length'
								: 'stop',
					usage: {
						...measured,
						timeToFirstTokenMs: extra?.time_to_first_token_s
							? extra.time_to_first_token_s * 1000
							: measured.timeToFirstTokenMs,
						tokensPerSecond: extra?.decode_tokens_per_s ?? measured.tokensPerSecond
					}
				};
			}),

		unload: () =>
			queue.run(async () => {
				await engine?.unload();
				loadedId = null;
			})
	};
}
