/** Where the companion's face comes from as video (`LiveAvatar`, later a hosted face). */
export interface AvatarSource {
	/** Read when a consumer needs the video; a drawn face starts drawing off screen only then. */
	readonly track: MediaStreamTrack | null;
}

/**
 * A call's media as one graph with named taps, so that recording (MediaRecorder), calls with other
 * people (WebRTC) and a hosted video face can each take what they need from one place:
 *
 * ```
 * microphone ───────────────────────────── micStream     (recognition hears its own 16 kHz copy)
 * AudioPlayer ─ voiceOutput ─┬─ speakers
 *                            └─ voiceStream (a MediaStreamAudioDestinationNode, made on first use)
 * peers ─ addRemote(stream) ─── speakers  remoteStreams
 * avatar canvas ───────────────────────── avatarTrack   (or a hosted face's video track)
 * ```
 *
 * It owns the call's AudioContext and what it made from it; streams and tracks handed to it stay
 * their owners' to stop (the devices stop the microphone, the avatar its track). The companion's
 * voice reaches `voiceOutput` only when it is the neural voice: the browser's `speechSynthesis`
 * plays outside any page graph, so with it `voiceStream` is silent.
 */
export class CallAudioGraph {
	/** The person's microphone (muting disables its tracks, so taps hear silence), or null. */
	micStream = $state.raw<MediaStream | null>(null);
	/** Other people's streams in the call, in the order they joined. */
	remoteStreams = $state.raw<readonly MediaStream[]>([]);

	#avatar = $state.raw<AvatarSource | null>(null);
	#context: AudioContext | null = null;
	#voiceOutput: GainNode | null = null;
	#voiceDestination: MediaStreamAudioDestinationNode | null = null;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- audio nodes, not state
	#remotes = new Map<MediaStream, MediaStreamAudioSourceNode>();

	constructor(private readonly createContext: () => AudioContext = () => new AudioContext()) {}

	/** Makes the AudioContext (from the call's start, which follows the person's click). */
	open(): void {
		if (this.#context) return;
		const context = this.createContext();
		const voiceOutput = context.createGain();
		voiceOutput.connect(context.destination);
		this.#context = context;
		this.#voiceOutput = voiceOutput;
	}

	/** The call's AudioContext, for nodes that join the graph. */
	get context(): AudioContext {
		return this.#open().context;
	}

	/**
	 * The node the companion's voice plays into (`AudioPlayer`'s destination). It goes to the
	 * speakers; connect further nodes to it to hear the voice elsewhere.
	 */
	get voiceOutput(): AudioNode {
		return this.#open().voiceOutput;
	}

	/** The companion's voice as a MediaStream (one audio track), for a recorder or a peer. */
	get voiceStream(): MediaStream {
		const { context, voiceOutput } = this.#open();
		if (!this.#voiceDestination) {
			this.#voiceDestination = context.createMediaStreamDestination();
			voiceOutput.connect(this.#voiceDestination);
		}
		return this.#voiceDestination.stream;
	}

	/** The person's microphone joins the call (null: it was released). */
	useMic(stream: MediaStream | null): void {
		this.micStream = stream;
	}

	/** The companion's face as video (a video track), or null without one. */
	get avatarTrack(): MediaStreamTrack | null {
		return this.#avatar?.track ?? null;
	}

	/** Where `avatarTrack` comes from; a later source (a hosted face) replaces the drawn one. */
	useAvatar(source: AvatarSource | null): void {
		this.#avatar = source;
	}

	/**
	 * Another person's stream joins: its audio plays through the call's context. Returns a function
	 * that takes it out again. (Chromium plays a WebRTC stream through Web Audio only while the
	 * stream is also attached to a media element, which may be muted.)
	 */
	addRemote(stream: MediaStream): () => void {
		const { context } = this.#open();
		if (!this.#remotes.has(stream)) {
			const source = context.createMediaStreamSource(stream);
			source.connect(context.destination);
			this.#remotes.set(stream, source);
			this.remoteStreams = [...this.remoteStreams, stream];
		}
		return () => this.#removeRemote(stream);
	}

	/** Takes everything apart and closes the context; the taps read null or empty afterwards. */
	async close(): Promise<void> {
		for (const stream of [...this.#remotes.keys()]) this.#removeRemote(stream);
		for (const track of this.#voiceDestination?.stream.getTracks() ?? []) track.stop();
		this.#voiceOutput?.disconnect();
		const context = this.#context;
		this.#context = this.#voiceOutput = this.#voiceDestination = null;
		this.micStream = null;
		this.#avatar = null;
		await context?.close();
	}

	#removeRemote(stream: MediaStream) {
		this.#remotes.get(stream)?.disconnect();
		this.#remotes.delete(stream);
		this.remoteStreams = this.remoteStreams.filter((s) => s !== stream);
	}

	#open() {
		if (!this.#context || !this.#voiceOutput)
			throw new Error('The call’s audio graph is used before open() or after close().');
		return { context: this.#context, voiceOutput: this.#voiceOutput };
	}
}
