import { createVad, recognitionRequest, stt, vadModelUrl, vadOfflineFiles } from '$lib/ai/speech';
import type { Transcript } from '$lib/ai/speech/stt/protocol';
import type { VadEvent, VadOptions } from '$lib/ai/speech/vad/protocol';
import { ortWasmPaths } from '$lib/ai/source';
import { repos } from '$lib/db';
import { isAbortError } from '$lib/errors';
import { keepForOffline } from '$lib/pwa/offline';
import { captureMicrophone } from './media';

/**
 * Silence after speech that counts as a pause (`speech-pause`: the preemptive reply starts; a
 * streaming piece is cut), at most half the end-of-turn silence. Shorter than most pauses at a
 * comma in speech would start (and throw away) a reply at each one; longer saves less.
 */
export const PAUSE_MS = 200;
/** Streaming recognition cuts a piece at the first gap between words after this much audio. */
export const PIECE_MS = 1200;

/** The voice detector's options for a call's settings (pure, for tests and the benchmark). */
export function listenOptions(
	silenceMs: number,
	{ preemptive, streaming }: { preemptive: boolean; streaming: boolean }
): Partial<VadOptions> {
	const pauseMs = preemptive || streaming ? Math.min(PAUSE_MS, Math.round(silenceMs / 2)) : 0;
	return { redemptionMs: silenceMs, pauseMs, pieceMs: streaming ? PIECE_MS : 0 };
}

export interface ListenHandlers {
	/** Aborting it stops listening (the call ended). */
	signal: AbortSignal;
	/** The person started or stopped speaking, or it was a false start. */
	onEvent(event: VadEvent): void;
	/** Listening stopped on its own, after it had started. */
	onStopped(error: unknown): void;
	/**
	 * Also hear pauses and streaming pieces, as the settings `speech.preemptiveReply` and
	 * `speech.streamingRecognition` say (a call with a companion; captions need only turns).
	 */
	early?: boolean;
}

/** How a call hears the person: voice activity detection and speech recognition. */
export interface Recognition {
	/**
	 * Loads speech recognition and starts detecting speech in `mic`. Resolves once listening, rejects
	 * when recognition cannot start (the call goes on by typing).
	 */
	listen(mic: MediaStream, handlers: ListenHandlers): Promise<void>;
	/** The words of one utterance (16 kHz mono, transferred), in one of `languages`. */
	transcribe(audio: Float32Array, languages: readonly string[]): Promise<Transcript>;
	/** Releases what listening holds: the detector's worker and its capture. */
	close(): Promise<void>;
}

/**
 * The app's recognition: Silero VAD in a worker of its own for this call, fed by a capture worklet
 * in a 16 kHz AudioContext (the browser resamples the microphone, as Silero and Whisper want it;
 * the call's graph keeps the device's rate for the companion's voice), and Whisper in the shared
 * speech recognition worker.
 */
export function speechRecognition(): Recognition {
	const vad = createVad();
	let context: AudioContext | null = null;
	let capture: { stop(): void } | null = null;

	return {
		async listen(mic, { signal, onEvent, onStopped, early = false }) {
			const [request, silenceMs, preemptive, streamingSetting] = await Promise.all([
				recognitionRequest(),
				repos.settings.get('speech.silenceMs'),
				repos.settings.get('speech.preemptiveReply'),
				repos.settings.get('speech.streamingRecognition')
			]);
			// Each piece costs Whisper a whole encoder pass (it reads 30 s windows): worth it on a GPU.
			const streaming =
				early &&
				(streamingSetting === 'on' || (streamingSetting === 'auto' && request.device === 'webgpu'));
			// Without preemptive replies, pauses only cut streaming pieces: the call never hears them.
			const pauses = early && preemptive;
			const forward = pauses
				? onEvent
				: (event: VadEvent) => {
						if (event.type !== 'speech-pause' && event.type !== 'speech-resume') onEvent(event);
					};
			await stt.ensure(request);
			// The call may have ended while the model loaded: nothing may start after close().
			if (signal.aborted) return;
			context ??= new AudioContext({ sampleRate: 16_000 });
			const current = await captureMicrophone(context, mic);
			if (signal.aborted) return current.stop();
			capture = current;
			vad
				.call(
					'listen',
					{
						modelUrl: vadModelUrl(),
						wasmPaths: ortWasmPaths(document.baseURI),
						port: current.port,
						options: listenOptions(silenceMs, { preemptive: pauses, streaming })
					},
					{ signal, transfer: [current.port], onProgress: forward }
				)
				.catch((error: unknown) => {
					if (!isAbortError(error)) onStopped(error);
				});
			void keepForOffline(vadOfflineFiles());
		},

		transcribe: (audio, languages) =>
			stt.call('transcribe', { audio, languages }, { transfer: [audio.buffer] }),

		async close() {
			capture?.stop();
			capture = null;
			vad.terminate();
			await context?.close();
			context = null;
		}
	};
}
