import type { Recording, Repos } from '$lib/db';
import { reportError, StorageFullError, toAppError } from '$lib/errors';
import { copyFits, type StorageEstimate } from './quota';
import { BlockWriter, remux } from './remux';

export type FixOutcome =
	| { status: 'fixed'; durationMs: number }
	/** Not enough room for the seekable copy: the raw chunks stay, playable without seeking. */
	| { status: 'no-room' }
	| { status: 'already' };

export interface FixDeps {
	repos: Pick<Repos, 'recordings'>;
	estimate: () => Promise<StorageEstimate>;
}

/**
 * Makes a recording seekable: remuxes its raw chunks (MediaRecorder's WebM, no duration or cues)
 * into a WebM with both, without re-encoding, written block by block after the raw chunks; then
 * swaps it in and deletes the raw chunks in one transaction. Nothing is held in memory whole. A
 * crash midway leaves the raw chunks as they were (the next fix deletes the partial copy first);
 * a copy that does not fit is not started, and one that fails for room is removed again.
 */
export async function fixDuration(
	id: string,
	{ repos, estimate }: FixDeps,
	onProgress?: (fraction: number) => void
): Promise<FixOutcome> {
	const { recording, blobs } = await repos.recordings.playable(id);
	if (recording.fileFrom !== undefined) return { status: 'already' };
	if (recording.status === 'recording') throw new Error('A running recording cannot be fixed.');
	const from = recording.chunkCount;
	await repos.recordings.dropFile(id, from);
	if (!copyFits(await estimate(), recording.bytes)) return { status: 'no-room' };
	const writer = new BlockWriter({
		put: (index, data) => repos.recordings.putFileBlock(id, from + index, data),
		get: (index) => repos.recordings.fileBlock(id, from + index)
	});
	try {
		const { durationMs } = await remux(
			new Blob(blobs, { type: recording.mimeType }),
			writer.stream(),
			{
				format: 'webm',
				onProgress
			}
		);
		await repos.recordings.useFile(id, {
			from,
			count: writer.blocks,
			bytes: writer.size,
			durationMs: durationMs || recording.durationMs
		});
		return { status: 'fixed', durationMs };
	} catch (error) {
		await repos.recordings.dropFile(id, from);
		if (toAppError(error) instanceof StorageFullError) return { status: 'no-room' };
		throw error;
	}
}

/** Fixes in the background; a failure is reported, and the raw chunks stay playable. */
export function fixLater(
	recording: Pick<Recording, 'id'>,
	deps: FixDeps
): Promise<FixOutcome | null> {
	return fixDuration(recording.id, deps).catch((error: unknown) => {
		reportError(error, { context: 'making a recording seekable', silent: true });
		return null;
	});
}
