import { drawFace } from './canvas';
import { faceDrawing, faceLayers, REST_POSE, type AvatarPose } from './drawing';
import { INITIAL_FACE, reduceFace, type CallPhase, type FaceState } from './face-state';
import type { AvatarLook } from './look';
import { FaceMotion } from './motion';
import type { Viseme } from './visemes';
import type { MouthFrame } from './visemes/schedule';
import { Ticker } from '$lib/workers/ticker';

export interface LiveAvatarOptions {
	/** Width and height of the video in CSS pixels (times the device pixel ratio, up to 2). */
	size?: number;
	/** Most frames a second drawn into the video. */
	fps?: number;
	random?: () => number;
	/** Overrides `prefers-reduced-motion` (tests). */
	reducedMotion?: boolean;
}

/** What moves the face, read every frame. A bare function is the speech level alone. */
export interface AvatarSource {
	/** How loud the companion is, 0..1 (used where no visemes come). */
	level(): number;
	/** The viseme playing now on the voice's audio clock. */
	mouth?(): MouthFrame | null;
	/** The call's turn-taking phase. */
	phase?(): CallPhase;
	/** Whether the current reply's first clause has gone to the voice. */
	clause?(): boolean;
}

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/**
 * The companion's face in a call, alive: each animation frame steps its turn (`reduceFace`) and
 * moves it (`FaceMotion`) with the voice's visemes, for the SVG face on screen (`pose`). Once its
 * `track` is asked for, it is also drawn onto a canvas (at the device pixel ratio) whose
 * `captureStream()` is that video track (for a recording or another person); until then nothing
 * is drawn off screen. Frames follow requestAnimationFrame; while the page is hidden (no animation
 * frames), a worker's clock (`Ticker`) drives them instead, so the face in a recording or in
 * another person's call keeps moving and speaking.
 */
export class LiveAvatar {
	/** The pose of the current frame. */
	pose = $state.raw<AvatarPose>(REST_POSE);
	/** The face's turn. */
	state = $state.raw<FaceState>(INITIAL_FACE);
	/** The viseme shown now (`sil` when none). */
	viseme = $state<Viseme>('sil');
	/** Idle motion is off (prefers-reduced-motion). */
	reducedMotion = $state(false);
	readonly #size: number;
	readonly #fps: number;
	readonly #motion: FaceMotion;
	readonly #forcedReduced: boolean | undefined;
	#frame = 0;
	#running = false;
	#step: ((time: number) => void) | null = null;
	#ticker: Ticker | null = null;
	#draw: (() => void) | null = null;
	#track: MediaStreamTrack | null = null;
	#media: MediaQueryList | null = null;
	readonly #onMedia = () => (this.reducedMotion = this.#media?.matches ?? false);

	constructor(
		readonly look: AvatarLook,
		{ size = 256, fps = 30, random = Math.random, reducedMotion }: LiveAvatarOptions = {}
	) {
		const ratio = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1;
		this.#size = Math.round(size * Math.max(1, Math.min(2, ratio)));
		this.#fps = fps;
		this.#motion = new FaceMotion(random);
		this.#forcedReduced = reducedMotion;
	}

	/** Pixels per side of the video. */
	get size(): number {
		return this.#size;
	}

	/**
	 * The face as video while it moves: made (and drawn from then on) on first use. Null before
	 * start() and after stop(), or where canvas capture is unavailable.
	 */
	get track(): MediaStreamTrack | null {
		if (!this.#running) return null;
		if (!this.#track) this.#track = this.#capture();
		return this.#track;
	}

	/** Starts moving with what `source` says each frame (a function: the speech level alone). */
	start(source: AvatarSource | (() => number)): void {
		if (this.#running) return;
		this.#running = true;
		const drive: AvatarSource = typeof source === 'function' ? { level: source } : source;
		if (this.#forcedReduced === undefined && typeof matchMedia === 'function') {
			this.#media = matchMedia(REDUCED_MOTION);
			this.#media.addEventListener('change', this.#onMedia);
			this.#onMedia();
		} else this.reducedMotion = this.#forcedReduced ?? false;
		let drawnAt = -Infinity;
		this.#step = (time: number) => {
			let state = this.state;
			if (drive.phase) state = reduceFace(state, { type: 'phase', phase: drive.phase() });
			if (drive.clause?.()) state = reduceFace(state, { type: 'clause' });
			if (state !== this.state) this.state = state;
			const mouth = drive.mouth?.() ?? null;
			const viseme = mouth ? (mouth.blend > 0.5 ? mouth.next : mouth.viseme) : 'sil';
			if (viseme !== this.viseme) this.viseme = viseme;
			this.pose = this.#motion.step(time, {
				state,
				mouth,
				level: drive.level(),
				reducedMotion: this.reducedMotion
			});
			// The screen may refresh faster than the video needs frames.
			if (this.#draw && time - drawnAt >= 1000 / this.#fps - 2) {
				this.#draw();
				drawnAt = time;
			}
		};
		this.#animate();
		if (typeof document !== 'undefined') {
			document.addEventListener('visibilitychange', this.#onVisibility);
			this.#onVisibility();
		}
	}

	/** Frames from the screen's refresh. */
	#animate(): void {
		const tick = (time: number) => {
			this.#step?.(time);
			this.#frame = requestAnimationFrame(tick);
		};
		this.#frame = requestAnimationFrame(tick);
	}

	/**
	 * A hidden page gets no animation frames: a worker's clock keeps the face moving for what may
	 * still show it (a recording draws its pose, another person sees its track).
	 */
	readonly #onVisibility = () => {
		if (!this.#running) return;
		const hidden = document.visibilityState === 'hidden';
		if (hidden && !this.#ticker) {
			cancelAnimationFrame(this.#frame);
			this.#frame = 0;
			this.#ticker = new Ticker(1000 / this.#fps, () => this.#step?.(performance.now()));
			this.#ticker.start();
		} else if (!hidden && this.#ticker) {
			this.#ticker.stop();
			this.#ticker = null;
			this.#animate();
		}
	};

	/** Stops moving and ends the video track. */
	stop(): void {
		this.#running = false;
		cancelAnimationFrame(this.#frame);
		this.#frame = 0;
		this.#ticker?.stop();
		this.#ticker = null;
		this.#step = null;
		globalThis.document?.removeEventListener('visibilitychange', this.#onVisibility);
		this.#draw = null;
		this.#track?.stop();
		this.#track = null;
		this.#media?.removeEventListener('change', this.#onMedia);
		this.#media = null;
	}

	#capture(): MediaStreamTrack | null {
		const canvas = document.createElement('canvas');
		canvas.width = canvas.height = this.#size;
		const context = canvas.getContext('2d');
		if (!context || !canvas.captureStream) return null;
		const layers = faceLayers(this.look);
		this.#draw = () => drawFace(context, faceDrawing(this.look, this.pose, layers), this.#size);
		this.#draw();
		return canvas.captureStream(this.#fps).getVideoTracks()[0] ?? null;
	}
}
