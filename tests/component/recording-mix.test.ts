import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { CallComposition, COMPOSITION, grid, type Scene } from '$lib/recording/composition';
import { TrackFrames } from '$lib/recording/frames';
import { CallMix } from '$lib/recording/mix';

/** Audio runs only after a person's gesture (recording starts with a click). */
async function click() {
	const button = document.body.appendChild(document.createElement('button'));
	button.textContent = 'Record';
	await userEvent.click(button);
	button.remove();
}

/** A stream with one audio track playing a steady tone of `amplitude`. */
function tone(context: AudioContext, amplitude: number): MediaStream {
	const source = context.createConstantSource();
	source.offset.value = amplitude;
	const destination = context.createMediaStreamDestination();
	source.connect(destination);
	source.start();
	return destination.stream;
}

/** How loud the mix is, heard through an analyser. */
function listenTo(context: AudioContext, track: MediaStreamTrack) {
	const analyser = context.createAnalyser();
	context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
	const samples = new Float32Array(analyser.fftSize);
	return () => {
		analyser.getFloatTimeDomainData(samples);
		return Math.max(...samples.map(Math.abs));
	};
}

/** A video track of one solid colour, drawn anew on every frame asked. */
function colour(fill: string): MediaStreamTrack {
	const canvas = document.createElement('canvas');
	canvas.width = 64;
	canvas.height = 48;
	const context = canvas.getContext('2d')!;
	const track = canvas.captureStream(15).getVideoTracks()[0];
	const paint = () => {
		if (track.readyState === 'ended') return;
		context.fillStyle = fill;
		context.fillRect(0, 0, 64, 48);
		setTimeout(paint, 30);
	};
	paint();
	return track;
}

describe('what a recording of a call with people hears and shows', () => {
	it('mixes exactly the streams it is given now: one who takes consent back leaves the mix', async () => {
		await click();
		const context = new AudioContext();
		const me = tone(context, 0.1);
		const anna = tone(context, 0.3);
		let streams: (MediaStream | null)[] = [me];
		const mix = new CallMix({ context, nodes: [], streams: () => streams });
		const level = listenTo(context, mix.track);
		await expect.poll(level, { timeout: 3000 }).toBeCloseTo(0.1, 2);

		streams = [me, anna];
		mix.follow();
		expect(mix.streams).toEqual([me, anna]);
		await expect.poll(level, { timeout: 3000 }).toBeCloseTo(0.4, 2);

		// Anna took her consent back: only this person's own sound from now on.
		streams = [me, null];
		mix.follow();
		expect(mix.streams).toEqual([me]);
		await expect.poll(level, { timeout: 3000 }).toBeCloseTo(0.1, 2);

		// A stream whose audio ended drops out by itself.
		me.getAudioTracks()[0].stop();
		streams = [me];
		mix.follow();
		expect(mix.streams).toEqual([]);
		mix.close();
		expect(mix.track.readyState).toBe('ended');
		await context.close();
	});

	it('draws those in the recording in a grid, and stops reading a track once it leaves', async () => {
		const red = colour('#ff0000');
		const blue = colour('#0000ff');
		let scene: Scene = { tiles: [{ track: red, name: 'Anna' }], self: null };
		const composition = new CallComposition(() => scene);
		// What the recording receives: the composition's track, read frame by frame.
		const frames = new TrackFrames(composition.track);
		const canvas = document.createElement('canvas');
		canvas.width = COMPOSITION.width;
		canvas.height = COMPOSITION.height;
		const context = canvas.getContext('2d', { willReadFrequently: true })!;
		/** The colour at a point, as 'red', 'blue' or 'other'. */
		const pixel = (x: number, y: number) => {
			const picture = frames.drawable;
			if (!picture) return 'none';
			context.drawImage(picture, 0, 0);
			const [r, g, b] = context.getImageData(x, y, 1, 1).data;
			return r > 200 && g < 60 && b < 60 ? 'red' : b > 200 && r < 60 && g < 60 ? 'blue' : 'other';
		};
		const tick = setInterval(() => composition.draw(), 66);
		try {
			// One person fills the picture.
			await expect.poll(() => pixel(100, 100), { timeout: 5000 }).toBe('red');
			// Two: side by side.
			scene = {
				tiles: [
					{ track: red, name: 'Anna' },
					{ track: blue, name: 'Ben' }
				],
				self: null
			};
			const [left, right] = grid(2, COMPOSITION.width, COMPOSITION.height);
			const inside = (cell: typeof left) =>
				[Math.round(cell.x + cell.w / 2), Math.round(cell.y + 40)] as const;
			await expect.poll(() => pixel(...inside(right)), { timeout: 5000 }).toBe('blue');
			expect(pixel(...inside(left))).toBe('red');
			expect(composition.tiles).toBe(2);
			// Ben took his consent back: he is gone from the next frame on.
			scene = { tiles: [{ track: red, name: 'Anna' }], self: null };
			await expect.poll(() => pixel(...inside(right)), { timeout: 5000 }).not.toBe('blue');
		} finally {
			clearInterval(tick);
			frames.close();
			composition.stop();
			red.stop();
			blue.stop();
		}
	});

	it('lays out a grid inside the picture, without overlaps', () => {
		expect(grid(1, 640, 360)).toEqual([{ x: 0, y: 0, w: 640, h: 360 }]);
		const four = grid(4, 640, 360);
		expect(four).toHaveLength(4);
		for (const cell of four) {
			expect(cell.x + cell.w).toBeLessThanOrEqual(640);
			expect(cell.y + cell.h).toBeLessThanOrEqual(360);
		}
		expect(four[1].x).toBeGreaterThanOrEqual(four[0].x + four[0].w);
		expect(four[2].y).toBeGreaterThanOrEqual(four[0].y + four[0].h);
	});
});
