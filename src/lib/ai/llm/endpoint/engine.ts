import * as v from 'valibot';
import { isAbortError } from '$lib/errors';
import { AiError } from '$lib/ai/errors';
import {
	UsageMeter,
	type ChatTurn,
	type GenerateOptions,
	type GenerateResult,
	type LlmEngine,
	type LoadOptions
} from '../engine';
import { SerialQueue } from '../serial';
import { readServerSentEvents } from './sse';

export interface EndpointOptions {
	/** e.g. `http://localhost:11434` (Ollama) or `http://localhost:1234/v1` (LM Studio). */
	url: string;
	apiKey?: string;
	fetch?: typeof fetch;
}

const ModelListSchema = v.object({ data: v.array(v.object({ id: v.string() })) });

const ChunkSchema = v.object({
	choices: v.optional(
		v.array(
			v.object({
				delta: v.optional(v.object({ content: v.optional(v.nullable(v.string())) })),
				finish_reason: v.optional(v.nullable(v.string()))
			})
		)
	),
	usage: v.optional(
		v.nullable(
			v.object({ prompt_tokens: v.optional(v.number()), completion_tokens: v.optional(v.number()) })
		)
	)
});

/** The API root, with `/v1` added when the person gave only the server address. */
export function endpointBase(url: string): string {
	const trimmed = url.trim().replace(/\/+$/, '');
	return /\/v\d+$/.test(trimmed) ? trimmed : `${trimmed}/v1`;
}

/**
 * A local OpenAI-compatible server (Ollama, LM Studio, llama.cpp's server) chosen in settings.
 * Off by default: text goes to that server, which the person runs themselves.
 */
export class EndpointEngine implements LlmEngine {
	readonly kind = 'endpoint';
	readonly offlineFiles: readonly string[] = [];
	model: string | null = null;
	#queue = new SerialQueue();
	#running: AbortController | null = null;
	readonly #base: string;
	readonly #fetch: typeof fetch;

	constructor(private readonly options: EndpointOptions) {
		this.#base = endpointBase(options.url);
		this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
	}

	async load(model: string, { onProgress, signal }: LoadOptions = {}): Promise<void> {
		onProgress?.({ progress: 0, text: `Connecting to ${this.#base}` });
		const response = await this.#request('/models', { signal });
		const parsed = v.safeParse(ModelListSchema, await response.json().catch(() => null));
		if (!parsed.success) {
			throw new AiError(
				`${this.#base} answered, but not like an OpenAI-compatible server (GET /models). Check the address in Settings → AI.`,
				'endpoint/bad-response'
			);
		}
		const ids = parsed.output.data.map((entry) => entry.id);
		if (ids.length > 0 && !ids.includes(model)) {
			throw new AiError(
				`The server has no model called “${model}”. It offers: ${ids.slice(0, 8).join(', ')}.`,
				'model/not-found'
			);
		}
		this.model = model;
		onProgress?.({ progress: 1, text: 'Connected' });
	}

	generate(messages: readonly ChatTurn[], options: GenerateOptions = {}): Promise<GenerateResult> {
		return this.#queue.run(() => this.#generate(messages, options));
	}

	async #generate(
		messages: readonly ChatTurn[],
		{ signal, onToken, maxTokens = 512, temperature = 0.7, json = false }: GenerateOptions
	): Promise<GenerateResult> {
		if (!this.model)
			throw new AiError('No model is selected for the local server.', 'model/not-loaded');
		const controller = new AbortController();
		const stop = () => controller.abort();
		if (signal?.aborted) controller.abort();
		signal?.addEventListener('abort', stop, { once: true });
		this.#running = controller;
		const meter = new UsageMeter();
		let text = '';
		let finish: string | null | undefined;
		let usage: { prompt_tokens?: number; completion_tokens?: number } | null | undefined;
		try {
			const response = await this.#request('/chat/completions', {
				method: 'POST',
				signal: controller.signal,
				body: JSON.stringify({
					model: this.model,
					messages,
					stream: true,
					stream_options: { include_usage: true },
					max_tokens: maxTokens,
					temperature,
					...(json ? { response_format: { type: 'json_object' } } : {})
				})
			});
			if (!response.body)
				throw new AiError('The local server sent an empty reply.', 'endpoint/bad-response');
			for await (const data of readServerSentEvents(response.body)) {
				if (data.trim() === '[DONE]') break;
				const chunk = v.safeParse(ChunkSchema, safeJson(data));
				if (!chunk.success) {
					throw new AiError(
						'The local server sent a reply this app cannot read.',
						'endpoint/bad-response'
					);
				}
				const choice = chunk.output.choices?.[0];
				const delta = choice?.delta?.content ?? '';
				if (delta) {
					meter.token();
					text += delta;
					onToken?.(delta);
				}
				finish = choice?.finish_reason ?? finish;
				usage = chunk.output.usage ?? usage;
			}
		} catch (error) {
			if (!isAbortError(error)) throw error;
			finish = 'abort';
		} finally {
			signal?.removeEventListener('abort', stop);
			this.#running = null;
		}
		return {
			text,
			finishReason: finish === 'abort' ? 'abort' : finish === 'length' ? 'length' : 'stop',
			usage: meter.usage(usage?.prompt_tokens ?? 0, usage?.completion_tokens ?? meter.tokens)
		};
	}

	async #request(path: string, init: RequestInit): Promise<Response> {
		const headers: Record<string, string> = { 'Content-Type': 'application/json' };
		if (this.options.apiKey) headers.Authorization = `Bearer ${this.options.apiKey}`;
		let response: Response;
		try {
			response = await this.#fetch(`${this.#base}${path}`, { ...init, headers });
		} catch (error) {
			if (isAbortError(error)) throw error;
			throw new AiError(
				`Cannot reach the local AI server at ${this.#base}. Is it running, and does it allow requests from this page (CORS)?`,
				'endpoint/unreachable',
				error
			);
		}
		if (!response.ok) {
			const detail = (await response.text().catch(() => '')).slice(0, 200);
			throw new AiError(
				`The local AI server answered ${response.status}${detail ? `: ${detail}` : ''}. Check the address and model in Settings → AI.`,
				'endpoint/http'
			);
		}
		return response;
	}

	interrupt(): void {
		this.#running?.abort();
	}

	async unload(): Promise<void> {
		this.interrupt();
		this.model = null;
	}

	onFailure(): () => void {
		// Requests fail one by one; there is no process that can die under the app.
		return () => undefined;
	}
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}
