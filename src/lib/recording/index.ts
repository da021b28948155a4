import { repos } from '$lib/db';
import { estimateStorage } from './calls';
import { heldByRecorder, recoverRecordings } from './recovery';

/** At start-up: recordings a crash or reload cut short become playable (see recovery.ts). */
export function recoverAtStart() {
	return recoverRecordings({ repos, estimate: estimateStorage, isLive: heldByRecorder });
}

export { estimateStorage, recorderFor, recorderForPeerCall } from './calls';
export { CallRecorder, TIMESLICE_MS, type RecorderPhase } from './recorder.svelte';
export { fixDuration, type FixOutcome } from './fix';
export { formatDuration } from './quota';
export { currentLine, transcriptLines, type TranscriptLine } from './transcript';
