import { describe, expect, it } from 'vitest';
import { CaptureClock, WINDOW_MS } from '$lib/ai/speech/vad/capture-clock';

/** Frames of 32 ms on an audio clock starting at 5 s, arriving `delay(i)` ms after capture. */
function run(frames: number, delay: (i: number) => number, clock = new CaptureClock()) {
	return Array.from({ length: frames }, (_, i) => {
		const captureMs = 5000 + (i + 1) * 32;
		return clock.toEpoch(captureMs / 1000, 1_000_000 + captureMs + delay(i)) - 1_000_000;
	});
}

describe('CaptureClock', () => {
	it('times a backlog by its capture, once frames arrived on time', () => {
		// 2 ms to arrive normally; frames 40–60 wait in a queue up to 600 ms.
		const times = run(100, (i) => (i >= 40 && i <= 60 ? 600 - (i - 40) * 25 : 2));
		times.forEach((t, i) => expect(t).toBeCloseTo(5000 + (i + 1) * 32 + 2, 6));
	});

	it('forgets a few unusually fast frames at the start once they leave the window', () => {
		const frames = Math.ceil((2 * WINDOW_MS) / 32);
		// The first five frames arrive in 1 ms, every later one in 12 ms to 20 ms.
		const times = run(frames, (i) => (i < 5 ? 1 : 12 + (i % 3) * 4));
		const late = times.slice(-10).map((t, k) => t - (5000 + (frames - 10 + k + 1) * 32));
		expect(Math.min(...late)).toBe(12);
	});

	it('follows clocks that drift apart', () => {
		const ppm = 100e-6;
		// Real time runs ahead of the audio clock by 100 ppm for ten minutes; arrival takes 3 ms.
		const times = run(18_750, (i) => 3 + (i + 1) * 32 * ppm);
		const error = times.map((t, i) => t - (5000 + (i + 1) * 32 * (1 + ppm) + 3));
		expect(Math.max(...error.map(Math.abs))).toBeLessThan(1);
	});
});
