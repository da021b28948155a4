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

/**
 * The ONNX LLM worker's handlers. One model at a time, one generation at a time. Runs unchanged
 * in Node (tests, onnxruntime-node) and in a browser worker (onnxruntime-web, WebGPU or WASM).
 */
export function createOnnxLlmHandlers(): Handlers<OnnxLlmProtocol> {
	let loaded: Loaded | null = null;
	let queue: Promise<unknown> = Promise.resolve();

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
						max_new_tokens: maxTokens,
						do_sample: temperature > 0,
						temperature: temperature > 0 ? temperature : undefined,
						// generate() calls only put() and end(); its typings ask for a whole TextStreamer.
						streamer: streamer as unknown as transformers.TextStreamer,
						stopping_criteria: stopping
					})) as Tensor;
					const generated = (output.tolist() as bigint[][])[0].slice(promptTokens);
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
			})
	};
}
