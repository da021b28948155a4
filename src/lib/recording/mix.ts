/** What a recording hears. */
export interface SoundSources {
	/** Where the mix is made: the call's AudioContext, or one of the recording's own. */
	context: AudioContext;
	/** Nodes heard as they play (the companion's voice in a companion call). */
	nodes: readonly AudioNode[];
	/**
	 * Streams heard, read again on every `follow`: the person's microphone, and in a call with
	 * people, those who allowed the recording (a stream that leaves the list leaves the mix).
	 */
	streams: () => readonly (MediaStream | null | undefined)[];
	/** Called when the mix closes (to close a context of the recording's own). */
	close?: () => void;
}

/**
 * The call's sound as one track: the person's microphone, the companion's voice and, in a call
 * with people, the voices of those who allowed it, mixed in one AudioContext. Only the recording
 * hears the microphone here (not the speakers). A stream whose audio ended (a microphone
 * unplugged, a person gone) drops out and the mix goes on with what remains; `follow` picks up
 * streams that came.
 */
export class CallMix {
	readonly track: MediaStreamTrack;
	#destination: MediaStreamAudioDestinationNode;
	#heard = new Map<MediaStream, MediaStreamAudioSourceNode>();

	constructor(private readonly sources: SoundSources) {
		this.#destination = sources.context.createMediaStreamDestination();
		for (const node of sources.nodes) node.connect(this.#destination);
		this.track = this.#destination.stream.getAudioTracks()[0];
		this.follow();
	}

	/** The streams now in the mix (for tests). */
	get streams(): MediaStream[] {
		return [...this.#heard.keys()];
	}

	/** Makes the mix hear exactly the sources' live streams now. */
	follow(): void {
		const wanted = new Set(
			this.sources
				.streams()
				.filter(
					(stream): stream is MediaStream =>
						!!stream?.getAudioTracks().some((track) => track.readyState === 'live')
				)
		);
		for (const [stream, node] of this.#heard) {
			if (wanted.has(stream)) continue;
			node.disconnect();
			this.#heard.delete(stream);
		}
		for (const stream of wanted) {
			if (this.#heard.has(stream)) continue;
			const node = this.sources.context.createMediaStreamSource(stream);
			node.connect(this.#destination);
			this.#heard.set(stream, node);
		}
	}

	close(): void {
		for (const node of this.#heard.values()) node.disconnect();
		this.#heard.clear();
		// After the call closed its graph, the nodes are gone with the context.
		if (this.#destination.context.state !== 'closed')
			for (const node of this.sources.nodes) node.disconnect(this.#destination);
		this.track.stop();
		this.sources.close?.();
	}
}
