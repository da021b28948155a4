import type { CallAudioGraph } from '$lib/call/audio-graph.svelte';

/**
 * The call's sound as one track: the person's microphone and the companion's voice, mixed in the
 * call's AudioContext. Only the recording hears the microphone here (not the speakers). When the
 * microphone goes (unplugged, released, replaced), the mix goes on with what remains; `follow`
 * picks up a new one.
 */
export class CallMix {
	readonly track: MediaStreamTrack;
	#destination: MediaStreamAudioDestinationNode;
	#voice: AudioNode;
	#mic: MediaStream | null = null;
	#micSource: MediaStreamAudioSourceNode | null = null;

	constructor(private readonly graph: CallAudioGraph) {
		this.#destination = graph.context.createMediaStreamDestination();
		this.#voice = graph.voiceOutput;
		this.#voice.connect(this.#destination);
		this.track = this.#destination.stream.getAudioTracks()[0];
		this.follow();
	}

	/** Connects the graph's current microphone if it changed. */
	follow(): void {
		const mic = this.graph.micStream;
		if (mic === this.#mic) return;
		this.#micSource?.disconnect();
		this.#micSource = null;
		this.#mic = mic;
		if (mic?.getAudioTracks().some((track) => track.readyState === 'live')) {
			this.#micSource = this.graph.context.createMediaStreamSource(mic);
			this.#micSource.connect(this.#destination);
		}
	}

	close(): void {
		this.#micSource?.disconnect();
		// After the call closed its graph, the nodes are gone with the context.
		if (this.#destination.context.state !== 'closed') this.#voice.disconnect(this.#destination);
		this.track.stop();
	}
}
