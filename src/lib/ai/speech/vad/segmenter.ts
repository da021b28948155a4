import { DEFAULT_VAD_OPTIONS, VAD_SAMPLE_RATE, type VadEvent, type VadOptions } from './protocol';

export type { VadEvent, VadMisfire, VadOptions, VadSpeechEnd, VadSpeechStart } from './protocol';

const samplesOf = (ms: number) => Math.round((ms * VAD_SAMPLE_RATE) / 1000);

type Phase = 'idle' | 'candidate' | 'speaking';

/** Throws a RangeError naming the first option that cannot work. */
function validate(options: VadOptions): void {
	for (const [name, value] of Object.entries(options)) {
		if (!Number.isFinite(value) || value < 0) {
			throw new RangeError(`VAD option ${name} must be a finite number ≥ 0, not ${value}.`);
		}
	}
	const { positiveThreshold, negativeThreshold, maxSpeechMs, preSpeechPadMs } = options;
	if (positiveThreshold > 1 || negativeThreshold > positiveThreshold) {
		throw new RangeError('VAD thresholds need 0 ≤ negativeThreshold ≤ positiveThreshold ≤ 1.');
	}
	if (maxSpeechMs <= preSpeechPadMs + options.minSpeechStartMs) {
		throw new RangeError('VAD maxSpeechMs must exceed preSpeechPadMs + minSpeechStartMs.');
	}
}

/**
 * Turns per-frame speech probabilities into turns: `speech-start`, then `speech-end` with the
 * utterance's audio, or `misfire`. Pure and synchronous (no model, no timers), so every rule is
 * testable with synthetic probabilities.
 *
 * A frame is voiced by a Schmitt trigger: it takes `positiveThreshold` to become voiced and a
 * probability below `negativeThreshold` to become unvoiced again. Decisions count samples, not the
 * caller's clock, so a burst of queued frames is judged by the audio it holds; the clock (`atMs`)
 * is only reported back.
 */
