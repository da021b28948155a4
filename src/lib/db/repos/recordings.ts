import Dexie from 'dexie';
import { AppError, NotFoundError, ValidationError } from '$lib/errors';
import type { EventBus } from '$lib/events';
import type { KompanionDb } from '../database';
import type { Recording } from '../rows';
import { RecordingSchema } from '../rows';
import { parseOrThrow } from '$lib/validation';
import { writeTx } from '../write';

/** What a new recording starts with; counts and status are the repo's. */
export type NewRecording = Pick<
	Recording,
	| 'id'
	| 'conversationId'
	| 'companionId'
	| 'title'
	| 'mimeType'
	| 'startedAt'
	| 'audioOnly'
	| 'people'
>;

/** The chunks of a recording that make up its playable file, in order. */
export interface PlayableChunks {
	recording: Recording;
	blobs: Blob[];
}

/**
 * Call recordings: one metadata row and one row per chunk (`[recordingId+seq]`). Invariants: the
 * metadata is written before any chunk; chunks are appended only in order (seq = chunkCount), so
 * whatever a crash leaves is a gap-free prefix; the playable chunks are seq `fileFrom ?? 0` on,
 * `chunkCount` of them. Chunk writes emit no event (one a second would wake every listener).
 */
export class RecordingRepo {
	constructor(
		private readonly db: KompanionDb,
		private readonly bus: EventBus
	) {}

	/** Writes the metadata of a recording that is starting (status 'recording', no chunks yet). */
	async create(draft: NewRecording): Promise<Recording> {
		const recording = parseOrThrow(
			RecordingSchema,
			{
				...draft,
				durationMs: 0,
				bytes: 0,
				chunkCount: 0,
				status: 'recording'
			},
			'This recording cannot be saved:'
		);
		await writeTx(this.db, [this.db.recordings], () => this.db.recordings.add(recording));
		this.bus.emit('data:saved', { table: 'recordings' });
		return recording;
	}

	/**
	 * Appends the next chunk and the recording's new length in one transaction. A chunk out of
	 * order is refused (the recorder writes one at a time; a gap would make the file unplayable).
	 */
	async appendChunk(id: string, seq: number, data: Blob, durationMs: number): Promise<void> {
		const { db } = this;
		await writeTx(db, [db.recordings, db.recordingChunks], async () => {
			const recording = await db.recordings.get(id);
			if (!recording) throw new NotFoundError('This recording');
			if (recording.status !== 'recording' || recording.fileFrom !== undefined)
				throw new ValidationError('This recording is finished; no more chunks can be added.', []);
			if (seq !== recording.chunkCount)
				throw new ValidationError(
					`Recording chunk ${seq} arrived where chunk ${recording.chunkCount} was expected.`,
					[]
				);
			await db.recordingChunks.add({ recordingId: id, seq, data });
			await db.recordings.update(id, {
				chunkCount: seq + 1,
				bytes: recording.bytes + data.size,
				durationMs: Math.max(recording.durationMs, durationMs)
			});
		});
	}

	/** Ends a recording: 'complete' when stopped, 'interrupted' when recovered. */
	async finish(
		id: string,
		status: 'complete' | 'interrupted',
		patch: Pick<Partial<Recording>, 'durationMs' | 'stopReason'> = {}
	): Promise<void> {
		await writeTx(this.db, [this.db.recordings], async () => {
			const recording = await this.db.recordings.get(id);
			if (!recording) throw new NotFoundError('This recording');
			await this.db.recordings.update(id, { ...patch, status });
		});
		this.bus.emit('data:saved', { table: 'recordings' });
	}

	/** Recordings still marked as running: after a crash, the ones to recover. */
	unfinished(): Promise<Recording[]> {
		return this.db.recordings.where('status').equals('recording').toArray();
	}

