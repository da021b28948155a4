import type { DeviceCapabilities } from '$lib/ai/capabilities';
import type { ModelSource } from '$lib/ai/source';
import { ortWasmPaths } from '$lib/ai/source';
import { resolveVoice } from '$lib/companion/voices';
import type { SttLoadRequest } from './stt/protocol';
import type { VoiceSpec } from './tts/protocol';

export interface SttModel {
	id: string;
	label: string;
	repo: string;
	/** Approximate download, quantised as loaded on WASM. */
	downloadMB: number;
}

/** Multilingual Whisper models (MIT), converted for transformers.js by onnx-community. */
export const STT_MODELS: readonly SttModel[] = [
	{
		id: 'whisper-tiny',
		label: 'Whisper tiny: fastest, fewest words right',
		repo: 'onnx-community/whisper-tiny',
		downloadMB: 40
	},
	{
		id: 'whisper-base',
		label: 'Whisper base: a good balance',
		repo: 'onnx-community/whisper-base',
		downloadMB: 80
	},
	{
		id: 'whisper-small',
		label: 'Whisper small: most accurate, slowest',
		repo: 'onnx-community/whisper-small',
		downloadMB: 250
	}
];

const KOKORO_REPO = 'onnx-community/Kokoro-82M-v1.0-ONNX';
const MMS_REPOS: Record<string, string> = { deu: 'Xenova/mms-tts-deu', eng: 'Xenova/mms-tts-eng' };

/**
 * Piper voices (repository and model file; the config is the file's name plus `.json`):
 * Thorsten-Voice's from-scratch voice (CC0 weights from CC0 recordings) and the piper-voices
 * Thorsten (MIT, fine-tuned from the lessac checkpoint, whose data is for research only).
 */
export const PIPER_VOICES: Record<string, { model: string; file: string }> = {
	'thorsten-scratch': {
		model: 'Thorsten-Voice/Piper-Scratch',
		file: 'de_DE-thorsten_scratch-medium.onnx'
	},
	thorsten: {
		model: 'rhasspy/piper-voices',
		file: 'de/de_DE/thorsten/medium/de_DE-thorsten-medium.onnx'
	}
};

/** espeak-ng's data package, served by the app (scripts/vite-plugin-runtime-assets.ts), versioned. */
export const ESPEAK_DATA_PATH = 'runtime/espeak-ng/0.3.5/espeak-ng.data';

/** A voice model setting that names a Piper voice: `<owner>/<repo>/<path>.onnx`. */
function piperOverride(override: string): { model: string; file: string } | null {
	if (!override.endsWith('.onnx')) return null;
	const [owner, repo, ...path] = override.split('/');
	return path.length > 0 ? { model: `${owner}/${repo}`, file: path.join('/') } : null;
}

/** What to load for speech recognition, from the setting (a catalogue id or any repository id). */
export function sttRequest(
	setting: string,
	caps: DeviceCapabilities,
	source: ModelSource,
	appBase: string
): SttLoadRequest {
	const gpu = caps.webgpu.available && !caps.webgpu.fallback;
	const known = STT_MODELS.find(
		(model) => model.id === (setting || (gpu ? 'whisper-base' : 'whisper-tiny'))
	);
	return {
		model: known?.repo ?? setting,
		device: gpu ? 'webgpu' : 'wasm',
		// The encoder is sensitive to quantisation; the decoder is not.
		dtype: known ? (gpu ? { encoder_model: 'fp32', decoder_model_merged: 'q4' } : 'q8') : undefined,
		source,
		wasmPaths: ortWasmPaths(appBase)
	};
}

/**
 * The neural voice for a companion's voice setting and language, or `system` for the browser's
 * own. `override` (advanced setting) is a model id that replaces the model of every neural voice:
 * a Kokoro voice keeps its voice (style vectors) and loads the override as its Kokoro model, any
 * other neural voice loads it as a VITS model. (A VITS override also speaks for Kokoro voices: the
 * worker reads the model's type from its config.) An override that ends in `.onnx` names a Piper
 * voice file (`<owner>/<repo>/<path>.onnx`), which then speaks for every neural voice.
 */
export function voiceSpec(
	voiceId: string,
	language: string,
	override: string,
	appBase: string
): VoiceSpec | 'system' {
	const id = resolveVoice(voiceId, language);
	if (id === 'system') return 'system';
	const [engine, name] = id.split(':');
	const piper = override
		? piperOverride(override)
		: engine === 'piper'
			? (PIPER_VOICES[name] ?? null)
			: null;
	if (piper) {
		return {
			engine: 'piper',
			...piper,
			espeakData: new URL(ESPEAK_DATA_PATH, appBase).href
		};
	}
	if (engine === 'kokoro') {
		return {
			engine: 'kokoro',
			model: override || KOKORO_REPO,
			voice: name,
			voiceUrl: new URL(`runtime/voices/kokoro/${name}.bin`, appBase).href
		};
	}
	if (override) return { engine: 'vits', model: override };
	if (engine === 'mms' && MMS_REPOS[name]) return { engine: 'vits', model: MMS_REPOS[name] };
	return 'system';
}
