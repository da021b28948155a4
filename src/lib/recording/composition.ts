import { drawFace } from '$lib/avatar/canvas';
import { faceDrawing, type AvatarPose } from '$lib/avatar/drawing';
import type { AvatarLook } from '$lib/avatar/look';
import { TrackFrames } from './frames';

/** The companion's drawn face as it moves (a `LiveAvatar`): drawn directly, sharp at any size. */
export interface FaceSource {
	readonly look: AvatarLook;
	readonly pose: AvatarPose;
}

/** One picture in the recording: a drawn face, else a video track (none: a named placeholder). */
export interface Tile {
	face?: FaceSource | null;
	track?: MediaStreamTrack | null;
	/** Whose picture it is, written under it when the call has several. */
	name?: string;
	/** Drawn as a circle (the companion's face). */
	round?: boolean;
}

/** What the call showed, read on every frame (it changes during a call). */
export interface Scene {
	/** The others: the companion, and in a call with people those who allowed the recording. */
	tiles: readonly Tile[];
	/** The person's camera, or null when it is off or lost. */
	self: MediaStream | null;
}

interface TrackGenerator extends MediaStreamTrack {
	writable: WritableStream<VideoFrame>;
}
type TrackGeneratorConstructor = new (init: { kind: 'video' }) => TrackGenerator;

export const COMPOSITION = { width: 640, height: 360, fps: 15 } as const;
const BACKGROUND = '#0d1322';
const FACE_PIXELS = 256;
/** How long stopping waits for the frame in flight before it stops the track anyway. */
const STOP_WAIT_MS = 1000;

/**
 * The call as the person saw it, as one video track: the companion's face in the middle (in a
 * call with people, everyone recorded in a grid), the self-view inset at the bottom right
 * (mirrored, as on screen), drawn on a canvas. `draw()` is called from a worker's clock
 * (`Ticker`), so the picture keeps coming while the page is hidden; each drawing becomes a frame
 * (Chromium's MediaStreamTrackGenerator, else the canvas's captureStream asked for one frame at a
 * time). A face drawn on animation frames holds still in a hidden page; the clock goes on.
 */
export class CallComposition {
	readonly track: MediaStreamTrack;
	/** Frames drawn so far. */
	frames = 0;
	/** How many tiles the last frame showed (for tests). */
	tiles = 0;
	readonly #canvas: HTMLCanvasElement;
	readonly #context: CanvasRenderingContext2D;
	readonly #face: CanvasRenderingContext2D;
	#writer: WritableStreamDefaultWriter<VideoFrame> | null = null;
	#frames = new Map<MediaStreamTrack, TrackFrames>();
	#writing = false;
	#pending: VideoFrame | null = null;

	constructor(private readonly scene: () => Scene) {
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
		const scene = this.scene();
		const used = new Set<MediaStreamTrack>();
		context.fillStyle = BACKGROUND;
		context.fillRect(0, 0, width, height);
		const cells = grid(scene.tiles.length, width, height);
		scene.tiles.forEach((tile, i) => this.#drawTile(tile, cells[i], used, cells.length > 1));
		if (scene.tiles.length === 0)
			placeholder(context, { x: 0, y: 0, w: width, h: height }, 'Nobody else is recorded');
		this.#drawSelf(scene.self, width - 12 - 160, height - 12 - 120, 160, 120, used);
		// Readers of tracks no longer shown (a person who left or took their consent back) stop.
		for (const [track, frames] of this.#frames) {
			if (used.has(track)) continue;
			frames.close();
			this.#frames.delete(track);
		}
		this.tiles = scene.tiles.length;
		this.frames++;
		this.#emit();
	}

	stop(): void {
		for (const frames of this.#frames.values()) frames.close();
		this.#frames.clear();
		const writer = this.#writer;
		this.#writer = null;
		// The track stops once the frame it is taking is through: stopped with a frame still in
		// its queue, Chromium drops that frame unclosed ("A VideoFrame was garbage collected").
		const end = () => {
			this.track.stop();
			this.#pending?.close();
		};
		if (!writer) return end();
		void writer
			.close()
			.catch(() => undefined)
			.finally(end);
		setTimeout(end, STOP_WAIT_MS);
	}

	#emit() {
		if (this.#writer) {
			// A frame the track has not taken yet is skipped rather than queued: memory stays flat.
			if (this.#writing || this.track.readyState === 'ended') return;
			const frame = new VideoFrame(this.#canvas, {
				timestamp: Math.round(performance.now() * 1000)
			});
			this.#writing = true;
			this.#pending = frame;
			// The track takes the frame's picture; closing ours after (or, when the track stopped
			// first, instead) keeps no frame for the garbage collector to find unclosed.
			this.#writer
				.write(frame)
				.catch(() => undefined)
				.finally(() => {
					frame.close();
					this.#pending = null;
					this.#writing = false;
				});
		} else {
			(this.track as CanvasCaptureMediaStreamTrack).requestFrame?.();
		}
	}

	/** The latest picture of `track`, reading it from now on. */
	#picture(track: MediaStreamTrack | null | undefined, used: Set<MediaStreamTrack>) {
		if (!track || track.readyState === 'ended') return null;
		used.add(track);
		let frames = this.#frames.get(track);
		if (!frames) this.#frames.set(track, (frames = new TrackFrames(track)));
		return frames.drawable ? frames : null;
	}

