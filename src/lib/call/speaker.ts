import type { VisemeCue } from '$lib/avatar/visemes';
import { isAbortError } from '$lib/errors';
import type { AudioMoment, AudioPlayer } from './playback.svelte';

export interface SpokenAudio {
	audio: Float32Array;
	sampleRate: number;
	/** IPA per spoken word, where the voice has them (Piper's espeak-ng, Kokoro). */
	phonemes?: string[];
	/** The viseme track, where the voice aligned it itself (Piper, in its worker). */
	visemes?: VisemeCue[];
}

/** The viseme track of a sentence's audio (`alignVisemes` with the voice's language). */
export type AlignSpeech = (text: string, spoken: SpokenAudio) => VisemeCue[];

/** Turns one sentence into audio (the neural voice in its worker). */
export type Synthesize = (text: string, signal: AbortSignal) => Promise<SpokenAudio>;

/**
 * Speaks a reply sentence by sentence while it is still being written: each sentence is
 * synthesised in order and queued on the player as soon as it is ready. cancel() drops what is
 * waiting and silences the player (barge-in).
 */
export class Speaker {
	#chain: Promise<void> = Promise.resolve();
	#controller = new AbortController();
	/** Epoch ms when the first audio of the current reply was scheduled to start. */
	firstAudioAt: number | null = null;
	onError: ((error: unknown) => void) | null = null;

	constructor(
		private readonly player: AudioPlayer,
		private readonly synthesize: Synthesize,
		/** Gives each sentence its viseme track; none: the mouth follows the level. */
		private readonly align?: AlignSpeech
	) {}

	/** Queues a sentence; `onScheduled` learns when its audio will start. */
	say(sentence: string, onScheduled?: (start: AudioMoment) => void): void {
		const signal = this.#controller.signal;
		this.#chain = this.#chain.then(async () => {
			if (signal.aborted) return;
			try {
				const spoken = await this.synthesize(sentence, signal);
				if (signal.aborted) return;
				const visemes = spoken.visemes ?? this.align?.(sentence, spoken);
				const start = this.player.enqueue(spoken.audio, spoken.sampleRate, visemes);
				this.firstAudioAt ??= start.at;
				onScheduled?.(start);
			} catch (error) {
				if (!isAbortError(error)) this.onError?.(error);
			}
		});
	}

	/** Resolves when every sentence said so far is synthesised and queued. */
	settled(): Promise<void> {
		return this.#chain;
	}

	/** Starts a new reply: forgets the previous reply's timing. */
	begin(): void {
		this.firstAudioAt = null;
	}

	/** Drops pending sentences and stops playback. Returns when playback stopped. */
	cancel(): AudioMoment {
		this.#controller.abort();
		this.#controller = new AbortController();
		this.#chain = Promise.resolve();
		return this.player.stop();
	}
}
