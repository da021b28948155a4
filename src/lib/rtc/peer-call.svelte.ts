import { CallDevices } from '$lib/call/devices.svelte';
import { OutgoingMedia } from './local-media';
import { Room, type RoomDeps } from './room.svelte';
import type { Role } from './room-state';
import type { ServerConfig } from './server-config';

export interface PeerCallOptions {
	role: Role;
	code: string;
	name: string;
	server: ServerConfig;
}

/**
 * One person's side of a call between people: their devices (the same `CallDevices` and
 * permission handling as a companion call), what they send (`OutgoingMedia`) and the room.
 */
export class PeerCall {
	readonly devices: CallDevices;
	readonly room: Room;
	readonly #outgoing: OutgoingMedia;

	constructor(
		readonly options: PeerCallOptions,
		deps: { devices?: CallDevices; room?: Partial<RoomDeps> } = {}
	) {
		this.devices = deps.devices ?? new CallDevices();
		this.#outgoing = new OutgoingMedia(options.name);
		this.room = new Room({ ...options, media: () => this.#outgoing.stream }, deps.room);
	}

	/** Opens the camera and microphone (a call goes on without either), then the room. */
	async start(): Promise<void> {
		await this.devices.open();
		this.#outgoing.use(this.devices.mic, this.devices.camera);
		this.room.start();
	}

	toggleMute(): void {
		this.devices.toggleMute();
	}

	async toggleCamera(): Promise<void> {
		await this.devices.toggleCamera();
		await this.#follow();
	}

	/** Tries the devices that failed again; what opens now is sent from now on. */
	async retryDevices(): Promise<void> {
		await this.devices.open();
		await this.#follow();
	}

	/** Leaves the call (if still in it) and releases the devices. Safe to call twice. */
	end(): void {
		if (this.room.state.phase !== 'ended') this.room.leave();
		this.devices.release();
		this.#outgoing.stop();
	}

	async #follow(): Promise<void> {
		for (const track of this.#outgoing.use(this.devices.mic, this.devices.camera)) {
			await this.room.replaceTrack(track.kind as 'audio' | 'video', track);
		}
	}
}