	#drawTile(tile: Tile, cell: Cell, used: Set<MediaStreamTrack>, labelled: boolean) {
		const context = this.#context;
		context.save();
		if (tile.round) {
			const size = Math.min(cell.w, cell.h) * (labelled ? 0.85 : 0.8);
			const cx = cell.x + cell.w / 2;
			const cy = cell.y + cell.h / 2;
			context.beginPath();
			context.arc(cx, cy, size / 2, 0, Math.PI * 2);
			context.clip();
			if (tile.face) {
				drawFace(this.#face, faceDrawing(tile.face.look, tile.face.pose), FACE_PIXELS);
				context.drawImage(this.#face.canvas, cx - size / 2, cy - size / 2, size, size);
			} else {
				const frames = this.#picture(tile.track, used);
				if (frames?.drawable)
					context.drawImage(frames.drawable, cx - size / 2, cy - size / 2, size, size);
			}
		} else {
			context.beginPath();
			context.roundRect(cell.x, cell.y, cell.w, cell.h, 8);
			context.clip();
			const frames = this.#picture(tile.track, used);
			if (frames?.drawable) cover(context, frames, cell.x, cell.y, cell.w, cell.h);
			else placeholder(context, cell, tile.name ?? 'Camera off');
		}
		context.restore();
		if (labelled && tile.name) label(context, tile.name, cell);
	}

	#drawSelf(
		camera: MediaStream | null,
		x: number,
		y: number,
		w: number,
		h: number,
		used: Set<MediaStreamTrack>
	) {
		const context = this.#context;
		const frames = this.#picture(camera?.getVideoTracks()[0], used);
		context.save();
		context.beginPath();
		context.roundRect(x, y, w, h, 8);
		context.clip();
		if (frames) {
			// Mirrored like the self-view on screen.
			context.translate(x + w, y);
			context.scale(-1, 1);
			cover(context, frames, 0, 0, w, h);
		} else {
			placeholder(context, { x, y, w, h }, 'Camera off');
		}
		context.restore();
	}
}

interface Cell {
	x: number;
	y: number;
	w: number;
	h: number;
}

const GAP = 8;

/** Where `count` tiles go: one fills the picture; more share it in a grid. */
export function grid(count: number, width: number, height: number): Cell[] {
	if (count <= 1) return [{ x: 0, y: 0, w: width, h: height }];
	const columns = Math.ceil(Math.sqrt(count));
	const rows = Math.ceil(count / columns);
	const w = (width - GAP * (columns + 1)) / columns;
	const h = (height - GAP * (rows + 1)) / rows;
	return Array.from({ length: count }, (_, i) => ({
		x: GAP + (i % columns) * (w + GAP),
		y: GAP + Math.floor(i / columns) * (h + GAP),
		w,
		h
	}));
}

/** Draws the picture covering the box (cropped, centred), like `object-fit: cover`. */
function cover(
	context: CanvasRenderingContext2D,
	frames: TrackFrames,
	x: number,
	y: number,
	w: number,
	h: number
) {
	const picture = frames.drawable;
	if (!picture) return;
	const scale = Math.max(w / (frames.width || w), h / (frames.height || h));
	const dw = (frames.width || w) * scale;
	const dh = (frames.height || h) * scale;
	context.drawImage(picture, x + (w - dw) / 2, y + (h - dh) / 2, dw, dh);
}

function placeholder(context: CanvasRenderingContext2D, cell: Cell, text: string) {
	context.fillStyle = '#1b2336';
	context.fillRect(cell.x, cell.y, cell.w, cell.h);
	context.fillStyle = '#cfd6e6';
	context.font = '14px sans-serif';
	context.textAlign = 'center';
	context.fillText(text, cell.x + cell.w / 2, cell.y + cell.h / 2 + 5);
}

function label(context: CanvasRenderingContext2D, text: string, cell: Cell) {
	context.save();
	context.font = '13px sans-serif';
	context.textAlign = 'left';
	const width = context.measureText(text).width + 12;
	context.fillStyle = 'rgba(0, 0, 0, 0.55)';
	context.fillRect(cell.x + 6, cell.y + cell.h - 26, width, 20);
	context.fillStyle = '#fff';
	context.fillText(text, cell.x + 12, cell.y + cell.h - 11);
	context.restore();
}

function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
	const context = canvas.getContext('2d');
	if (!context) throw new Error('This browser cannot draw the recording’s picture (no 2D canvas).');
	return context;
}
