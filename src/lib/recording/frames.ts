/** What the composition can draw: a VideoFrame, or a video element showing the track. */
type Drawable = VideoFrame | HTMLVideoElement;

interface TrackProcessor {
	readable: ReadableStream<VideoFrame>;
}
type TrackProcessorConstructor = new (init: { track: MediaStreamTrack }) => TrackProcessor;

/**
 * The latest picture of a video track, for drawing on a timer. Chromium's MediaStreamTrackProcessor
 * hands over every frame also while the page is hidden; elsewhere a muted video element shows it
 * (and may hold its last frame in a hidden page).
 */
export class TrackFrames {
	#frame: VideoFrame | null = null;
	#video: HTMLVideoElement | null = null;
	#reader: ReadableStreamDefaultReader<VideoFrame> | null = null;

	constructor(readonly track: MediaStreamTrack) {
		const Processor = (globalThis as { MediaStreamTrackProcessor?: TrackProcessorConstructor })
			.MediaStreamTrackProcessor;
		if (Processor) {
			this.#reader = new Processor({ track }).readable.getReader();
			void this.#read(this.#reader);
		} else {
			const video = document.createElement('video');
			video.muted = true;
			video.playsInline = true;
			video.srcObject = new MediaStream([track]);
			void video.play().catch(() => undefined);
			this.#video = video;
		}
	}

	/** Whether there is a picture to draw. */
	get drawable(): Drawable | null {
		if (this.track.readyState === 'ended') return null;
		if (this.#frame) return this.#frame;
		return this.#video && this.#video.readyState >= 2 ? this.#video : null;
	}

	get width(): number {
		return this.#frame?.displayWidth ?? this.#video?.videoWidth ?? 0;
	}

	get height(): number {
		return this.#frame?.displayHeight ?? this.#video?.videoHeight ?? 0;
	}

	close(): void {
		void this.#reader?.cancel().catch(() => undefined);
		this.#reader = null;
		this.#frame?.close();
		this.#frame = null;
		if (this.#video) this.#video.srcObject = null;
		this.#video = null;
	}

	async #read(reader: ReadableStreamDefaultReader<VideoFrame>) {
		for (;;) {
			const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
			if (done || !value) return;
			if (this.#reader !== reader) {
				value.close();
				return;
			}
			this.#frame?.close();
			this.#frame = value;
		}
	}
}
