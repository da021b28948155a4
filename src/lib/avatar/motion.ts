import type { AvatarPose } from './drawing';

/** How much of the way to the speech level the mouth moves per frame (like speech, not a meter). */
const MOUTH_FOLLOW = 0.45;
const FIRST_BLINK_MS = 2500;
const BLINK_MS = 130;
const BLINK_EVERY_MS = 2200;
const BLINK_SPREAD_MS = 3800;

/**
 * The face's life, frame by frame: the mouth follows the speech level (smoothed), the head sways a
 * little, the eyes blink at random intervals. Pure apart from `random`, so a test can step it.
 */
export class FaceMotion {
	#mouth = 0;
	#nextBlink: number | null = null;
	#blinkUntil = -Infinity;

	constructor(private readonly random: () => number = Math.random) {}

	/** The pose at `time` (ms, e.g. requestAnimationFrame's), for a speech level of 0..1. */
	step(time: number, level: number): AvatarPose {
		this.#nextBlink ??= time + FIRST_BLINK_MS;
		this.#mouth += (level - this.#mouth) * MOUTH_FOLLOW;
		if (time > this.#nextBlink) {
			this.#blinkUntil = time + BLINK_MS;
			this.#nextBlink = time + BLINK_EVERY_MS + this.random() * BLINK_SPREAD_MS;
		}
		return {
			mouth: this.#mouth,
			blink: time < this.#blinkUntil,
			tilt: Math.sin(time / 1400) * 1.6 + Math.sin(time / 530) * 0.4
		};
	}
}
