import type { ModelSource, WasmPaths } from '$lib/ai/source';
import type { RpcMethod } from '$lib/workers/protocol';
import type { LoadProgress } from '$lib/ai/progress';

export type SpeechDevice = 'webgpu' | 'wasm' | 'cpu';

export interface SttLoadRequest {
	model: string;
	device: SpeechDevice;
	/** e.g. `q8`, or per file `{ encoder_model: 'fp32', decoder_model_merged: 'q4' }`. */
	dtype?: string | Record<string, string>;
	source: ModelSource;
	wasmPaths?: WasmPaths;
}

export interface TranscribeRequest {
	/** 16 kHz mono samples (transferred). */
	audio: Float32Array;
	/**
	 * ISO 639-1 codes (`de`, `en`) the person may speak. One: transcribed in it. Several: Whisper's
	 * language detection picks among them. None: among every language Whisper knows.
	 */
	languages: readonly string[];
}

export interface Transcript {
	text: string;
	/** The language it was transcribed in. */
	language: string;
	/** Time the model took, measured in the worker. */
	ms: number;
}

/** The speech-to-text worker: Whisper through transformers.js. */
export type SttProtocol = {
	load: RpcMethod<SttLoadRequest, { device: SpeechDevice }, LoadProgress>;
	transcribe: RpcMethod<TranscribeRequest, Transcript>;
};
