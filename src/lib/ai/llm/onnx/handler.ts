import * as transformers from '@huggingface/transformers';
import type { PreTrainedModel, PreTrainedTokenizer, Tensor } from '@huggingface/transformers';
import { configureTransformers, progressReporter } from '$lib/ai/transformers-env';
import type { Handlers } from '$lib/workers/server';
import { nextMacrotask } from '$lib/workers/yield';
import { UsageMeter } from '../engine';
import { classifyLoadError, notLoadedError } from '../../load-errors';
import type { OnnxDevice, OnnxLlmProtocol } from './protocol';
import { TokenStreamer } from './token-streamer';

interface Loaded {
	model: PreTrainedModel;
	tokenizer: PreTrainedTokenizer;
	device: OnnxDevice;
}

type KvCache = InstanceType<typeof transformers.DynamicCache>;

/** The KV cache the last generation left, and the tokens it holds (a prefix of its sequence). */
interface Kept {
	ids: bigint[];
	cache: KvCache;
}

/** Below this many shared tokens a fresh prefill is as quick as cropping the cache. */
export const MIN_REUSED_TOKENS = 16;

/** How many leading tokens two sequences share. */
export function sharedPrefix(a: readonly bigint[], b: readonly bigint[]): number {
	const n = Math.min(a.length, b.length);
	let i = 0;
	while (i < n && a[i] === b[i]) i++;
	return i;
}

/**
 * The kept cache cut to its first `length` positions (tensors `[batch, heads, sequence, dim]`),
 * or null where it cannot be cut here (tensors on the GPU).
 */
function cropped(cache: KvCache, length: number): KvCache | null {
	const entries: Record<string, Tensor> = {};
	for (const [name, tensor] of Object.entries(cache) as [string, Tensor][]) {
		if (!(tensor instanceof transformers.Tensor)) continue;
		if (tensor.location !== 'cpu' || tensor.dims.length !== 4) return null;
		entries[name] = tensor.slice(null, null, [0, length], null);
	}
	return new transformers.DynamicCache(entries);
}

/**
 * The ONNX LLM worker's handlers. One model at a time, one generation at a time. Runs unchanged
 * in Node (tests, onnxruntime-node) and in a browser worker (onnxruntime-web, WebGPU or WASM).
 */
export function createOnnxLlmHandlers(
	/** Tests and the benchmark: how many prompt tokens the last reply took from the cache. */
	stats: { reusedTokens: number } = { reusedTokens: 0 }
): Handlers<OnnxLlmProtocol> {
	let loaded: Loaded | null = null;
	let queue: Promise<unknown> = Promise.resolve();
	/**
	 * Prompt prefix reuse: consecutive replies share the prompt's stable prefix (persona, rules,
	 * memories that did not change) and most of the history, so the next prefill starts where the
	 * two prompts part instead of at the first token.
	 */
	let kept: Kept | null = null;
	const forget = () => {
		void kept?.cache.dispose();
		kept = null;
	};

	const serial = <T>(task: () => Promise<T>): Promise<T> => {
		const next = queue.then(task, task);
		queue = next.catch(() => undefined);
		return next;
	};

	return {
		load: ({ model, device, dtype, source, wasmPaths }, { progress, signal }) =>
			serial(async () => {
				await loaded?.model.dispose();
				loaded = null;
				forget();
				configureTransformers(transformers.env, source, wasmPaths, device);
				const options = {
					device,
					dtype: dtype as transformers.DataType | undefined,
					progress_callback: progressReporter(progress)
				};
				try {
					// config.json first: a wrong id or source then fails with a clear "not found".
					await transformers.AutoConfig.from_pretrained(model, options);
					const tokenizer = await transformers.AutoTokenizer.from_pretrained(model, options);
					signal.throwIfAborted();
					const instance = await transformers.AutoModelForCausalLM.from_pretrained(model, options);
					// One macrotask per decoding step, so a stop (or a barge-in) is read at the next token.
					const forward = instance.forward.bind(instance);
					instance.forward = async (inputs: Record<string, unknown>) => {
						await nextMacrotask();
						return forward(inputs);
					};
					loaded = { model: instance, tokenizer, device };
				} catch (error) {
					signal.throwIfAborted();
					throw classifyLoadError(error, model);
				}
				// Warm up: the first run compiles kernels; do it now rather than in the first reply.
				progress({ progress: 1, text: 'Warming up' });
				const warm = loaded.tokenizer('Hi');
				await loaded.model.generate({ ...warm, max_new_tokens: 1 });
				return { device };
			}),

		generate: ({ messages, maxTokens, temperature }, { progress, signal }) =>
			serial(async () => {
				if (!loaded) throw notLoadedError('language model');
				// The model's own time starts here: chat template and tokenising are part of its work.
				const meter = new UsageMeter();
				const { model, tokenizer } = loaded;
				const inputs = tokenizer.apply_chat_template(messages, {
					add_generation_prompt: true,
					return_dict: true
				}) as { input_ids: Tensor; attention_mask: Tensor };
				const promptTokens = inputs.input_ids.dims.at(-1) ?? 0;
				const ids = (inputs.input_ids.tolist() as bigint[][])[0];
				// At least the last prompt token is computed anew: its logits give the first token.
				const reused = kept ? Math.min(sharedPrefix(kept.ids, ids), promptTokens - 1) : 0;
				const past = kept && reused >= MIN_REUSED_TOKENS ? cropped(kept.cache, reused) : null;
				forget();
				const stopping = new transformers.InterruptableStoppingCriteria();
				const stop = () => stopping.interrupt();
				signal.addEventListener('abort', stop, { once: true });
				const streamer = new TokenStreamer(
					tokenizer,
					(delta) => progress({ delta }),
					() => meter.token()
				);
				try {
					const output = (await model.generate({
						...inputs,
						...(past ? { past_key_values: past } : {}),
						return_dict_in_generate: true,
						max_new_tokens: maxTokens,
						do_sample: temperature > 0,
						temperature: temperature > 0 ? temperature : undefined,
						// generate() calls only put() and end(); its typings ask for a whole TextStreamer.
						streamer: streamer as unknown as transformers.TextStreamer,
						stopping_criteria: stopping
					})) as unknown as { sequences: Tensor; past_key_values: KvCache };
					const sequence = (output.sequences.tolist() as bigint[][])[0];
					// The cache holds every token but the last generated one.
					const cache = output.past_key_values;
					kept = { ids: sequence.slice(0, cache.get_seq_length()), cache };
					stats.reusedTokens = past ? reused : 0;
					const generated = sequence.slice(promptTokens);
					const text = tokenizer.decode(generated, { skip_special_tokens: true });
					const finishReason = signal.aborted
						? 'abort'
						: meter.tokens >= maxTokens
							? 'length'
							: 'stop';
					return { text, finishReason, usage: meter.usage(promptTokens) } as const;
				} finally {
					signal.removeEventListener('abort', stop);
				}
			}),

		unload: () =>
			serial(async () => {
				await loaded?.model.dispose();
				loaded = null;
				forget();
			})
	};
}
