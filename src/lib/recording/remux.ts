import {
	BlobSource,
	Conversion,
	Input,
	Mp4OutputFormat,
	Output,
	StreamTarget,
	WEBM,
	WebMOutputFormat,
	type StreamTargetChunk
} from 'mediabunny';

/** Size of the blocks the seekable file is stored in (one IndexedDB row each). */
export const BLOCK_SIZE = 1 << 20;

/** Where the blocks of a file being written go: numbered from 0, each BLOCK_SIZE but the last. */
export interface BlockStore {
	put(index: number, data: Blob): Promise<void>;
	get(index: number): Promise<Blob | undefined>;
}

/**
 * A WritableStream for mediabunny's StreamTarget that stores the file in blocks. The muxer writes
 * front to back, then goes back a few times to fill in sizes, the duration and the seek head:
 * only the block being filled is held in memory; a write behind it patches a stored block.
 */
export class BlockWriter {
	/** Bytes in the file: the end of the furthest write. */
	size = 0;
	#index = 0;
	#tail = new Uint8Array(BLOCK_SIZE);
	#tailLength = 0;

	constructor(private readonly store: BlockStore) {}

	/** How many blocks close() leaves. */
	get blocks(): number {
		return Math.ceil(this.size / BLOCK_SIZE);
	}

	stream(): WritableStream<StreamTargetChunk> {
		return new WritableStream({
			write: (chunk) => this.write(chunk.data, chunk.position),
			close: () => this.close()
		});
	}

	async write(data: Uint8Array, position: number): Promise<void> {
		let offset = 0;
		while (offset < data.length) {
			const at = position + offset;
			const block = Math.floor(at / BLOCK_SIZE);
			const within = at - block * BLOCK_SIZE;
			const piece = data.subarray(
				offset,
				offset + Math.min(BLOCK_SIZE - within, data.length - offset)
			);
			if (block === this.#index) {
				this.#tail.set(piece, within);
				this.#tailLength = Math.max(this.#tailLength, within + piece.length);
			} else if (block > this.#index) {
				await this.#flush();
				this.#index = block;
				this.#tail = new Uint8Array(BLOCK_SIZE);
				this.#tail.set(piece, within);
				this.#tailLength = within + piece.length;
			} else {
				await this.#patch(block, within, piece);
			}
			this.size = Math.max(this.size, at + piece.length);
			offset += piece.length;
		}
	}

	async close(): Promise<void> {
		await this.#flush();
	}

	async #flush() {
		if (this.#tailLength === 0) return;
		await this.store.put(this.#index, new Blob([this.#tail.slice(0, this.#tailLength)]));
	}

	async #patch(block: number, within: number, piece: Uint8Array) {
		const stored = await this.store.get(block);
		if (!stored) throw new Error(`Block ${block} of the file being written is missing.`);
		const bytes = new Uint8Array(Math.max(stored.size, within + piece.length));
		bytes.set(new Uint8Array(await stored.arrayBuffer()));
		bytes.set(piece, within);
		await this.store.put(block, new Blob([bytes]));
	}
}

export interface RemuxResult {
	/** Length of the media, in milliseconds. */
	durationMs: number;
}

export interface RemuxOptions {
	/** 'webm': the same codecs with duration, cues and seek head; 'mp4': VP9 + Opus in MP4. */
	format: 'webm' | 'mp4';
	signal?: AbortSignal;
	onProgress?: (fraction: number) => void;
}

/**
 * Remuxes MediaRecorder's WebM (no duration, no cues; possibly cut off mid-cluster by a crash)
 * into a seekable file without re-encoding. Streams both ways: the input is read in slices (a
 * Blob made of IndexedDB Blobs stays on disk), the output goes to `target` as it is made.
 */
export async function remux(
	source: Blob,
	target: WritableStream<StreamTargetChunk>,
	{ format, signal, onProgress }: RemuxOptions
): Promise<RemuxResult> {
	const input = new Input({ source: new BlobSource(source), formats: [WEBM] });
	try {
		const output = new Output({
			format:
				format === 'webm' ? new WebMOutputFormat() : new Mp4OutputFormat({ fastStart: false }),
			target: new StreamTarget(target)
		});
		const conversion = await Conversion.init({ input, output });
		if (!conversion.isValid) {
			const reasons = conversion.discardedTracks.map((track) => track.reason).join(', ');
			throw new RemuxError(`The recording cannot be rewritten (${reasons || 'no tracks'}).`);
		}
		if (onProgress) conversion.onProgress = onProgress;
		const abort = () => void conversion.cancel();
		signal?.addEventListener('abort', abort);
		try {
			await conversion.execute();
		} finally {
			signal?.removeEventListener('abort', abort);
		}
		signal?.throwIfAborted();
		return { durationMs: Math.round((await input.computeDuration()) * 1000) };
	} finally {
		input.dispose();
	}
}

/** A recording that could not be rewritten (not WebM, no tracks, damaged beyond reading). */
export class RemuxError extends Error {
	override name = 'RemuxError';
}
