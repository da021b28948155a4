import { MediaDeviceError, openCamera, openMicrophone, stopStream } from './media';

/** How the devices are opened: the browser's getUserMedia, or a test's stand-ins. */
export interface DeviceOpeners {
	/** Rejects with a MediaDeviceError saying why it could not. */
	microphone(): Promise<MediaStream>;
	camera(): Promise<MediaStream>;
}

const BROWSER: DeviceOpeners = { microphone: openMicrophone, camera: openCamera };

/**
 * The person's microphone and camera in a call. A device that cannot be opened leaves its error
 * for the call screen to explain (with a way to try again); the call goes on without it.
 */
export class CallDevices {
	mic = $state.raw<MediaStream | null>(null);
	micOn = $state(false);
	muted = $state(false);
	micError = $state.raw<MediaDeviceError | null>(null);
	camera = $state.raw<MediaStream | null>(null);
	cameraError = $state.raw<MediaDeviceError | null>(null);

	constructor(private readonly openers: DeviceOpeners = BROWSER) {}

	/** Opens whichever of the two is not open yet; returns whether the microphone is open. */
	async open(): Promise<boolean> {
		if (!this.mic) {
			try {
				this.mic = await this.openers.microphone();
				this.micOn = true;
				this.micError = null;
			} catch (error) {
				this.micError = asDeviceError('microphone', error);
			}
		}
		if (!this.camera) await this.#openCamera();
		return this.mic !== null;
	}

	toggleMute(): void {
		this.muted = !this.muted;
		for (const track of this.mic?.getAudioTracks() ?? []) track.enabled = !this.muted;
	}

	async toggleCamera(): Promise<void> {
		if (this.camera) {
			stopStream(this.camera);
			this.camera = null;
		} else {
			await this.#openCamera();
		}
	}

	/** Stops both: the browser's recording indicators go off. */
	release(): void {
		stopStream(this.mic);
		stopStream(this.camera);
		this.mic = null;
		this.camera = null;
		this.micOn = false;
	}

	async #openCamera() {
		try {
			this.camera = await this.openers.camera();
			this.cameraError = null;
		} catch (error) {
			this.cameraError = asDeviceError('camera', error);
		}
	}
}

/** media.ts throws only MediaDeviceErrors; anything else still gets a message, never silence. */
function asDeviceError(device: 'microphone' | 'camera', error: unknown): MediaDeviceError {
	return error instanceof MediaDeviceError
		? error
		: new MediaDeviceError(device, 'unsupported', error);
}
