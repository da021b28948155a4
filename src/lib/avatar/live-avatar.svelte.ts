import { drawFace } from './canvas';
import { faceDrawing, REST_POSE, type AvatarPose } from './drawing';
import type { AvatarLook } from './look';
import { FaceMotion } from './motion';

export interface LiveAvatarOptions {
	/** Width and height of the video, in pixels. */
	size?: number;
	/** Most frames a second drawn into the video. */
	fps?: number;
	random?: () => number;
}

/**
 * The companion's face in a call, alive: each animation frame moves it (`FaceMotion`) with the
 * voice's level, for the SVG face on screen (`pose`). Once its `track` is asked for, it is also
 * drawn onto a canvas whose `captureStream()` is that video track (for a recording or another
 * person); until then nothing is drawn off screen. Drawing follows requestAnimationFrame, so the
 * track holds its last frame while the page is hidden.
 */
export class LiveAvatar {
	/** The pose of the current frame. */
	pose = $state.raw<AvatarPose>(REST_POSE);
	readonly #size: number;
	readonly #fps: number;
	readonly #motion: FaceMotion;
	#frame = 0;
	#draw: (() => void) | null = null;
	#track: MediaStreamTrack | null = null;

	constructor(
		readonly look: AvatarLook,
		{ size = 256, fps = 30, random = Math.random }: LiveAvatarOptions = {}
	) {
		this.#size = size;
		this.#fps = fps;
		this.#motion = new FaceMotion(random);
	}

	/**
	 * The face as video while it moves: made (and drawn from then on) on first use. Null before
	 * start() and after stop(), or where canvas capture is unavailable.
	 */
	get track(): MediaStreamTrack | null {
		if (!this.#frame) return null;
		if (!this.#track) this.#track = this.#capture();
		return this.#track;
	}

	/** Starts moving with `level` (0..1, read every frame). */
	start(level: () => number): void {
		if (this.#frame) return;
		let drawnAt = -Infinity;
		const tick = (time: number) => {
			this.pose = this.#motion.step(time, level());
			// The screen may refresh faster than the video needs frames.
			if (this.#draw && time - drawnAt >= 1000 / this.#fps - 2) {
				this.#draw();
				drawnAt = time;
			}
			this.#frame = requestAnimationFrame(tick);
		};
		this.#frame = requestAnimationFrame(tick);
	}

	/** Stops moving and ends the video track. */
	stop(): void {
		cancelAnimationFrame(this.#frame);
		this.#frame = 0;
		this.#draw = null;
		this.#track?.stop();
		this.#track = null;
	}

	#capture(): MediaStreamTrack | null {
		const canvas = document.createElement('canvas');
		canvas.width = canvas.height = this.#size;
		const context = canvas.getContext('2d');
		if (!context || !canvas.captureStream) return null;
		this.#draw = () => drawFace(context, faceDrawing(this.look, this.pose), this.#size);
		this.#draw();
		return canvas.captureStream(this.#fps).getVideoTracks()[0] ?? null;
	}
}
