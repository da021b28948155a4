/**
 * What one side sends in a call: its microphone and camera when it has them, stand-ins when not.
 * A media connection needs a track of each kind to receive that kind, so a person without a
 * camera still sees the others: a silent audio track and a still picture with their name stand in.
 */
export class OutgoingMedia {
	readonly stream = new MediaStream();
	#context: AudioContext | null = null;
	#silence: MediaStreamTrack | null = null;
	#picture: MediaStreamTrack | null = null;

	constructor(private readonly name: string) {}

	/** The track to send for `kind`: the device's, else the stand-in. */
	track(kind: 'audio' | 'video', device: MediaStream | null): MediaStreamTrack {
		const own = kind === 'audio' ? device?.getAudioTracks()[0] : device?.getVideoTracks()[0];
		return own ?? (kind === 'audio' ? this.#silentTrack() : this.#pictureTrack());
	}

	/** Sets the stream's tracks to these devices' (or the stand-ins); returns what changed. */
	use(mic: MediaStream | null, camera: MediaStream | null) {
		const audio = this.track('audio', mic);
		const video = this.track('video', camera);
		const changed: MediaStreamTrack[] = [];
		for (const next of [audio, video]) {
			const current = this.stream.getTracks().find((t) => t.kind === next.kind);
			if (current === next) continue;
			if (current) this.stream.removeTrack(current);
			this.stream.addTrack(next);
			changed.push(next);
		}
		return changed;
	}

	/** Stops the stand-ins (the devices are their owner's to stop). */
	stop(): void {
		this.#silence?.stop();
		this.#picture?.stop();
		const context = this.#context;
		this.#context = this.#silence = this.#picture = null;
		if (context && context.state !== 'closed') void context.close();
	}

	#silentTrack(): MediaStreamTrack {
		if (!this.#silence) {
			this.#context = new AudioContext();
			this.#silence = this.#context.createMediaStreamDestination().stream.getAudioTracks()[0];
		}
		return this.#silence;
	}

	#pictureTrack(): MediaStreamTrack {
		if (!this.#picture) {
			const canvas = document.createElement('canvas');
			canvas.width = 320;
			canvas.height = 240;
			const context = canvas.getContext('2d');
			if (context) {
				context.fillStyle = '#1b2336';
				context.fillRect(0, 0, 320, 240);
				context.fillStyle = '#e8ecf6';
				context.font = '600 28px system-ui, sans-serif';
				context.textAlign = 'center';
				context.fillText(this.name.slice(0, 20), 160, 130);
			}
			this.#picture = canvas.captureStream(1).getVideoTracks()[0];
		}
		return this.#picture;
	}
}
