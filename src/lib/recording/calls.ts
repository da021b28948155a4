import type { CallSession } from '$lib/call';
import { newId } from '$lib/db/clock';
import { repos } from '$lib/db';
import type { PeerCall } from '$lib/rtc/peer-call.svelte';
import { present, recordedPeers } from '$lib/rtc/room-state';
import type { Tile } from './composition';
import type { StorageEstimate } from './quota';
import { CallRecorder } from './recorder.svelte';

// What the call screens import: recorders for their calls, without the remuxer (mediabunny),
// which loads when a recording is made seekable.

/** The browser's storage estimate (none where it cannot say: no warnings then). */
export async function estimateStorage(): Promise<StorageEstimate> {
	return (await navigator.storage?.estimate?.()) ?? {};
}

/** A recorder for a call with a companion: its graph, face, camera and conversation. */
export function recorderFor(call: CallSession, companion: { id: string; name: string }) {
	const graph = call.media;
	return new CallRecorder(
		{
			sound: () => ({
				context: graph.context,
				nodes: [graph.voiceOutput],
				streams: () => [graph.micStream]
			}),
			scene: () => ({
				// The drawn face is drawn directly; its video track is read only without one (reading
				// it starts the face's off-screen drawing).
				tiles: [
					call.avatar
						? { face: call.avatar, round: true }
						: { track: graph.avatarTrack, round: true }
				],
				self: call.devices.camera
			}),
			conversationId: () => call.chat.conversationId,
			about: () => ({ title: `Call with ${companion.name}`, companionId: companion.id }),
			ended: () => call.phase === 'ended'
		},
		{ repos, estimate: estimateStorage, newId }
	);
}

/**
 * A recorder for a call with people. Only those who allowed this recording are in it
 * (`recordedPeers`): their picture, their voice, and (the host's) the companion it brought; the
 * others are told it records, and are asked, through the room. Its sound is mixed in an
 * AudioContext of its own.
 */
export function recorderForPeerCall(call: PeerCall) {
	const room = call.room;
	const recorded = () => recordedPeers(room.state);
	const companion = () => {
		if (call.companion && call.companionStream)
			return { name: call.companion.companion.name, stream: call.companionStream };
		// The host's companion comes from the host: in the recording only if the host allowed it.
		const remote = room.remoteCompanion;
		return remote && recorded().some((peer) => peer.peerId === room.state.hostId) ? remote : null;
	};
	return new CallRecorder(
		{
			sound: () => {
				const context = new AudioContext();
				return {
					context,
					nodes: [],
					streams: () => [
						call.devices.mic,
						...recorded().map((peer) => room.remotes[peer.peerId]),
						companion()?.stream
					],
					close: () => void context.close()
				};
			},
			scene: () => {
				const tiles: Tile[] = recorded().map((peer) => ({
					track: room.remotes[peer.peerId]?.getVideoTracks()[0] ?? null,
					name: peer.name
				}));
				const guest = companion();
				if (guest)
					tiles.push({
						track: guest.stream.getVideoTracks()[0] ?? null,
						name: guest.name,
						round: true
					});
				return { tiles, self: call.devices.camera };
			},
			conversationId: () => call.transcript.open(),
			about: () => ({
				title: `Call with ${present(room.state)
					.map((peer) => peer.name)
					.join(', ')}`.slice(0, 120),
				companionId: call.companion?.companion.id
			}),
			people: () => recorded().map((peer) => peer.name),
			announce: (on) => room.setRecording(on),
			ended: () => room.state.phase === 'ended'
		},
		{ repos, estimate: estimateStorage, newId }
	);
}
