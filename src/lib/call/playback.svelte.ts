import type { VisemeCue } from '$lib/avatar/visemes';
import { VisemeSchedule, type MouthFrame } from '$lib/avatar/visemes/schedule';
import { now } from './metrics';

/** A moment of playback, on the page's clock (epoch ms) and on the audio clock (seconds). */
export interface AudioMoment {
	at: number;
	clock: number;
}

/**
 * Plays the companion's speech: sentences arrive as separate buffers and are scheduled back to
 * back on the audio clock, so there is no gap between them; stop() silences everything at once
 * (barge-in). Each buffer may bring its viseme track, placed on the same clock, so the avatar's
 * mouth is read off the moment the sound plays (`mouth()`); an analyser gives the level for the
 * rest.
 */
export class AudioPlayer {
	readonly #context: BaseAudioContext;
	readonly #output: GainNode;
	readonly #analyser: AnalyserNode;
	readonly #samples: Float32Array<ArrayBuffer>;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- audio nodes, not state
	#sources = new Set<AudioBufferSourceNode>();
	#endsAt = 0;
	#generation = 0;
	readonly #visemes = new VisemeSchedule();
	/** Buffers scheduled since the call started (tests and the debug overlay read it). */
	scheduled = $state(0);
	onStart: (() => void) | null = null;
	onDrain: (() => void) | null = null;

	/** `destination`: where the speech goes (in a call, the graph's `voiceOutput`). */
	constructor(context: BaseAudioContext, destination: AudioNode = context.destination) {
		this.#context = context;
		this.#output = context.createGain();
		this.#analyser = context.createAnalyser();
		this.#analyser.fftSize = 512;
		this.#samples = new Float32Array(this.#analyser.fftSize);
		this.#output.connect(this.#analyser);
		this.#analyser.connect(destination);
	}

	get playing(): boolean {
		return this.#sources.size > 0;
	}

	/**
	 * Schedules audio right after what is already queued. Returns when it will start: on the audio
	 * clock, and estimated on the page's (the audio clock can fall behind on a busy machine).
	 */
	enqueue(samples: Float32Array, sampleRate: number, visemes?: readonly VisemeCue[]): AudioMoment {
		const context = this.#context;
		const buffer = context.createBuffer(1, samples.length, sampleRate);
		buffer.copyToChannel(samples as Float32Array<ArrayBuffer>, 0);
		const source = context.createBufferSource();
		source.buffer = buffer;
		source.connect(this.#output);
		const wasIdle = this.#sources.size === 0;
		// A small lead on an idle clock so the first buffer is never scheduled in the past.
		const startAt = Math.max(context.currentTime + (wasIdle ? 0.01 : 0), this.#endsAt);
		this.#endsAt = startAt + buffer.duration;
		if (visemes) this.#visemes.add(visemes, startAt, buffer.duration);
		const generation = this.#generation;
		source.onended = () => {
			this.#sources.delete(source);
			source.disconnect();
			if (generation === this.#generation && this.#sources.size === 0) this.onDrain?.();
		};
		this.#sources.add(source);
		source.start(startAt);
		this.scheduled++;
		if (wasIdle) this.onStart?.();
		return {
			at: now() + (startAt - context.currentTime) * 1000,
			clock: startAt
		};
	}

	/** Stops all playback now. Returns when it stopped. */
	stop(): AudioMoment {
		this.#generation++;
		for (const source of this.#sources) {
			source.onended = null;
			source.stop();
			source.disconnect();
		}
		this.#sources.clear();
		this.#visemes.clear();
		this.#endsAt = 0;
		return { at: now(), clock: this.#context.currentTime };
	}

	/**
	 * The audio clock's time of the sound leaving the speakers now: `getOutputTimestamp()` maps
	 * the audio clock to the page's, and counts the output latency, which `currentTime` does not.
	 */
	audibleClock(): number {
		const context = this.#context;
		if ('getOutputTimestamp' in context) {
			const { contextTime, performanceTime } = (context as AudioContext).getOutputTimestamp();
			if (contextTime !== undefined && performanceTime !== undefined && performanceTime > 0)
				return contextTime + (performance.now() - performanceTime) / 1000;
		}
		return context.currentTime;
	}

	/** The viseme being heard now, or null (nothing playing, or no track for it). */
	mouth(): MouthFrame | null {
		if (this.#sources.size === 0 || this.#visemes.size === 0) return null;
		return this.#visemes.at(this.audibleClock());
	}

	/** Loudness of what plays now, 0..1 (RMS, scaled for speech). */
	level(): number {
		if (this.#sources.size === 0) return 0;
		this.#analyser.getFloatTimeDomainData(this.#samples);
		let sum = 0;
		for (const sample of this.#samples) sum += sample * sample;
		return Math.min(1, Math.sqrt(sum / this.#samples.length) * 4);
	}
}
