import type { WasmPaths } from '$lib/ai/source';
import { settingDefault } from '$lib/db/settings';
import type { RpcMethod } from '$lib/workers/protocol';

/** Silero VAD v5 runs on 16 kHz mono audio... */
export const VAD_SAMPLE_RATE = 16_000;
/** ...in frames of 512 samples (32 ms); other frame sizes are re-chunked to this. */
export const VAD_FRAME_SAMPLES = 512;

/** How speech probabilities become turns. All durations in milliseconds of audio. */
export interface VadOptions {
	/** A frame at or above this probability starts (or resumes) speech. */
	positiveThreshold: number;
	/** Once speaking, only a frame below this counts as silence (hysteresis). */
	negativeThreshold: number;
	/** Consecutive speech before `speech-start`; short, so barge-in stops playback within 200 ms. */
	minSpeechStartMs: number;
	/** Silence after speech that ends the turn: the person's setting, `speech.silenceMs`. */
	redemptionMs: number;
	/** A segment with less voiced time than this ends as `misfire` (a cough, a click). */
	minSpeechMs: number;
	/** Audio from before the onset included in the utterance, so the first syllable is not cut. */
	preSpeechPadMs: number;
	/** Longest utterance (pad included); Whisper reads at most 30 s, so longer speech is split. */
	maxSpeechMs: number;
	/**
	 * Silence after speech that raises `speech-pause` (the person may have finished: a call starts
	 * its preemptive reply), well before `redemptionMs` ends the turn; 0: never. A pause this long
	 * also cuts a streaming piece.
	 */
	pauseMs: number;
	/**
	 * Streaming recognition: once this much audio has gathered since the last piece, the next
	 * unvoiced frame (a gap between words) cuts a `speech-piece`; after twice as much, any frame
	 * does (`forced`). 0: no pieces.
	 */
	pieceMs: number;
}

export const DEFAULT_VAD_OPTIONS: Readonly<VadOptions> = Object.freeze({
	positiveThreshold: 0.5,
	negativeThreshold: 0.35,
	minSpeechStartMs: 96,
	redemptionMs: settingDefault('speech.silenceMs'),
	minSpeechMs: 250,
	preSpeechPadMs: 200,
	maxSpeechMs: 30_000,
	pauseMs: 0,
	pieceMs: 0
});

/**
 * The person started speaking. `onsetMs` is the time of the first voiced frame, `atMs` that of the
 * frame on which it was decided (the caller's clock; in the worker, page-comparable epoch ms).
 */
export interface VadSpeechStart {
	type: 'speech-start';
	onsetMs: number;
	atMs: number;
}

/**
 * A turn ended. `audio` is 16 kHz mono: the pre-speech pad, the speech and the trailing silence up
 * to the decision. `speechEndMs` is the last voiced frame, `atMs` the decision.
 */
export interface VadSpeechEnd {
	type: 'speech-end';
	audio: Float32Array;
	speechStartMs: number;
	speechEndMs: number;
	atMs: number;
	/**
	 * Streaming: where in `audio` the part not yet sent as a `speech-piece` begins (0 without
	 * pieces), and whether any of it was voiced (else only trailing silence remains).
	 */
	tailFrom: number;
	tailVoiced: boolean;
}

/**
 * The person has been silent for `pauseMs`: the turn may be over, but the end-of-turn silence has
 * not elapsed. `audio` is the utterance so far (as a `speech-end`'s), `tailFrom` as there.
 */
export interface VadSpeechPause {
	type: 'speech-pause';
	audio: Float32Array;
	speechStartMs: number;
	speechEndMs: number;
	atMs: number;
	tailFrom: number;
}

/** Speech again after a `speech-pause`, before the turn ended: the same utterance goes on. */
export interface VadSpeechResume {
	type: 'speech-resume';
	atMs: number;
}

/**
 * Streaming recognition: the utterance's audio from sample `from` to `to` (the pre-speech pad
 * counts), cut at a gap between words, or anywhere (`forced`) when speech ran on without one.
 */
export interface VadSpeechPiece {
	type: 'speech-piece';
	audio: Float32Array;
	from: number;
	to: number;
	forced: boolean;
	atMs: number;
}

/** What looked like speech (a `speech-start` was sent) was too short to be a turn. */
export interface VadMisfire {
	type: 'misfire';
	atMs: number;
}

export type VadEvent =
	VadSpeechStart | VadSpeechEnd | VadMisfire | VadSpeechPause | VadSpeechResume | VadSpeechPiece;

export interface VadListenRequest {
	/** Absolute URL of `silero_vad_v5.onnx`, served by the app itself. */
	modelUrl: string;
	/** Where onnxruntime-web's files are (browser only); without them it would use a CDN. */
	wasmPaths?: WasmPaths;
	/**
	 * Receives audio as `message` events of 16 kHz mono samples (512 per message ideally, buffers
	 * transferred): `{ audio: Float32Array, time }` from the capture worklet, `time` being the audio
	 * clock (seconds) at the end of the last sample, or a bare Float32Array, timed by its arrival.
	 * Pass it in the call's `transfer` list too.
	 */
	port: MessagePort;
	options?: Partial<VadOptions>;
}

/**
 * The VAD worker. `listen` runs until the call is aborted, then resolves; meanwhile it streams
 * `VadEvent`s as progress (a `speech-end`'s audio buffer is transferred, not copied).
 */
export type VadProtocol = {
	listen: RpcMethod<VadListenRequest, void, VadEvent>;
};
