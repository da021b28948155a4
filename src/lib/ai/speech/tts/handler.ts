import * as transformers from '@huggingface/transformers';
import type { TextToAudioPipeline } from '@huggingface/transformers';
import { classifyLoadError, notLoadedError } from '$lib/ai/load-errors';
import { configureTransformers, progressReporter } from '$lib/ai/transformers-env';
import { withTransfer, type Handlers } from '$lib/workers/server';
import type { LoadProgress } from '$lib/ai/progress';
import type { ModelSource } from '$lib/ai/source';
import { AiError } from '$lib/ai/errors';
import { alignVisemes } from '$lib/avatar/visemes';
import { loadPiperVoice, type PiperOrt } from './piper/voice';
import type { SpeechAudio, TtsProtocol, VoiceSpec } from './protocol';

type Synthesize = (
	text: string,
	rate?: number
) => Promise<{ audio: Float32Array; sampleRate: number; phonemes?: string[]; language?: string }>;

/** The first channel: voices are mono, but RawAudio may hold channels as an array. */
const mono = (audio: Float32Array | Float32Array[]) => (Array.isArray(audio) ? audio[0] : audio);

/** kokoro-js looks its voices up in this cache under their hub URL before fetching them. */
const KOKORO_VOICE_CACHE = 'kokoro-voices';
const kokoroVoiceKey = (voice: string) =>
	`https://huggingface.co/onnx-community/Kokoro-82M-v1.0-ONNX/resolve/main/voices/${voice}.bin`;

/**
 * Puts the voice's style vectors (served by the app) where kokoro-js reads them: no hub request.
 * Without Cache Storage (Node, where the tests run) kokoro-js reads them from its own package.
 */
async function provideKokoroVoice(voice: string, url: string): Promise<void> {
	if (typeof caches === 'undefined') return;
	const cache = await caches.open(KOKORO_VOICE_CACHE);
	if (await cache.match(kokoroVoiceKey(voice))) return;
	const response = await fetch(url);
	if (!response.ok) throw new Error(`Could not locate file: voice ${voice} (${response.status})`);
	await cache.put(kokoroVoiceKey(voice), new Response(await response.arrayBuffer()));
}

/**
 * Whether a model is a VITS model. A Kokoro voice gets one when the advanced voice model setting
 * names a VITS model: that model then speaks for every neural voice, Kokoro's included.
 */
async function isVits(
	model: string,
	progress_callback: ReturnType<typeof progressReporter>
): Promise<boolean> {
	const config = await transformers.AutoConfig.from_pretrained(model, { progress_callback });
	return (config as { model_type?: string }).model_type === 'vits';
}

async function loadVoice(
	spec: VoiceSpec,
	{ device, dtype, source }: { device: string; dtype?: string; source: ModelSource },
	progress: (p: LoadProgress) => void,
	ort: PiperOrt | undefined
): Promise<Synthesize> {
	if (spec.engine === 'piper') {
		if (!ort)
			throw new AiError(
				'Piper voices need onnxruntime, which this worker lacks.',
				'model/unsupported'
			);
		return loadPiperVoice(spec, source, ort, progress);
	}
	const progress_callback = progressReporter(progress);
	if (spec.engine === 'kokoro' && !(await isVits(spec.model, progress_callback))) {
		await provideKokoroVoice(spec.voice, spec.voiceUrl);
		const { KokoroTTS, TextSplitterStream } = await import('kokoro-js');
		const tts = await KokoroTTS.from_pretrained(spec.model, {
			dtype: (dtype ?? 'q8') as 'q8',
			device: device as 'wasm',
			progress_callback
		});
		// stream() rather than generate(): it also says the phonemes it spoke (espeak-ng's IPA,
		// a sentence at a time), which the face's visemes follow. Given a string, stream() never
		// closes its splitter and waits for more text forever: hand it a closed one.
		return async (text, rate = 1) => {
			const parts: Float32Array[] = [];
			const phonemes: string[] = [];
			let sampleRate = 24_000;
			const voice = spec.voice as 'af_heart';
			const sentences = new TextSplitterStream();
			sentences.push(text);
			sentences.close();
			for await (const said of tts.stream(sentences, { voice, speed: rate })) {
				parts.push(mono(said.audio.audio));
				sampleRate = said.audio.sampling_rate;
				phonemes.push(...said.phonemes.split(/\s+/).filter(Boolean));
			}
			return { audio: concat(parts), sampleRate, phonemes, language: 'en' };
		};
	}
	const synth = (await transformers.pipeline('text-to-speech', spec.model, {
		device: device as transformers.DeviceType,
		dtype: dtype as transformers.DataType | undefined,
		progress_callback
	})) as TextToAudioPipeline;
	// The VITS exports have their speed baked into the graph (transformers.js passes no length
	// scale), so a VITS voice speaks at its one rate; Kokoro and the browser voice slow down.
	return async (text) => {
		const output = await synth(text);
		return { audio: mono(output.audio), sampleRate: output.sampling_rate };
	};
}

function concat(parts: Float32Array[]): Float32Array {
	if (parts.length === 1) return parts[0];
	const out = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}

/** The viseme track of a chunk whose phonemes the voice knows, on its own audio. */
function visemesOf(text: string, spoken: Awaited<ReturnType<Synthesize>>) {
	const { audio, sampleRate, phonemes, language } = spoken;
	if (!phonemes?.length) return undefined;
	return alignVisemes({
		text,
		lang: language?.startsWith('en') ? 'en' : 'de',
		duration: audio.length / sampleRate,
		phonemes,
		samples: audio,
		sampleRate
	});
}

/**
 * The text-to-speech worker's handlers: one voice loaded at a time; sentences are spoken in the
 * order they arrive. Audio goes back transferred, not copied. `ort` is the onnxruntime Piper
 * voices run on: onnxruntime-web in the worker (transformers.js's own copy), onnxruntime-node in
 * tests.
 */
export function createTtsHandlers({ ort }: { ort?: PiperOrt } = {}): Handlers<TtsProtocol> {
	let synthesize: Synthesize | null = null;
	let voiceName = '';

	return {
		async load({ voice, device, dtype, source, wasmPaths }, { progress }) {
			configureTransformers(transformers.env, source, wasmPaths, device);
			synthesize = null;
			voiceName =
				voice.engine === 'kokoro'
					? `${voice.model} (voice ${voice.voice})`
					: voice.engine === 'piper'
						? `${voice.model}/${voice.file}`
						: voice.model;
			try {
				synthesize = await loadVoice(voice, { device, dtype, source }, progress, ort);
				await synthesize('Hallo.'); // warm up before the first sentence
			} catch (error) {
				synthesize = null;
				throw classifyLoadError(error, voiceName);
			}
		},

		async speak({ text, rate }, { signal }) {
			if (!synthesize) throw notLoadedError('voice');
			const started = performance.now();
			const spoken = await synthesize(text, rate);
			signal.throwIfAborted();
			const { audio, sampleRate, phonemes } = spoken;
			const result: SpeechAudio = { audio, sampleRate, ms: performance.now() - started };
			if (phonemes) {
				result.phonemes = phonemes;
				result.visemes = visemesOf(text, spoken);
			}
			return withTransfer(result, [audio.buffer]);
		}
	};
}
