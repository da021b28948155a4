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
 * worker reads the model's type from its config.)
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
