import {
	MLCEngine,
	prebuiltAppConfig,
	type AppConfig,
	type ChatCompletionChunk
} from '@mlc-ai/web-llm';
import type { Handlers } from '$lib/workers/server';
import { UsageMeter, type GenerateResult } from '../engine';
import { classifyLoadError, notLoadedError } from '../../load-errors';
import { SerialQueue } from '../serial';
import type { WebLlmModelRecord, WebLlmModelRef, WebLlmProtocol } from './protocol';

/** Resolves a prebuilt model id against the list that matches this WebLLM version. */
export function resolveRecord(ref: WebLlmModelRef): WebLlmModelRecord {
	if (!('prebuilt' in ref)) return ref;
	const record = prebuiltAppConfig.model_list.find((entry) => entry.model_id === ref.prebuilt);
	if (!record) throw new Error(`Cannot find model record for ${ref.prebuilt} in WebLLM's list.`);
	return record as WebLlmModelRecord;
}

/** WebLLM's own rule for where a model's files are: `<model>/resolve/main/` unless given. */
function filesBase(modelUrl: string): string {
	const withSlash = modelUrl.endsWith('/') ? modelUrl : `${modelUrl}/`;
	return /.+\/resolve\/.+\//.test(withSlash) ? withSlash : `${withSlash}resolve/main/`;
}

/**
 * WebLLM stores downloads with `Cache.add`, which reports any failed download, a 404 as well as a
 * dropped connection, as "Request failed". Asking the server again tells which it was.
 */
async function diagnoseDownloadFailure(
	error: unknown,
	record: WebLlmModelRecord
): Promise<unknown> {
	if (!/Request failed/i.test(String((error as Error)?.message ?? error))) return error;
	for (const url of [`${filesBase(record.model)}mlc-chat-config.json`, record.model_lib]) {
		try {
			const response = await fetch(url, { method: 'HEAD', cache: 'no-store' });
			if (response.status === 404) return new Error(`404 Not Found: ${url}`, { cause: error });
			if (!response.ok)
				return new Error(`Server answered ${response.status} for ${url}`, { cause: error });
		} catch (probe) {
			return new Error(`Failed to fetch ${url}`, { cause: probe });
		}
	}
	return error;
}

const appConfig = (ref: WebLlmModelRef): AppConfig => ({
	model_list: [resolveRecord(ref)],
	// Cache Storage is WebLLM's best-tested backend; it keeps each finished shard, so an interrupted
	// download resumes where it stopped.
	cacheBackend: 'cache'
});

/** The part of WebLLM's MLCEngine the worker uses (tests pass a fake that follows its contract). */
export type EngineLike = Pick<
	MLCEngine,
	'setAppConfig' | 'setInitProgressCallback' | 'reload' | 'unload' | 'interruptGenerate'
> & { chat: Pick<MLCEngine['chat'], 'completions'> };

/**
 * The WebLLM worker's handlers: WebLLM's MLCEngine used directly inside our worker, so its ~2 MB
 * of code never loads in the page, and its errors cross as real errors (its own worker protocol
 * sends them as strings, and leaves calls hanging when the worker dies).
 */
export function createWebLlmHandlers(
	createEngine: () => EngineLike = () => new MLCEngine()
): Handlers<WebLlmProtocol> {
	let engine: EngineLike | null = null;
	let loadedId: string | null = null;
	const queue = new SerialQueue();

	return {
		load: ({ record, contextWindow }, { progress, signal }) =>
			queue.run(async () => {
				engine ??= createEngine();
				const id = 'prebuilt' in record ? record.prebuilt : record.model_id;
				let resolved: WebLlmModelRecord;
				try {
					resolved = resolveRecord(record);
				} catch (error) {
					throw classifyLoadError(error, id);
				}
				engine.setAppConfig(appConfig(resolved));
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
					throw classifyLoadError(
						await diagnoseDownloadFailure(error, resolved),
						resolved.model_id
					);
				} finally {
					signal.removeEventListener('abort', abort);
				}
			}),

		generate: ({ messages, maxTokens, temperature, json }, { progress, signal }) =>
			queue.run(async (): Promise<GenerateResult> => {
				if (!engine || !loadedId) throw notLoadedError('language model');
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
