/**
 * Maps the capture worklet's audio clock (seconds) to epoch ms, so a frame is timed by when it was
 * captured, not by when a busy worker got to read it. The offset between the clocks is the
 * smallest difference between arrival and capture over the last {@link WINDOW_MS} of audio: the
 * frames that reached the worker without queueing. A window, not the smallest ever: the first
 * second of a call can deliver a few frames unusually fast, and the clocks drift apart slowly.
 * A backlog shorter than the window (the worker drops audio older than 1 s) is timed right.
 */
export class CaptureClock {
	/** Candidates for the window's minimum: capture times ascending, offsets ascending. */
	#window: { captureMs: number; offset: number }[] = [];

	/** The epoch ms of a sample captured at `captureSeconds` that arrived at `arrivedMs`. */
	toEpoch(captureSeconds: number, arrivedMs: number): number {
		const captureMs = captureSeconds * 1000;
		const offset = arrivedMs - captureMs;
		const window = this.#window;
		while (window.length && window[window.length - 1].offset >= offset) window.pop();
		window.push({ captureMs, offset });
		while (window[0].captureMs < captureMs - WINDOW_MS) window.shift();
		return captureMs + window[0].offset;
	}
}

/** Longer than any backlog the detector keeps (1 s), short enough to follow clock drift. */
export const WINDOW_MS = 4000;
