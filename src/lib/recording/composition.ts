import { drawFace } from '$lib/avatar/canvas';
import { faceDrawing, type AvatarPose } from '$lib/avatar/drawing';
import type { AvatarLook } from '$lib/avatar/look';
import { TrackFrames } from './frames';

/** The companion's drawn face as it moves (a `LiveAvatar`): drawn directly, sharp at any size. */
export interface FaceSource {
	readonly look: AvatarLook;
	readonly pose: AvatarPose;
}

/** What the call showed, read on every frame (the sources change during a call). */
export interface CompositionSources {
	/** The companion's drawn face, or null (then `avatarTrack` is drawn, if any). */
	face: () => FaceSource | null;
	/** The companion's face as video (a hosted face). */
	avatarTrack: () => MediaStreamTrack | null;
	/** The person's camera, or null when it is off or lost. */
	camera: () => MediaStream | null;
}

interface TrackGenerator extends MediaStreamTrack {
	writable: WritableStream<VideoFrame>;
}
type TrackGeneratorConstructor = new (init: { kind: 'video' }) => TrackGenerator;

export const COMPOSITION = { width: 640, height: 360, fps: 15 } as const;
const BACKGROUND = '#0d1322';
const FACE_PIXELS = 256;

/**
 * The call as the person saw it, as one video track: the companion's face in the middle, the
 * self-view inset at the bottom right (mirrored, as on screen), drawn on a canvas. `draw()` is
 * called from a worker's clock (`Ticker`), so the picture keeps coming while the page is hidden;
 * each drawing becomes a frame (Chromium's MediaStreamTrackGenerator, else the canvas's
 * captureStream asked for one frame at a time). A face drawn on animation frames holds still in
 * a hidden page; the camera inset and the clock go on.
 */
export class CallComposition {
	readonly track: MediaStreamTrack;
	/** Frames drawn so far. */
	frames = 0;
	readonly #canvas: HTMLCanvasElement;
	readonly #context: CanvasRenderingContext2D;
	readonly #face: CanvasRenderingContext2D;
	#writer: WritableStreamDefaultWriter<VideoFrame> | null = null;
	#camera: TrackFrames | null = null;
	#avatar: TrackFrames | null = null;
	#writing = false;

	constructor(private readonly sources: CompositionSources) {
		this.#canvas = document.createElement('canvas');
		this.#canvas.width = COMPOSITION.width;
		this.#canvas.height = COMPOSITION.height;
		this.#context = context2d(this.#canvas);
		const face = document.createElement('canvas');
		face.width = face.height = FACE_PIXELS;
		this.#face = context2d(face);
		const Generator = (globalThis as { MediaStreamTrackGenerator?: TrackGeneratorConstructor })
			.MediaStreamTrackGenerator;
		if (Generator) {
			const generator = new Generator({ kind: 'video' });
			this.#writer = generator.writable.getWriter();
			this.track = generator;
		} else {
			this.track = this.#canvas.captureStream(0).getVideoTracks()[0];
		}
		this.draw();
	}

	/** Draws the next frame and hands it to the track. */
	draw(): void {
		const { width, height } = COMPOSITION;
		const context = this.#context;
		context.fillStyle = BACKGROUND;
		context.fillRect(0, 0, width, height);
		this.#drawFace(width / 2, height / 2, height * 0.8);
		this.#drawSelf(width - 12 - 160, height - 12 - 120, 160, 120);
		this.frames++;
		this.#emit();
	}

	stop(): void {
		this.#camera?.close();
		this.#avatar?.close();
		this.#camera = this.#avatar = null;
		void this.#writer?.close().catch(() => undefined);
		this.#writer = null;
		this.track.stop();
	}

	#emit() {
		if (this.#writer) {
			// A frame the track has not taken yet is skipped rather than queued: memory stays flat.
			if (this.#writing || this.track.readyState === 'ended') return;
			const frame = new VideoFrame(this.#canvas, {
				timestamp: Math.round(performance.now() * 1000)
			});
			this.#writing = true;
			this.#writer
				.write(frame)
				.catch(() => frame.close())
				.finally(() => (this.#writing = false));
		} else {
			(this.track as CanvasCaptureMediaStreamTrack).requestFrame?.();
		}
	}

	#drawFace(cx: number, cy: number, size: number) {
		const context = this.#context;
		context.save();
		context.beginPath();
		context.arc(cx, cy, size / 2, 0, Math.PI * 2);
		context.clip();
		const face = this.sources.face();
		if (face) {
			drawFace(this.#face, faceDrawing(face.look, face.pose), FACE_PIXELS);
			context.drawImage(this.#face.canvas, cx - size / 2, cy - size / 2, size, size);
		} else {
			this.#avatar = follow(this.#avatar, this.sources.avatarTrack());
			const picture = this.#avatar?.drawable;
			if (picture) context.drawImage(picture, cx - size / 2, cy - size / 2, size, size);
		}
		context.restore();
	}

	#drawSelf(x: number, y: number, w: number, h: number) {
		const context = this.#context;
		this.#camera = follow(this.#camera, this.sources.camera()?.getVideoTracks()[0] ?? null);
		const picture = this.#camera?.drawable;
		context.save();
		context.beginPath();
		context.roundRect(x, y, w, h, 8);
		context.clip();
		if (picture && this.#camera) {
			// Cover the inset, mirrored like the self-view on screen.
			const scale = Math.max(w / this.#camera.width, h / this.#camera.height);
			const dw = this.#camera.width * scale;
			const dh = this.#camera.height * scale;
			context.translate(x + w, y);
			context.scale(-1, 1);
			context.drawImage(picture, (w - dw) / 2, (h - dh) / 2, dw, dh);
		} else {
			context.fillStyle = '#1b2336';
			context.fillRect(x, y, w, h);
			context.fillStyle = '#cfd6e6';
			context.font = '14px sans-serif';
			context.textAlign = 'center';
			context.fillText('Camera off', x + w / 2, y + h / 2 + 5);
		}
		context.restore();
	}
}

/** The frames of `track`, reusing `current` when it is the same track. */
function follow(current: TrackFrames | null, track: MediaStreamTrack | null): TrackFrames | null {
	if (current?.track === track) return current;
	current?.close();
	return track ? new TrackFrames(track) : null;
}

function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
	const context = canvas.getContext('2d');
	if (!context) throw new Error('This browser cannot draw the recording’s picture (no 2D canvas).');
	return context;
}
