import * as transformers from '@huggingface/transformers';
import type { AutomaticSpeechRecognitionPipeline } from '@huggingface/transformers';
import { classifyLoadError, notLoadedError } from '$lib/ai/load-errors';
import { configureTransformers, progressReporter } from '$lib/ai/transformers-env';
import type { Handlers } from '$lib/workers/server';
import type { SttProtocol, TranscribeRequest, Transcript } from './protocol';

/** Whisper reads at most 30 s at once; longer audio is transcribed in chunks. */
const WHISPER_WINDOW = 30 * 16_000;

/**
 * The speech-to-text worker's handlers: one Whisper pipeline, one transcription at a time (a
 * call's streaming pieces, its preemptive pass and its final pass may be asked for at once, and
 * one ONNX session must not run twice at the same time). Runs in Node (tests) and in a browser
 * worker.
 */
export function createSttHandlers(): Handlers<SttProtocol> {
	let asr: AutomaticSpeechRecognitionPipeline | null = null;
	/** The transcription before this one, finished or failed. */
	let previous: Promise<unknown> = Promise.resolve();

	return {
		async load({ model, device, dtype, source, wasmPaths }, { progress }) {
			configureTransformers(transformers.env, source, wasmPaths, device);
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

		transcribe(request) {
			const run = previous.then(() => transcribe(request));
			previous = run.catch(() => undefined);
			return run;
		}
	};

	async function transcribe({ audio, languages }: TranscribeRequest): Promise<Transcript> {
		if (!asr) throw notLoadedError('speech recognition model');
		const started = performance.now();
		const language =
			languages.length === 1 ? languages[0] : await detectLanguage(asr, audio, languages);
		const output = await asr(audio, {
			language,
			task: 'transcribe',
			...(audio.length > WHISPER_WINDOW ? { chunk_length_s: 30, stride_length_s: 5 } : {})
		});
		const text = (Array.isArray(output) ? output.map((o) => o.text).join(' ') : output.text).trim();
		return { text, language, ms: performance.now() - started };
	}
}

interface WhisperGenerationConfig {
	decoder_start_token_id: number;
	lang_to_id?: Record<string, number>;
}

/**
 * Whisper's language detection (as in OpenAI's `detect_language`): one decoder step after
 * `<|startoftranscript|>` on the first 30 s, and the likeliest language token among the
 * candidates. transformers.js does not detect languages itself (it defaults to English).
 * Costs one extra encoder pass, so it only runs when there is a choice.
 */
async function detectLanguage(
	asr: AutomaticSpeechRecognitionPipeline,
	audio: Float32Array,
	candidates: readonly string[]
): Promise<string> {
	const config = asr.model.generation_config as unknown as WhisperGenerationConfig;
	const tokens = Object.entries(config.lang_to_id ?? {})
		.map(([token, id]) => ({ code: token.slice(2, -2), id }))
		.filter(({ code }) => candidates.length === 0 || candidates.includes(code));
	if (tokens.length === 0) return candidates[0] ?? 'en';
	const { input_features } = await asr.processor(audio.subarray(0, WHISPER_WINDOW));
	const start = BigInt(config.decoder_start_token_id);
	const decoder_input_ids = new transformers.Tensor('int64', BigInt64Array.of(start), [1, 1]);
	const { logits } = (await asr.model({ input_features, decoder_input_ids })) as {
		logits: transformers.Tensor;
	};
	const scores = logits.data as Float32Array; // [1, 1, vocabulary]
	let best = tokens[0];
	for (const token of tokens) if (scores[token.id] > scores[best.id]) best = token;
	return best.code;
}