export class SpeechSegmenter {
	readonly options: Readonly<VadOptions>;
	readonly #limit: {
		start: number;
		redemption: number;
		minSpeech: number;
		prePad: number;
		max: number;
		pause: number;
		piece: number;
	};
	#phase: Phase = 'idle';
	#voiced = false;
	/** The most recent frames, at least `prePad` samples when available, for the pre-speech pad. */
	#history: Float32Array[] = [];
	#historySamples = 0;
	#utterance: Float32Array[] = [];
	#utteranceSamples = 0;
	/** Consecutive voiced samples while a candidate waits to become speech. */
	#runSamples = 0;
	/** Consecutive unvoiced samples while speaking (the redemption period). */
	#silenceSamples = 0;
	#voicedSamples = 0;
	#onsetMs = 0;
	#lastVoicedMs = 0;
	/** A `speech-pause` was sent and no voiced frame has come since. */
	#paused = false;
	/** Streaming: where the audio not yet sent as a piece begins, and whether any of it is voiced. */
	#pieceFrom = 0;
	#tailVoiced = false;

	constructor(options: Partial<VadOptions> = {}) {
		const merged = { ...DEFAULT_VAD_OPTIONS, ...options };
		validate(merged);
		this.options = Object.freeze(merged);
		this.#limit = {
			start: samplesOf(merged.minSpeechStartMs),
			redemption: samplesOf(merged.redemptionMs),
			minSpeech: samplesOf(merged.minSpeechMs),
			prePad: samplesOf(merged.preSpeechPadMs),
			max: samplesOf(merged.maxSpeechMs),
			pause: samplesOf(merged.pauseMs),
			piece: samplesOf(merged.pieceMs)
		};
	}

	/**
	 * Feeds one frame (16 kHz mono; normally 512 samples) with its speech probability and the
	 * caller's time for it. The frame is copied, so the caller may reuse its buffer.
	 */
	push(frame: Float32Array, probability: number, atMs: number): VadEvent[] {
		const copy = frame.slice();
		const { positiveThreshold, negativeThreshold } = this.options;
		this.#voiced = this.#voiced
			? probability >= negativeThreshold
			: probability >= positiveThreshold;
		const events: VadEvent[] = [];

		if (this.#phase === 'idle') {
			if (this.#voiced) this.#beginCandidate(copy, atMs, events);
		} else {
			this.#append(copy);
			if (this.#voiced) {
				this.#voicedSamples += copy.length;
				this.#lastVoicedMs = atMs;
				this.#tailVoiced = true;
			}
			if (this.#phase === 'candidate') this.#judgeCandidate(copy.length, atMs, events);
			else this.#judgeSpeech(copy.length, atMs, events);
		}
		// Kept after the decision: the pad is audio from *before* an onset frame. A frame that ended
		// an utterance belongs to it and must not pad the next one.
		if (!events.some((event) => event.type !== 'speech-start')) this.#remember(copy);
		return events;
	}

	/** Forgets everything: history, any utterance in progress and the trigger state. */
	reset(): void {
		this.#phase = 'idle';
		this.#voiced = false;
		this.#history = [];
		this.#historySamples = 0;
		this.#clearSegment();
	}

	#beginCandidate(frame: Float32Array, atMs: number, events: VadEvent[]) {
		this.#phase = 'candidate';
		this.#onsetMs = atMs;
		this.#lastVoicedMs = atMs;
		this.#voicedSamples = frame.length;
		this.#tailVoiced = true;
		this.#runSamples = 0;
		const pad = this.#padFromHistory();
		if (pad.length) this.#append(pad);
		this.#append(frame);
		this.#judgeCandidate(frame.length, atMs, events);
	}

	#judgeCandidate(frameSamples: number, atMs: number, events: VadEvent[]) {
		if (!this.#voiced) {
			// A blip shorter than minSpeechStartMs: nothing was announced, so nothing to retract.
			this.#phase = 'idle';
			this.#clearSegment();
			return;
		}
		this.#runSamples += frameSamples;
		if (this.#runSamples >= this.#limit.start) {
			this.#phase = 'speaking';
			this.#silenceSamples = 0;
			events.push({ type: 'speech-start', onsetMs: this.#onsetMs, atMs });
		}
	}

	#judgeSpeech(frameSamples: number, atMs: number, events: VadEvent[]) {
		this.#silenceSamples = this.#voiced ? 0 : this.#silenceSamples + frameSamples;
		if (this.#voiced && this.#paused) {
			this.#paused = false;
			events.push({ type: 'speech-resume', atMs });
		}
		if (this.#silenceSamples >= this.#limit.redemption) {
			this.#end(atMs, this.#voicedSamples >= this.#limit.minSpeech, events);
		} else if (this.#utteranceSamples + frameSamples > this.#limit.max) {
			// Another frame would not fit in maxSpeechMs: cut here, so Whisper gets all of it.
			this.#end(atMs, true, events);
		} else {
			const pausing = this.#limit.pause > 0 && this.#silenceSamples >= this.#limit.pause;
			this.#cutPiece(pausing, atMs, events);
			if (pausing && !this.#paused) {
				this.#paused = true;
				events.push({
					type: 'speech-pause',
					audio: this.#concat(),
					speechStartMs: this.#onsetMs,
					speechEndMs: this.#lastVoicedMs,
					atMs,
					tailFrom: this.#pieceFrom
				});
			}
		}
	}

	/**
	 * Streaming: cuts the voiced audio gathered since the last piece at a pause, at a gap between
	 * words once `pieceMs` have gathered, or anywhere after twice that.
	 */
	#cutPiece(pausing: boolean, atMs: number, events: VadEvent[]) {
		if (!this.#limit.piece || !this.#tailVoiced) return;
		const from = this.#pieceFrom;
		const to = this.#utteranceSamples;
		const gathered = to - from;
		const forced = this.#voiced && gathered >= 2 * this.#limit.piece;
		if (!pausing && !forced && (this.#voiced || gathered < this.#limit.piece)) return;
		events.push({
			type: 'speech-piece',
			audio: this.#concat().slice(from, to),
			from,
			to,
			forced,
			atMs
		});
		this.#pieceFrom = to;
		this.#tailVoiced = false;
	}

	#end(atMs: number, isSpeech: boolean, events: VadEvent[]) {
		if (isSpeech) {
			events.push({
				type: 'speech-end',
				audio: this.#concat(),
				speechStartMs: this.#onsetMs,
				speechEndMs: this.#lastVoicedMs,
				atMs,
				tailFrom: this.#pieceFrom,
				tailVoiced: this.#tailVoiced
			});
		} else {
			events.push({ type: 'misfire', atMs });
		}
		this.#phase = 'idle';
		this.#clearSegment();
		// Audio belongs to one utterance only: a segment split at maxSpeechMs must not repeat its
		// last 200 ms (a word Whisper would transcribe twice) as the next one's pad.
		this.#history = [];
		this.#historySamples = 0;
	}

	#append(samples: Float32Array) {
		this.#utterance.push(samples);
		this.#utteranceSamples += samples.length;
	}

	#remember(frame: Float32Array) {
		this.#history.push(frame);
		this.#historySamples += frame.length;
		while (
			this.#history.length &&
			this.#historySamples - this.#history[0].length >= this.#limit.prePad
		) {
			this.#historySamples -= this.#history.shift()!.length;
		}
	}

	/** The last `prePad` samples heard before the current frame (fewer at the very start). */
	#padFromHistory(): Float32Array {
		const pad = new Float32Array(Math.min(this.#limit.prePad, this.#historySamples));
		let end = pad.length;
		for (let i = this.#history.length - 1; i >= 0 && end > 0; i--) {
			const frame = this.#history[i];
			const take = Math.min(end, frame.length);
			pad.set(frame.subarray(frame.length - take), end - take);
			end -= take;
		}
		return pad;
	}

	#concat(): Float32Array {
		const audio = new Float32Array(this.#utteranceSamples);
		let offset = 0;
		for (const part of this.#utterance) {
			audio.set(part, offset);
			offset += part.length;
		}
		return audio;
	}

	#clearSegment() {
		this.#utterance = [];
		this.#utteranceSamples = 0;
		this.#runSamples = 0;
		this.#silenceSamples = 0;
		this.#voicedSamples = 0;
		this.#paused = false;
		this.#pieceFrom = 0;
		this.#tailVoiced = false;
	}
}
