import * as transformers from '@huggingface/transformers';
import type { AutomaticSpeechRecognitionPipeline } from '@huggingface/transformers';
import { classifyLoadError, notLoadedError } from '$lib/ai/llm/load-errors';
import { configureTransformers, progressReporter } from '$lib/ai/transformers-env';
import type { Handlers } from '$lib/workers/server';
import type { SttProtocol } from './protocol';

/** Whisper reads at most 30 s at once; longer audio is transcribed in chunks. */
const WHISPER_WINDOW = 30 * 16_000;

/**
 * The speech-to-text worker's handlers: one Whisper pipeline, one transcription at a time (the
 * pipeline itself serialises). Runs in Node (tests) and in a browser worker.
 */
export function createSttHandlers(): Handlers<SttProtocol> {
	let asr: AutomaticSpeechRecognitionPipeline | null = null;

	return {
		async load({ model, device, dtype, source, wasmPaths }, { progress }) {
			configureTransformers(transformers.env, source, wasmPaths);
			await asr?.dispose();
			asr = null;
			try {
				await transformers.AutoConfig.from_pretrained(model, {
					progress_callback: progressReporter(progress)
				});
				asr = (await transformers.pipeline('automatic-speech-recognition', model, {
					device,
					dtype: dtype as transformers.DataType | Record<string, transformers.DataType> | undefined,
					progress_callback: progressReporter(progress)
				})) as AutomaticSpeechRecognitionPipeline;
			} catch (error) {
				throw classifyLoadError(error, model);
			}
			// Warm up: the first run compiles kernels; do it before the person speaks.
			await asr(new Float32Array(16_000), { language: 'en', task: 'transcribe' });
			return { device };
		},

		async transcribe({ audio, language }) {
			if (!asr) throw notLoadedError('speech recognition model');
			const started = performance.now();
			const output = await asr(audio, {
				language,
				task: 'transcribe',
				...(audio.length > WHISPER_WINDOW ? { chunk_length_s: 30, stride_length_s: 5 } : {})
			});
			const text = (
				Array.isArray(output) ? output.map((o) => o.text).join(' ') : output.text
			).trim();
			return { text, ms: performance.now() - started };
		}
	};
}
