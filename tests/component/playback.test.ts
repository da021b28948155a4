import { describe, expect, it } from 'vitest';
import { AudioPlayer } from '$lib/call/playback.svelte';
import { Speaker } from '$lib/call/speaker';

const RATE = 16_000;
const tone = (seconds: number, value: number) =>
	new Float32Array(Math.round(RATE * seconds)).fill(value);

describe('AudioPlayer (Web Audio in Chromium)', () => {
	it('plays sentences back to back with no gap between them', async () => {
		const context = new OfflineAudioContext(1, RATE * 2, RATE);
		const player = new AudioPlayer(context as unknown as AudioContext);
		player.enqueue(tone(0.3, 0.25), RATE);
		player.enqueue(tone(0.2, 0.5), RATE);
		player.enqueue(tone(0.25, 0.75), RATE);
		expect(player.scheduled).toBe(3);
		const out = (await context.startRendering()).getChannelData(0);
		const start = Math.round(0.01 * RATE);
		const samples = Array.from(out.subarray(start, start + Math.round(0.75 * RATE)));
		// Every sample of the 0.75 s after the first start is sound: no silence between buffers.
		expect(samples.every((v) => Math.abs(v) > 0.2)).toBe(true);
		expect(out[start + Math.round(0.35 * RATE)]).toBeCloseTo(0.5, 2);
		expect(out[start + Math.round(0.6 * RATE)]).toBeCloseTo(0.75, 2);
		expect(Math.abs(out[start + Math.round(0.8 * RATE)])).toBeLessThan(1e-6);
	});

	it('stop() silences everything at once and reports no drain for the cut audio', async () => {
		const context = new AudioContext();
		const player = new AudioPlayer(context);
		let drained = 0;
		player.onDrain = () => drained++;
		player.enqueue(tone(2, 0.3), RATE);
		expect(player.playing).toBe(true);
		const stopped = player.stop();
		expect(player.playing).toBe(false);
		expect(stopped.at).toBeGreaterThan(performance.timeOrigin);
		expect(stopped.clock).toBeCloseTo(context.currentTime, 1);
		await new Promise((done) => setTimeout(done, 100));
		expect(drained).toBe(0);
		await context.close();
	});
});

describe('Speaker', () => {
	it('queues sentences in order even when the voice finishes them out of order, and cancel drops the rest', async () => {
		const context = new AudioContext();
		const player = new AudioPlayer(context);
		const order: number[] = [];
		const speaker = new Speaker(player, async (text) => {
			// The second sentence is quicker to synthesise than the first.
			await new Promise((done) => setTimeout(done, text === 'eins' ? 30 : 5));
			return { audio: tone(0.5, 0.2), sampleRate: RATE };
		});
		speaker.say('eins', ({ clock }) => order.push(clock));
		speaker.say('zwei', ({ clock }) => order.push(clock));
		await speaker.settled();
		expect(order).toHaveLength(2);
		expect(order[1]).toBeGreaterThan(order[0]);
		speaker.say('drei', ({ clock }) => order.push(clock));
		speaker.cancel();
		await speaker.settled();
		await new Promise((done) => setTimeout(done, 50));
		expect(order).toHaveLength(2);
		expect(player.playing).toBe(false);
		await context.close();
	});
});
