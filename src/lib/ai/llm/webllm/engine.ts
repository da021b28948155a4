import type { ChatTurn } from '../engine';
import webLlmWorkerUrl from './webllm.worker.ts?worker&url';
import { WorkerLlmEngine, type GenerateSettings } from '../worker-engine';
import type { WebLlmGenerateRequest, WebLlmModelRef } from './protocol';

export interface WebLlmEngineOptions {
	/** Resolves a model id to the record WebLLM needs (catalogue or custom model). */
	record: (model: string) => WebLlmModelRef;
	contextWindow?: number;
	createWorker?: () => Worker;
}

const createWebLlmWorker = () => new Worker(webLlmWorkerUrl, { type: 'module', name: 'webllm' });

/** WebLLM (MLC) on WebGPU in a worker: the default engine wherever WebGPU is usable. */
export class WebLlmEngine extends WorkerLlmEngine<
	{ record: WebLlmModelRef; contextWindow?: number },
	WebLlmGenerateRequest
> {
	readonly kind = 'webllm';

	constructor(private readonly options: WebLlmEngineOptions) {
		super(options.createWorker ?? createWebLlmWorker, [
			new URL(webLlmWorkerUrl, document.baseURI).href
		]);
	}

	protected loadRequest(model: string) {
		return { record: this.options.record(model), contextWindow: this.options.contextWindow };
	}

	protected generateRequest(
		messages: ChatTurn[],
		settings: GenerateSettings
	): WebLlmGenerateRequest {
		return { messages, ...settings };
	}
}
