import { AiError } from '$lib/ai/errors';
import { classifyLoadError } from '$lib/ai/load-errors';
import { sourceUrl } from '$lib/ai/model-store';
import type { LoadProgress } from '$lib/ai/progress';
import type { ModelSource } from '$lib/ai/source';
import { parsePiperConfig, type PiperConfig } from './config';
import { DownloadProgress, fetchWithProgress } from './download';
import { startEspeak, type Espeak } from './espeak';
import { phonemeIds } from './phonemes';

/** A Piper voice: `<model>/<file>` (the ONNX model) and `<file>.json` (its config) at the model source. */
export interface PiperSpec {
	engine: 'piper';
	/** The repository, e.g. `Thorsten-Voice/Piper-Scratch`. */
	model: string;
	/** The model's path in it, e.g. `de_DE-thorsten_scratch-medium.onnx`. */
	file: string;
	/** Where the app serves espeak-ng's data package (no third-party request). */
	espeakData: string;
}

/** A tensor as both onnxruntime-web and onnxruntime-node hand it back. */
interface Tensor {
	readonly data: unknown;
}

/**
 * The parts of onnxruntime the voice uses: onnxruntime-web in the worker (the copy
 * transformers.js imports, so its WebAssembly is not compiled twice), onnxruntime-node in tests.
 * Structural, as the two packages ship different copies of onnxruntime-common's types.
 */
export interface PiperOrt {
	InferenceSession: {
		create(model: Uint8Array): Promise<{
			run(feeds: Record<string, Tensor>): Promise<Record<string, Tensor>>;
		}>;
	};
	Tensor: new (
		type: 'float32' | 'int64',
		data: Float32Array | BigInt64Array,
		dims: readonly number[]
	) => Tensor;
}

/** One spoken chunk: the audio and the words' phonemes (IPA per word), for the face. */
export interface PiperSpeech {
	audio: Float32Array;
	sampleRate: number;
	phonemes: string[];
	/** The espeak-ng voice that read the text, e.g. `de`. */
	language: string;
}

export type PiperSynthesize = (text: string, rate?: number) => Promise<PiperSpeech>;

/** espeak-ng is started once per worker, whatever voice loads later. */
let espeak: { url: string; ready: Promise<Espeak> } | null = null;

function espeakFrom(url: string, progress: DownloadProgress): Promise<Espeak> {
	if (espeak?.url !== url) {
		const ready = fetchWithProgress(url, progress).then(startEspeak);
		espeak = { url, ready };
		// A failed start is not kept: the next load tries again.
		ready.catch(() => {
			if (espeak?.ready === ready) espeak = null;
		});
	}
	return espeak.ready;
}

async function readConfig(bytes: ArrayBuffer, name: string): Promise<PiperConfig> {
	let json: unknown;
	try {
		json = JSON.parse(new TextDecoder().decode(bytes));
	} catch (error) {
		throw new AiError(
			`The voice config of ${name} (${name}.json) is not JSON. Check the voice model setting in ` +
				'Settings → AI, or delete the voice and download it again.',
			'model/corrupt',
			error
		);
	}
	return parsePiperConfig(json, name);
}

/**
 * Loads a Piper voice: its config, its model and espeak-ng (downloaded with one progress), then
 * a function that speaks a text as piper does: espeak-ng phonemes per sentence, piper's ids, one
 * model run per sentence, the sentences' audio end to end. `rate` below 1 speaks slower (piper's
 * length scale).
 */
export async function loadPiperVoice(
	spec: PiperSpec,
	source: ModelSource,
	ort: PiperOrt,
	report: (progress: LoadProgress) => void
): Promise<PiperSynthesize> {
	const name = `${spec.model}/${spec.file}`;
	const progress = new DownloadProgress(report);
	const modelUrl = sourceUrl(source, spec.model, spec.file);
	let parts: [ArrayBuffer, ArrayBuffer, Espeak];
	try {
		parts = await Promise.all([
			fetchWithProgress(`${modelUrl}.json`, progress, { cache: true }),
			fetchWithProgress(modelUrl, progress, { cache: true }),
			espeakFrom(spec.espeakData, progress)
		]);
	} catch (error) {
		throw classifyLoadError(error, name);
	}
	const [configBytes, modelBytes, phonemizer] = parts;
	const config = await readConfig(configBytes, name);
	let session: Awaited<ReturnType<PiperOrt['InferenceSession']['create']>>;
	try {
		session = await ort.InferenceSession.create(new Uint8Array(modelBytes));
	} catch (error) {
		throw classifyLoadError(error, name);
	}
	report({ progress: 1, text: 'Model ready' });

	const { noise_scale, length_scale, noise_w } = config.inference;
	const language = config.espeak.voice;
	const warned = new Set<string>();
	const silence = () => new Float32Array(Math.round(config.audio.sample_rate * 0.05));

	return async (text, rate = 1) => {
		const { sentences, words } = phonemizer.phonemize(text, config.espeak.voice);
		const scales = Float32Array.from([noise_scale, length_scale / rate, noise_w]);
		const pieces: Float32Array[] = [];
		for (const sentence of sentences) {
			const { ids, missing } = phonemeIds(sentence, config.phoneme_id_map);
			for (const phoneme of missing.filter((p) => !warned.has(p))) {
				warned.add(phoneme);
				console.warn(`[piper] ${name} has no id for the phoneme "${phoneme}"; it is skipped.`);
			}
			const feeds: Record<string, Tensor> = {
				input: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]),
				input_lengths: new ort.Tensor('int64', BigInt64Array.of(BigInt(ids.length)), [1]),
				scales: new ort.Tensor('float32', scales, [3])
			};
			// Multi-speaker voices speak as their first speaker, as piper does without a speaker id.
			if (config.num_speakers > 1) feeds.sid = new ort.Tensor('int64', BigInt64Array.of(0n), [1]);
			const { output } = await session.run(feeds);
			pieces.push(Float32Array.from(output.data as Float32Array));
		}
		const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
		if (length === 0)
			return { audio: silence(), sampleRate: config.audio.sample_rate, phonemes: [], language };
		const audio = new Float32Array(length);
		let at = 0;
		for (const piece of pieces) {
			audio.set(piece, at);
			at += piece.length;
		}
		return { audio, sampleRate: config.audio.sample_rate, phonemes: words, language };
	};
}
