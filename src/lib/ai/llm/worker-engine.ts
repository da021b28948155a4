import { isAbortError } from '$lib/errors';
import { reviveAiError, workerFailure } from '$lib/ai/errors';
import { RpcClient } from '$lib/workers/client';
import type { RpcMethod } from '$lib/workers/protocol';
import type {
	ChatTurn,
	EngineKind,
	GenerateOptions,
	GenerateResult,
	LlmEngine,
	LoadOptions,
	LoadProgress
} from './engine';
import { SerialQueue } from './serial';

/** The part of an LLM worker protocol the shared client relies on. */
export type LlmWorkerProtocol<LoadIn, GenerateIn> = {
	load: RpcMethod<LoadIn, unknown, LoadProgress>;
	generate: RpcMethod<GenerateIn, GenerateResult, { delta: string }>;
	unload: RpcMethod<void, void>;
};

export interface GenerateSettings {
	maxTokens: number;
	temperature: number;
	json: boolean;
}

/**
 * The page side of an LLM that runs in a worker: loading with progress and cancellation, one
 * generation at a time, a stop that keeps the partial reply, and crash detection (a dead worker
 * rejects every pending call with WorkerCrashedError and the next load starts a fresh one).
 */
export abstract class WorkerLlmEngine<LoadIn, GenerateIn> implements LlmEngine {
	abstract readonly kind: EngineKind;
	model: string | null = null;
	protected readonly rpc: RpcClient<LlmWorkerProtocol<LoadIn, GenerateIn>>;
	#queue = new SerialQueue();
	#running: AbortController | null = null;

	/**
	 * @param createWorker starts the worker
	 * @param offlineFiles runtime code to keep in the offline cache once a model loaded
	 */
	constructor(
		createWorker: () => Worker,
		readonly offlineFiles: readonly string[] = []
	) {
		this.rpc = new RpcClient(
			createWorker,
			(cause) => workerFailure('language model', cause),
			(error) => reviveAiError(error.name, error.message, error.code)
		);
		this.rpc.onCrash(() => (this.model = null));
	}

	protected abstract loadRequest(model: string): LoadIn;
	protected abstract generateRequest(messages: ChatTurn[], settings: GenerateSettings): GenerateIn;

	async load(model: string, { onProgress, signal }: LoadOptions = {}): Promise<void> {
		this.model = null;
		try {
			await this.rpc.call('load', this.loadRequest(model), { onProgress, signal });
		} catch (error) {
			// The worker is busy downloading and cannot be interrupted mid-fetch: end it. Files
			// already complete stay in the cache, so the next load resumes from there.
			if (isAbortError(error)) this.rpc.terminate();
			throw error;
		}
		this.model = model;
	}

	generate(messages: readonly ChatTurn[], options: GenerateOptions = {}): Promise<GenerateResult> {
		return this.#queue.run(() => this.#generate(messages, options));
	}

	async #generate(
		messages: readonly ChatTurn[],
		{ signal, onToken, maxTokens = 512, temperature = 0.7, json = false }: GenerateOptions
	): Promise<GenerateResult> {
		const controller = new AbortController();
		const stop = () => controller.abort();
		if (signal?.aborted) controller.abort();
		signal?.addEventListener('abort', stop, { once: true });
		this.#running = controller;
		const started = performance.now();
		let firstAt: number | undefined;
		let text = '';
		try {
			return await this.rpc.call(
				'generate',
				this.generateRequest([...messages], { maxTokens, temperature, json }),
				{
					signal: controller.signal,
					onProgress: ({ delta }) => {
						firstAt ??= performance.now();
						text += delta;
						onToken?.(delta);
					}
				}
			);
		} catch (error) {
			if (!isAbortError(error)) throw error;
			// Stopped: the call was rejected at once (barge-in must be fast); keep what was said.
			const timeToFirstTokenMs = firstAt ? firstAt - started : 0;
			return {
				text,
				finishReason: 'abort',
				usage: { promptTokens: 0, completionTokens: 0, timeToFirstTokenMs, tokensPerSecond: 0 }
			};
		} finally {
			signal?.removeEventListener('abort', stop);
			this.#running = null;
		}
	}

	interrupt(): void {
		this.#running?.abort();
	}

	async unload(): Promise<void> {
		if (this.rpc.running) await this.rpc.call('unload', undefined);
		this.rpc.terminate();
		this.model = null;
	}

	onFailure(listener: (error: Error) => void): () => void {
		return this.rpc.onCrash(listener);
	}
}
