/** Where chunks go: RecordingRepo.appendChunk, or a test's stand-in. */
export type AppendChunk = (seq: number, data: Blob, durationMs: number) => Promise<void>;

interface Pending {
	data: Blob;
	durationMs: number;
	/** When the oldest media in this chunk was captured (the previous chunk's arrival). */
	since: number;
}

/**
 * Writes a recording's chunks to disk one at a time, in the order they arrived, each as soon as
 * the one before it is written. The first failure stops it: later chunks are dropped (a gap would
 * make the rest unplayable), the chunks written before stay, and `failure` rejects once with it.
 */
export class ChunkWriter {
	/** Chunks written. */
	written = 0;
	/** Bytes written. */
	bytes = 0;
	/** How far into the recording the last chunk written reaches, in ms. */
	lastDurationMs = 0;
	/**
	 * Per chunk written: how old its oldest media was when it reached the disk (what a crash at
	 * that moment would have lost), in ms. For the benchmark; a few bytes a second of recording.
	 */
	readonly commitAges: number[] = [];
	#queue: Pending[] = [];
	#seq = 0;
	#running: Promise<void> | null = null;
	#error: unknown = null;
	#lastArrival: number;
	/** `since` of the chunk being written. */
	#lastWrittenSince = 0;
	readonly failure: Promise<never>;
	#fail!: (error: unknown) => void;

	constructor(
		private readonly append: AppendChunk,
		private readonly now: () => number = () => performance.now()
	) {
		this.#lastArrival = now();
		this.failure = new Promise<never>((_, reject) => (this.#fail = reject));
		// Whoever awaits failure handles it; unobserved, it must not become an unhandled rejection.
		this.failure.catch(() => undefined);
	}

	/** The error that stopped it, if one did. */
	get error(): unknown {
		return this.#error;
	}

	/** Chunks waiting for the disk. */
	get pending(): number {
		return this.#queue.length + (this.#running ? 1 : 0);
	}

	/** Age in ms of the oldest media not yet on disk (0 when everything is). */
	oldestPendingAge(): number {
		const oldest = this.#queue[0]?.since ?? (this.#running ? this.#lastWrittenSince : null);
		return oldest === null ? 0 : this.now() - oldest;
	}

	/** A chunk arrived (MediaRecorder's dataavailable): queue it for the disk. */
	push(data: Blob, durationMs: number): void {
		const arrival = this.now();
		const since = this.#lastArrival;
		this.#lastArrival = arrival;
		if (this.#error || data.size === 0) return;
		this.#queue.push({ data, durationMs, since });
		this.#running ??= this.#drain();
	}

	/** Resolves when every chunk pushed so far is written; rejects with the failure, if any. */
	async flush(): Promise<void> {
		while (this.#running) await this.#running;
		if (this.#error) throw this.#error;
	}

	async #drain(): Promise<void> {
		try {
			for (let next = this.#queue.shift(); next; next = this.#queue.shift()) {
				this.#lastWrittenSince = next.since;
				await this.append(this.#seq, next.data, next.durationMs);
				this.#seq++;
				this.written++;
				this.bytes += next.data.size;
				this.lastDurationMs = next.durationMs;
				this.commitAges.push(this.now() - next.since);
			}
		} catch (error) {
			this.#error = error;
			this.#queue = [];
			this.#fail(error);
		} finally {
			this.#running = null;
		}
	}
}
