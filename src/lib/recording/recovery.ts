import type { Recording } from '$lib/db';
import { fixLater, type FixDeps } from './fix';

export { heldByRecorder, lockName } from './lock';

export interface RecoveryDeps extends FixDeps {
	/** Whether a live recorder (this tab or another) still owns the recording. */
	isLive: (id: string) => Promise<boolean>;
}

export const CRASH_REASON =
	'The app closed while recording (a crash, a reload or a closed tab). Everything that ' +
	'reached the disk until then is kept.';

/**
 * Finds recordings that no recorder finished (the page crashed, was reloaded or closed while
 * recording) and makes them playable: each keeps the chunks that reached the disk (in order, so
 * at most the last one is lost), is marked interrupted, and gets its duration fixed. Recordings a
 * live recorder owns are left alone. Returns the recovered recordings.
 */
export async function recoverRecordings(deps: RecoveryDeps): Promise<Recording[]> {
	const recovered: Recording[] = [];
	for (const recording of await deps.repos.recordings.unfinished()) {
		if (await deps.isLive(recording.id)) continue;
		recovered.push(await deps.repos.recordings.recover(recording.id, CRASH_REASON));
	}
	for (const recording of recovered) if (recording.chunkCount > 0) await fixLater(recording, deps);
	return recovered;
}
