import { describe, expect, it } from 'vitest';
import { FACE_SIZE } from '$lib/avatar/drawing';
import { LiveAvatar } from '$lib/avatar/live-avatar.svelte';
import { DEFAULT_LOOK } from '$lib/avatar/look';

const SIZE = 256;
/** Below the lips' line: skin while the mouth is closed, the inside of the mouth when open. */
const UNDER_LIPS = { x: 100, y: 155 };

type Rgb = [number, number, number];

const hex = (colour: string): Rgb => {
	const n = parseInt(colour.slice(1), 16);
	return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
};
const distance = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/** Reads one point of the track's video as a viewer would: a <video> element, then a canvas. */
async function watch(track: MediaStreamTrack) {
	const video = document.createElement('video');
	video.muted = true;
	video.srcObject = new MediaStream([track]);
	await video.play();
	const canvas = document.createElement('canvas');
	canvas.width = canvas.height = SIZE;
	const context = canvas.getContext('2d', { willReadFrequently: true })!;
	return {
		/** The colour at a point of the 200 × 200 drawing, in the next frame shown. */
		async colourAt({ x, y }: { x: number; y: number }): Promise<Rgb> {
			await new Promise((done) => video.requestVideoFrameCallback(done));
			context.drawImage(video, 0, 0, SIZE, SIZE);
			const scale = SIZE / FACE_SIZE;
			const [r, g, b] = context.getImageData(
				Math.round(x * scale),
				Math.round(y * scale),
				1,
				1
			).data;
			return [r, g, b];
		},
		close() {
			video.pause();
			video.srcObject = null;
		}
	};
}

describe('LiveAvatar', () => {
	it('is a video track of the face whose mouth moves with the voice', async () => {
		let level = 0;
		const avatar = new LiveAvatar(DEFAULT_LOOK, { size: SIZE, random: () => 0.5 });
		expect(avatar.track).toBeNull();
		avatar.start(() => level);
		const track = avatar.track;
		expect(track?.kind).toBe('video');
		const viewer = await watch(track!);

		const skin = hex(DEFAULT_LOOK.skin);
		const mouth = hex('#5a1f22');
		expect(distance(await viewer.colourAt(UNDER_LIPS), skin)).toBeLessThan(40);
		// The background around the face is drawn too.
		expect(
			distance(await viewer.colourAt({ x: 5, y: 5 }), hex(DEFAULT_LOOK.background))
		).toBeLessThan(40);

		level = 1;
		await expect.poll(() => avatar.pose.mouth).toBeGreaterThan(0.95);
		await expect
			.poll(async () => distance(await viewer.colourAt(UNDER_LIPS), mouth), { timeout: 2000 })
			.toBeLessThan(40);

		level = 0;
		await expect.poll(() => avatar.pose.mouth).toBeLessThan(0.05);
		await expect
			.poll(async () => distance(await viewer.colourAt(UNDER_LIPS), skin), { timeout: 2000 })
			.toBeLessThan(40);

		viewer.close();
		avatar.stop();
		expect(track!.readyState).toBe('ended');
		expect(avatar.track).toBeNull();
	});

	it('blinks now and then', async () => {
		const avatar = new LiveAvatar(DEFAULT_LOOK, { random: () => 0 });
		avatar.start(() => 0);
		// The first blink comes 2.5 s in and lasts 130 ms.
		await expect.poll(() => avatar.pose.blink, { timeout: 4000, interval: 20 }).toBe(true);
		await expect.poll(() => avatar.pose.blink, { timeout: 1000, interval: 20 }).toBe(false);
		avatar.stop();
	});

	it('keeps its track moving while the page is hidden (no animation frames), on a worker clock', async () => {
		let level = 0;
		const avatar = new LiveAvatar(DEFAULT_LOOK, { size: SIZE, random: () => 0.5 });
		avatar.start(() => level);
		expect(avatar.track).not.toBeNull();
		const animationFrame = window.requestAnimationFrame;
		try {
			// What a hidden page gets: visibilityState 'hidden' and no animation frames.
			window.requestAnimationFrame = () => 0;
			Object.defineProperty(document, 'visibilityState', { configurable: true, value: 'hidden' });
			document.dispatchEvent(new Event('visibilitychange'));
			level = 1;
			await expect.poll(() => avatar.pose.mouth, { timeout: 2000 }).toBeGreaterThan(0.95);
			level = 0;
			await expect.poll(() => avatar.pose.mouth, { timeout: 2000 }).toBeLessThan(0.05);
		} finally {
			window.requestAnimationFrame = animationFrame;
			delete (document as unknown as Record<string, unknown>).visibilityState;
			document.dispatchEvent(new Event('visibilitychange'));
		}
		// Visible again: animation frames take over from the clock.
		level = 1;
		await expect.poll(() => avatar.pose.mouth, { timeout: 2000 }).toBeGreaterThan(0.95);
		avatar.stop();
	});
});
