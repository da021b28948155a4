import type { ModelSource, WasmPaths } from '$lib/ai/source';
import type { RpcMethod } from '$lib/workers/protocol';
import type { LoadProgress } from '$lib/ai/progress';
import type { VisemeCue } from '$lib/avatar/visemes';
import type { SpeechDevice } from '../stt/protocol';
import type { PiperSpec } from './piper/voice';

export type { PiperSpec } from './piper/voice';

/**
 * A neural voice: a VITS model (MMS, or any VITS in transformers.js format), Kokoro, or a Piper
 * voice (VITS exported by piper, with espeak-ng phonemes).
 */
export type VoiceSpec =
	| { engine: 'vits'; model: string }
	| PiperSpec
	| {
			engine: 'kokoro';
			/**
			 * A Kokoro model in transformers.js format (StyleTextToSpeech2Model). Should its config
			 * declare a VITS model instead (the advanced voice model setting), that model speaks.
			 */
			model: string;
			/** A kokoro-js voice id, e.g. `af_heart`. */
			voice: string;
			/** Where the app serves the voice's style vectors (no hub request). */
			voiceUrl: string;
	  };

export interface TtsLoadRequest {
	voice: VoiceSpec;
	device: SpeechDevice;
	dtype?: string;
	source: ModelSource;
	wasmPaths?: WasmPaths;
}

export interface SpeechAudio {
	/** Mono samples (transferred). */
	audio: Float32Array;
	sampleRate: number;
	/** Synthesis time in the worker. */
	ms: number;
	/** IPA per spoken word, where the voice has phonemes (Piper: espeak-ng's). */
	phonemes?: string[];
	/** The mouth shapes of the chunk, aligned to its audio from those phonemes (Piper). */
	visemes?: VisemeCue[];
}

/** The text-to-speech worker. */
export type TtsProtocol = {
	load: RpcMethod<TtsLoadRequest, void, LoadProgress>;
	/** `rate`: speaking speed, 1 normal; below 1 slower (the tutor at A1 and A2). */
	speak: RpcMethod<{ text: string; rate?: number }, SpeechAudio>;
};
