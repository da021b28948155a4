/** What the composition can draw: a VideoFrame, or a video element showing the track. */
type Drawable = VideoFrame | HTMLVideoElement;

interface TrackProcessor {
	readable: ReadableStream<VideoFrame>;
}
type TrackProcessorConstructor = new (init: { track: MediaStreamTrack }) => TrackProcessor;

/**
 * One MediaStreamTrackProcessor per track, read for as long as the track lives. It is never
 * cancelled: cancelling while a read is pending races with a frame on its way in, which Chromium
 * then drops unclosed ("A VideoFrame was garbage collected without being closed"; seen after a
 * recording stopped while its call went on). With nobody drawing, each frame is closed as it
 * comes; the stream ends with its track (the call's end).
 */
class Reading {
	latest: VideoFrame | null = null;
	users = 0;

	constructor(
		track: MediaStreamTrack,
		Processor: TrackProcessorConstructor,
		private readonly done: () => void
	) {
		void this.#read(new Processor({ track }).readable.getReader());
	}

	async #read(reader: ReadableStreamDefaultReader<VideoFrame>) {
		for (;;) {
			const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
			if (done || !value) break;
			this.latest?.close();
			this.latest = null;
			if (this.users > 0) this.latest = value;
			else value.close();
		}
		this.latest?.close();
		this.latest = null;
		this.done();
	}
}

const readings = new WeakMap<MediaStreamTrack, Reading>();

/**
 * The latest picture of a video track, for drawing on a timer. Chromium's MediaStreamTrackProcessor
 * hands over every frame also while the page is hidden (one per track, shared, see `Reading`);
 * elsewhere a muted video element shows it (and may hold its last frame in a hidden page).
 */
export class TrackFrames {
	#reading: Reading | null = null;
	#video: HTMLVideoElement | null = null;
	#closed = false;

	constructor(readonly track: MediaStreamTrack) {
		const Processor = (globalThis as { MediaStreamTrackProcessor?: TrackProcessorConstructor })
			.MediaStreamTrackProcessor;
		if (Processor) {
			let reading = readings.get(track);
			if (!reading) {
				reading = new Reading(track, Processor, () => readings.delete(track));
				readings.set(track, reading);
			}
			reading.users++;
			this.#reading = reading;
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
		if (this.#reading?.latest) return this.#reading.latest;
		return this.#video && this.#video.readyState >= 2 ? this.#video : null;
	}

	get width(): number {
		return this.#reading?.latest?.displayWidth ?? this.#video?.videoWidth ?? 0;
	}

	get height(): number {
		return this.#reading?.latest?.displayHeight ?? this.#video?.videoHeight ?? 0;
	}

	/** Stops drawing from the track (its frames are closed as they come until it ends). */
	close(): void {
		if (this.#closed) return;
		this.#closed = true;
		const reading = this.#reading;
		if (reading && --reading.users === 0) {
			reading.latest?.close();
			reading.latest = null;
		}
		this.#reading = null;
		if (this.#video) this.#video.srcObject = null;
		this.#video = null;
	}
}
