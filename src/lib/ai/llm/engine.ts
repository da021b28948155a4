import type { LoadProgress } from '../progress';
/**
 * The one interface the app codes against for text generation. Three engines implement it:
 * WebLLM on WebGPU (default), transformers.js/ONNX (fallback, WebGPU or WASM) and a local
 * OpenAI-compatible endpoint chosen in settings.
 */
export type EngineKind = 'webllm' | 'onnx' | 'endpoint';

export interface ChatTurn {
	role: 'system' | 'user' | 'assistant';
	content: string;
}

export interface LoadOptions {
	onProgress?: (progress: LoadProgress) => void;
	/** Aborting stops the download (files already complete stay cached for the next try). */
	signal?: AbortSignal;
}

export interface GenerateOptions {
	signal?: AbortSignal;
	/** Called with each new piece of text as it is generated. */
	onToken?: (delta: string) => void;
	maxTokens?: number;
	temperature?: number;
	/** Ask for a JSON object (engines that support it constrain decoding; others are instructed). */
	json?: boolean;
}

export interface Usage {
	promptTokens: number;
	completionTokens: number;
	/** From the request to the first token, as the engine saw it. */
	timeToFirstTokenMs: number;
	/** Decode speed: completion tokens after the first, per second. */
	tokensPerSecond: number;
}

export interface GenerateResult {
	text: string;
	/** `abort` when stopped by the signal: `text` holds what was generated until then. */
	finishReason: 'stop' | 'length' | 'abort';
	usage: Usage;
}

export interface LlmEngine {
	readonly kind: EngineKind;
	/** The loaded model's id, or null. */
	readonly model: string | null;
	/** Downloads (or reads from cache) and initialises a model; resolves when it can generate. */
	load(model: string, options?: LoadOptions): Promise<void>;
	/** Streams a chat completion. One generation at a time per engine: later calls wait. */
	generate(messages: readonly ChatTurn[], options?: GenerateOptions): Promise<GenerateResult>;
	/** Stops the running generation, if any (the signal does the same for one call). */
	interrupt(): void;
	/** Frees the model and its memory. */
	unload(): Promise<void>;
	/** Runtime code (worker, onnxruntime) to keep for offline use once a model loaded. */
	readonly offlineFiles: readonly string[];
	/** Called when the engine dies under the app (worker crash, GPU device lost). */
	onFailure(listener: (error: Error) => void): () => void;
}

/** Measures time to first token and decode speed around a token stream. */
export class UsageMeter {
	#start = performance.now();
	#first: number | undefined;
	#last: number | undefined;
	tokens = 0;

	token(): void {
		const now = performance.now();
		this.#first ??= now;
		this.#last = now;
		this.tokens++;
	}

	usage(promptTokens: number, completionTokens = this.tokens): Usage {
		const first = this.#first ?? performance.now();
		const decodeMs = (this.#last ?? first) - first;
		return {
			promptTokens,
			completionTokens,
			timeToFirstTokenMs: first - this.#start,
			tokensPerSecond:
				completionTokens > 1 && decodeMs > 0 ? ((completionTokens - 1) * 1000) / decodeMs : 0
		};
	}
}

export type { LoadProgress };
