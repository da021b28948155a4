import { llm } from '$lib/ai/llm';
import { DidCallVoice, HostedFace, didCallOptions } from '$lib/avatar/did';
import { LiveAvatar } from '$lib/avatar/live-avatar.svelte';
import { openChat } from '$lib/chat';
import type { Companion } from '$lib/companion/schema';
import { repos, type ConversationKind } from '$lib/db';
import { memory } from '$lib/memory';
import { CallAudioGraph } from './audio-graph.svelte';
import { CallSession } from './call.svelte';
import { CallDevices } from './devices.svelte';
import { now } from './metrics';
import { speechRecognition } from './recognition';
import { CompanionVoice, type VoiceEvents } from './voice.svelte';

/**
 * A call wired to the app: the browser's devices, the speech workers, the neural voice playing
 * into the call's graph, the drawn avatar, the chat model and the database. Nothing starts until
 * `start()`.
 */
export function openCall(
	companion: Companion,
	conversationId: string | null,
	kind: ConversationKind = 'call'
): CallSession {
	const media = new CallAudioGraph();
	const hostedFace = new HostedFace();
	const localVoice = (events: VoiceEvents) =>
		new CompanionVoice(media.voiceOutput, companion, events);
	return new CallSession(companion, {
		chat: openChat(companion, conversationId, kind),
		devices: new CallDevices(),
		recognition: speechRecognition(),
		// D-ID when the person turned it on (settings are read as the call starts), else the local voice.
		voice: (events) => {
			const did = didCallOptions();
			return did ? new DidCallVoice(did, hostedFace, events, localVoice) : localVoice(events);
		},
		hostedFace,
		media,
		avatar: new LiveAvatar(companion.avatar),
		clock: { now },
		repos,
		prepareModel: () => llm.ensureReady(),
		holdMemory: () => memory.hold()
	});
}

export { CallSession, type CallDeps, type Caption, type TurnRecord } from './call.svelte';