	/**
	 * Marks a recording that no recorder finished as interrupted, keeping the gap-free prefix of
	 * its chunks (every chunk that reached the disk, since they are written in order) and counting
	 * them again. Returns the recording as it is now.
	 */
	async recover(id: string, stopReason: string): Promise<Recording> {
		const { db } = this;
		return writeTx(db, [db.recordings, db.recordingChunks], async () => {
			const recording = await db.recordings.get(id);
			if (!recording) throw new NotFoundError('This recording');
			const from = recording.fileFrom ?? 0;
			let chunkCount = 0;
			let bytes = 0;
			await this.#range(id, from, Infinity).each((chunk) => {
				if (chunk.seq !== from + chunkCount) return;
				chunkCount++;
				bytes += chunk.data.size;
			});
			// Anything after a gap could not be played after what precedes it.
			await this.#range(id, from + chunkCount, Infinity).delete();
			const recovered = { ...recording, chunkCount, bytes, status: 'interrupted' as const };
			recovered.stopReason ??= stopReason;
			await db.recordings.put(recovered);
			return recovered;
		});
	}

	/** Newest first. */
	list(): Promise<Recording[]> {
		return this.db.recordings.orderBy('startedAt').reverse().toArray();
	}

	get(id: string): Promise<Recording | undefined> {
		return this.db.recordings.get(id);
	}

	async require(id: string): Promise<Recording> {
		const recording = await this.get(id);
		if (!recording) throw new NotFoundError('This recording');
		return recording;
	}

	/**
	 * The playable chunks, read in one transaction. The Blobs stay on disk: a Blob made of them
	 * (`new Blob(blobs)`) is read as it is played or exported, never whole into memory.
	 */
	async playable(id: string): Promise<PlayableChunks> {
		const { db } = this;
		return db.transaction('r', [db.recordings, db.recordingChunks], async () => {
			const recording = await db.recordings.get(id);
			if (!recording) throw new NotFoundError('This recording');
			const from = recording.fileFrom ?? 0;
			const rows = await this.#range(id, from, from + recording.chunkCount).toArray();
			if (rows.length === 0 && recording.chunkCount > 0) {
				// Its details came by sync; the media stay on the device that recorded it.
				throw new AppError(
					'This recording was made on your other device, and its picture and sound are ' +
						'there. Open it on that device to watch it.',
					{ code: 'recording/elsewhere', expected: true }
				);
			}
			return { recording, blobs: rows.map((row) => row.data) };
		});
	}

	/** Whether this device has the recording's media (its details may have come by sync alone). */
	async hasMedia(id: string): Promise<boolean> {
		return (await this.db.recordingChunks.where('recordingId').equals(id).count()) > 0;
	}

	async rename(id: string, title: string): Promise<void> {
		const trimmed = title.trim();
		parseOrThrow(RecordingSchema.entries.title, trimmed, 'This name cannot be used:');
		await writeTx(this.db, [this.db.recordings], async () => {
			if (!(await this.db.recordings.update(id, { title: trimmed })))
				throw new NotFoundError('This recording');
		});
		this.bus.emit('data:saved', { table: 'recordings' });
	}

	/** Notes who is in a recording of a call with people (their names, as they allowed it). */
	async setPeople(id: string, people: readonly string[]): Promise<void> {
		const names = parseOrThrow(
			RecordingSchema.entries.people,
			[...people],
			'These names cannot be kept:'
		);
		await writeTx(this.db, [this.db.recordings], async () => {
			if (!(await this.db.recordings.update(id, { people: names })))
				throw new NotFoundError('This recording');
		});
		this.bus.emit('data:saved', { table: 'recordings' });
	}

	/** Deletes a recording and every chunk of it, in one transaction. */
	async delete(id: string): Promise<void> {
		const { db } = this;
		await writeTx(db, [db.recordings, db.recordingChunks], async () => {
			await db.recordingChunks.where('recordingId').equals(id).delete();
			await db.recordings.delete(id);
		});
		this.bus.emit('data:saved', { table: 'recordings' });
	}

	/** Bytes all recordings take (their playable chunks). */
	async totalBytes(): Promise<number> {
		let total = 0;
		await this.db.recordings.each((recording) => (total += recording.bytes));
		return total;
	}

	// The duration fix writes the seekable file after the raw chunks, then swaps it in.

	/** Writes one block of the seekable file being made (seq after the raw chunks). */
	async putFileBlock(id: string, seq: number, data: Blob): Promise<void> {
		await writeTx(this.db, [this.db.recordingChunks], () =>
			this.db.recordingChunks.put({ recordingId: id, seq, data })
		);
	}

	/** A block written by putFileBlock, to patch it (the muxer goes back to fill in sizes). */
	async fileBlock(id: string, seq: number): Promise<Blob | undefined> {
		return (await this.db.recordingChunks.get([id, seq]))?.data;
	}

	/** Removes what a duration fix left from `from` on (it failed, or a crash cut it short). */
	async dropFile(id: string, from: number): Promise<void> {
		await writeTx(this.db, [this.db.recordingChunks], () =>
			this.#range(id, from, Infinity).delete()
		);
	}

	/**
	 * The seekable file replaces the raw chunks: in one transaction the raw ones go and the
	 * recording points at the file's blocks (from `from`, `count` of them).
	 */
	async useFile(
		id: string,
		file: { from: number; count: number; bytes: number; durationMs: number }
	): Promise<void> {
		const { db } = this;
		await writeTx(db, [db.recordings, db.recordingChunks], async () => {
			const recording = await db.recordings.get(id);
			if (!recording) throw new NotFoundError('This recording');
			await this.#range(id, recording.fileFrom ?? 0, file.from).delete();
			await db.recordings.update(id, {
				fileFrom: file.from,
				chunkCount: file.count,
				bytes: file.bytes,
				durationMs: file.durationMs
			});
		});
		this.bus.emit('data:saved', { table: 'recordings' });
	}

	#range(id: string, from: number, to: number) {
		return this.db.recordingChunks
			.where('[recordingId+seq]')
			.between([id, from], [id, to === Infinity ? Dexie.maxKey : to], true, false);
	}
}
