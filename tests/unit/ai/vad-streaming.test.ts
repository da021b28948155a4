import { describe, expect, it } from 'vitest';
import { VAD_FRAME_SAMPLES, type VadEvent } from '$lib/ai/speech/vad/protocol';
import { SpeechSegmenter } from '$lib/ai/speech/vad/segmenter';

const FRAME_MS = 32;
const run = (n: number, p: number) => Array<number>(n).fill(p);

/** Feeds one frame per probability; frame i is filled with the value i and stamped i * 32 ms. */
function feed(segmenter: SpeechSegmenter, probabilities: number[]) {
	return probabilities.flatMap((p, i) =>
		segmenter.push(new Float32Array(VAD_FRAME_SAMPLES).fill(i), p, i * FRAME_MS)
	);
}
const of = <T extends VadEvent['type']>(events: VadEvent[], type: T) =>
	events.filter((e): e is Extract<VadEvent, { type: T }> => e.type === type);

describe('SpeechSegmenter: pauses (preemptive replies)', () => {
	// 160 ms pause (5 frames), 400 ms end of turn (13 frames).
	const options = { pauseMs: 160, redemptionMs: 400, preSpeechPadMs: 0 };

	it('raises speech-pause once a pause reaches pauseMs, before the turn ends, with the audio so far', () => {
		const events = feed(new SpeechSegmenter(options), [...run(10, 0.9), ...run(13, 0)]);
		expect(events.map((e) => e.type)).toEqual(['speech-start', 'speech-pause', 'speech-end']);
		const [pause] = of(events, 'speech-pause');
		expect(pause.atMs).toBe(14 * FRAME_MS);
		expect(pause.speechEndMs).toBe(9 * FRAME_MS);
		expect(pause.audio.length).toBe(15 * VAD_FRAME_SAMPLES);
		expect(pause.audio[0]).toBe(0);
		const [end] = of(events, 'speech-end');
		expect(end.audio.subarray(0, pause.audio.length)).toEqual(pause.audio);
	});

	it('raises speech-resume when speech comes back before the end of turn, and pauses again later', () => {
		const events = feed(new SpeechSegmenter(options), [
			...run(10, 0.9),
			...run(8, 0),
			...run(5, 0.9),
			...run(13, 0)
		]);
		expect(events.map((e) => e.type)).toEqual([
			'speech-start',
			'speech-pause',
			'speech-resume',
			'speech-pause',
			'speech-end'
		]);
		expect(of(events, 'speech-resume')[0].atMs).toBe(18 * FRAME_MS);
		// One utterance: the end has all of it.
		expect(of(events, 'speech-end')[0].audio.length).toBe(36 * VAD_FRAME_SAMPLES);
	});

	it('a pause shorter than pauseMs (a comma) raises nothing; pauseMs 0 never pauses', () => {
		expect(
			feed(new SpeechSegmenter(options), [...run(10, 0.9), ...run(4, 0), ...run(5, 0.9)]).map(
				(e) => e.type
			)
		).toEqual(['speech-start']);
		expect(
			feed(new SpeechSegmenter({ redemptionMs: 400 }), [...run(10, 0.9), ...run(13, 0)]).map(
				(e) => e.type
			)
		).toEqual(['speech-start', 'speech-end']);
	});
});

describe('SpeechSegmenter: pieces (streaming recognition)', () => {
	// Pieces after 320 ms (10 frames) at a gap, forced after 640 ms; pause 160 ms; end 400 ms.
	const options = { pieceMs: 320, pauseMs: 160, redemptionMs: 400, preSpeechPadMs: 0 };

	it('cuts at the first gap after pieceMs, at a pause, and leaves only silence for the end', () => {
		const events = feed(new SpeechSegmenter(options), [
			...run(12, 0.9), // 0–11
			0, // 12: a gap between words, 13 frames gathered
			...run(6, 0.9), // 13–18
			...run(13, 0) // 19–31: a gap after 10 frames at 22, the pause at 23, the end at 31
		]);
		expect(events.map((e) => e.type)).toEqual([
			'speech-start',
			'speech-piece',
			'speech-piece',
			'speech-pause',
			'speech-end'
		]);
		const [first, second] = of(events, 'speech-piece');
		expect(first).toMatchObject({ from: 0, to: 13 * VAD_FRAME_SAMPLES, forced: false });
		expect(first.audio.length).toBe(13 * VAD_FRAME_SAMPLES);
		expect(first.audio[12 * VAD_FRAME_SAMPLES]).toBe(12);
		expect(second).toMatchObject({ from: 13 * VAD_FRAME_SAMPLES, forced: false });
		expect(second.to).toBe(23 * VAD_FRAME_SAMPLES);
		expect(of(events, 'speech-pause')[0].tailFrom).toBe(23 * VAD_FRAME_SAMPLES);
		const [end] = of(events, 'speech-end');
		expect(end).toMatchObject({ tailFrom: 23 * VAD_FRAME_SAMPLES, tailVoiced: false });
	});

	it('cuts the last words at the pause, so only silence remains at the end', () => {
		const events = feed(new SpeechSegmenter({ ...options, minSpeechMs: 0 }), [
			...run(4, 0.9),
			...run(13, 0)
		]);
		const pieces = of(events, 'speech-piece');
		// The gap rule would wait for 10 frames of audio; the pause (5 silent frames) cuts first.
		expect(pieces.map((p) => p.to)).toEqual([9 * VAD_FRAME_SAMPLES]);
		expect(of(events, 'speech-end')[0]).toMatchObject({ tailVoiced: false });
	});

	it('forces a cut after twice pieceMs without a gap, and the end keeps a voiced tail', () => {
		// The turn ends (4 silent frames) before the tail has gathered enough for a gap cut.
		const events = feed(new SpeechSegmenter({ ...options, pauseMs: 0, redemptionMs: 128 }), [
			...run(25, 0.9),
			...run(4, 0)
		]);
		const pieces = of(events, 'speech-piece');
		expect(pieces).toHaveLength(1);
		expect(pieces[0]).toMatchObject({ from: 0, to: 20 * VAD_FRAME_SAMPLES, forced: true });
		expect(of(events, 'speech-end')[0]).toMatchObject({
			tailFrom: 20 * VAD_FRAME_SAMPLES,
			tailVoiced: true
		});
	});

	it('without pieceMs the end holds the whole utterance as its tail', () => {
		const events = feed(new SpeechSegmenter({ redemptionMs: 400 }), [
			...run(30, 0.9),
			...run(13, 0)
		]);
		expect(of(events, 'speech-piece')).toEqual([]);
		expect(of(events, 'speech-end')[0]).toMatchObject({ tailFrom: 0, tailVoiced: true });
	});
});
