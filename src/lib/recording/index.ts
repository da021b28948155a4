import type { CallSession } from '$lib/call';
import { newId } from '$lib/db/clock';
import { repos } from '$lib/db';
import { CallRecorder } from './recorder.svelte';
import { heldByRecorder, recoverRecordings } from './recovery';
import type { StorageEstimate } from './quota';

/** The browser's storage estimate (none where it cannot say: no warnings then). */
export async function estimateStorage(): Promise<StorageEstimate> {
	return (await navigator.storage?.estimate?.()) ?? {};
}

/** A recorder for a call in the app: its graph, face, camera and conversation. */
export function recorderFor(call: CallSession, companion: { id: string; name: string }) {
	return new CallRecorder(
		{
			graph: call.media,
			face: () => call.avatar,
			camera: () => call.devices.camera,
			conversationId: () => call.chat.conversationId,
			companion,
			ended: () => call.phase === 'ended'
		},
		{ repos, estimate: estimateStorage, newId }
	);
}

/** At start-up: recordings a crash or reload cut short become playable (see recovery.ts). */
export function recoverAtStart() {
	return recoverRecordings({ repos, estimate: estimateStorage, isLive: heldByRecorder });
}

export { CallRecorder, TIMESLICE_MS, type RecorderPhase } from './recorder.svelte';
export { fixDuration, type FixOutcome } from './fix';
export { formatDuration } from './quota';
export { currentLine, transcriptLines, type TranscriptLine } from './transcript';
