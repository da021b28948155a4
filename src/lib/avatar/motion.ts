import type { AvatarPose } from './drawing';
import type { FaceState } from './face-state';
import { blendShapes, levelShape, REST_MOUTH, VISEME_SHAPES, type MouthShape } from './mouth';
import type { MouthFrame } from './visemes/schedule';

/** How much of the way to its target a smoothed value moves per 60 Hz frame. */
const FOLLOW = 0.35;
const FIRST_BLINK_MS = 2500;
const BLINK_MS = 130;
const BLINK_EVERY_MS = 2200;
const BLINK_SPREAD_MS = 3800;
/** Where the eyes go while thinking (up and aside), drawing units. */
const THINKING_GAZE: [number, number] = [-2.6, -1.8];
/** A nod while the person speaks: every NOD_MS, NOD_DEPTH units down and back. */
const NOD_MS = 1700;
const NOD_DEPTH = 2.2;
const BREATH_MS = 4200;

/** What moves the face in one frame. */
export interface FaceDrive {
	state: FaceState;
	/** The viseme playing now, from the voice's track; null when none. */
	mouth: MouthFrame | null;
	/** Speech level 0..1, for a voice without visemes (the browser's). */
	level: number;
	/** prefers-reduced-motion: no idle motion (sway, breathing, glances, blinks, nods). */
	reducedMotion: boolean;
}

const approach = (value: number, target: number, amount: number) =>
	value + (target - value) * amount;

/**
 * The face's life, frame by frame, from the turn (`FaceState`), the visemes and the level: the
 * mouth takes each viseme's shape (blending into the next), the brows rise with stressed words,
 * the eyes look at the person, away while thinking, and make small saccades; the head sways,
 * breathes and nods while the person speaks; the eyes blink at random intervals. Pure apart from
 * `random`, so a test can step it.
 */
export class FaceMotion {
	#mouth: MouthShape = REST_MOUTH;
	#level = 0;
	#brow = 0;
	#gaze: [number, number] = [0, 0];
	#saccade: [number, number] = [0, 0];
	#nextSaccade = 0;
	#nextBlink: number | null = null;
	#blinkUntil = -Infinity;
	#last: number | null = null;

	constructor(private readonly random: () => number = Math.random) {}

	/** The pose at `time` (ms, e.g. requestAnimationFrame's). */
	step(time: number, drive: FaceDrive): AvatarPose {
		const frames = this.#last === null ? 1 : Math.min(4, Math.max(0, (time - this.#last) / 16.7));
		this.#last = time;
		const follow = 1 - Math.pow(1 - FOLLOW, frames);
		const { state, reducedMotion } = drive;
		const still = reducedMotion;

		// Mouth: the viseme's shape, else the level (an open vowel), else at rest.
		let target = REST_MOUTH;
		if (drive.mouth) {
			const { viseme, next, blend } = drive.mouth;
			target = blendShapes(VISEME_SHAPES[viseme], VISEME_SHAPES[next], blend);
		} else if (drive.level > 0.01) {
			this.#level = approach(this.#level, drive.level, 0.45);
			target = levelShape(this.#level);
		} else this.#level = 0;
		// Visemes arrive on time: follow them closely (a frame's smoothing, no lag beyond it).
		this.#mouth = blendShapes(this.#mouth, target, drive.mouth ? 0.7 : follow);
		// Arrived: the target itself, so that a face holding still draws nothing new.
		if (closeTo(this.#mouth, target)) this.#mouth = target;

		// Brows: stress while speaking, attention while listening, a little up while thinking.
		const browTarget =
			state.mode === 'speaking'
				? (drive.mouth?.stress ?? 0) * 0.8
				: state.mode === 'thinking'
					? 0.45
					: state.mode === 'listening' && state.hearing
						? 0.25
						: 0;
		this.#brow = approach(this.#brow, browTarget, follow * 0.5);

		// Gaze: away while thinking; otherwise at the person, with small saccades (idle wider).
		if (!still && time >= this.#nextSaccade) {
			const reach = state.mode === 'idle' ? 1.6 : 0.6;
			this.#saccade = [(this.random() * 2 - 1) * reach, (this.random() * 2 - 1) * reach * 0.5];
			this.#nextSaccade = time + 500 + this.random() * (state.mode === 'idle' ? 2200 : 1200);
		}
		if (still) this.#saccade = [0, 0];
		const gazeTarget: [number, number] =
			state.mode === 'thinking' ? THINKING_GAZE : [this.#saccade[0], this.#saccade[1]];
		// Saccades jump; turning away and back is quick but not instant.
		this.#gaze = [
			approach(this.#gaze[0], gazeTarget[0], 0.5),
			approach(this.#gaze[1], gazeTarget[1], 0.5)
		];

		// Blinks.
		this.#nextBlink ??= time + FIRST_BLINK_MS;
		if (!still && time > this.#nextBlink) {
			this.#blinkUntil = time + BLINK_MS;
			this.#nextBlink = time + BLINK_EVERY_MS + this.random() * BLINK_SPREAD_MS;
		}

		const open = this.#mouth.open;
		const nodding = state.mode === 'listening' && state.hearing && !still;
		const phase = (time % NOD_MS) / NOD_MS;
		return {
			mouth: open,
			shape: this.#mouth,
			blink: !still && time < this.#blinkUntil,
			tilt: still ? 0 : Math.sin(time / 1400) * 1.6 + Math.sin(time / 530) * 0.4,
			gaze: [round(this.#gaze[0]), round(this.#gaze[1])],
			brow: round(this.#brow),
			nod: nodding && phase < 0.35 ? Math.sin((phase / 0.35) * Math.PI) * NOD_DEPTH : 0,
			breath: still ? 0 : (Math.sin((time / BREATH_MS) * 2 * Math.PI) + 1) / 2
		};
	}
}

const round = (n: number) => Math.round(n * 1000) / 1000;

const closeTo = (a: MouthShape, b: MouthShape) =>
	(Object.keys(a) as (keyof MouthShape)[]).every((key) => Math.abs(a[key] - b[key]) < 0.002);
