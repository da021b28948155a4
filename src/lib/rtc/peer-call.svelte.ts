import { CallDevices } from '$lib/call/devices.svelte';
import type { Recognition } from '$lib/call/recognition';
import type { Companion } from '$lib/companion/schema';
import { repos } from '$lib/db';
import { reportError } from '$lib/errors';
import { Captions } from './captions.svelte';
import { GuestCorrections } from './guest-corrections';
import { OutgoingMedia } from './local-media';
import { OwnCorrections } from './own-corrections.svelte';
import { RoomCompanion } from './room-companion.svelte';
import { Room, type RoomDeps } from './room.svelte';
import type { Role } from './room-state';
import type { ServerConfig } from './server-config';
import { PeerCallTranscript } from './transcript';

/** Speech recognition loads with the first captions, not with the page. */
async function recognition(): Promise<Recognition> {
	return (await import('$lib/call/recognition')).speechRecognition();
}

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
	readonly captions: Captions;
	/** Corrections of this person's German, shown only to them. */
	readonly corrections = new OwnCorrections();
	readonly transcript: PeerCallTranscript;
	/** The host's companion in the call, once brought in. */
	companion = $state.raw<RoomCompanion | null>(null);
	/** Its voice and face, as the others receive them (shown muted to the host). */
	companionStream = $state.raw<MediaStream | null>(null);
	readonly #outgoing: OutgoingMedia;
	/** (Host) the companion's corrections for the guests who asked for them. */
	#guestCorrections: GuestCorrections | null = null;

	constructor(
		readonly options: PeerCallOptions,
		deps: {
			devices?: CallDevices;
			room?: Partial<RoomDeps>;
			recognition?: () => Promise<Recognition>;
		} = {}
	) {
		this.devices = deps.devices ?? new CallDevices();
		this.captions = new Captions(deps.recognition ?? recognition);
		this.#outgoing = new OutgoingMedia(options.name);
		this.transcript = new PeerCallTranscript(
			repos,
			() => `Call with ${this.#others() || 'people'}`,
			(error) => reportError(error, { context: 'saving the call' })
		);
		this.room = new Room(
			{
				...options,
				media: () => this.#outgoing.stream,
				onLines: (lines) => {
					this.transcript.save(lines, options.name);
					this.corrections.heard(lines);
					this.companion?.heard(lines, `${options.name} and ${this.#others() || 'others'}`);
					this.#guestCorrections?.heard(
						lines,
						(peerId) => this.room.state.peers.find((p) => p.peerId === peerId)?.correctMe === true
					);
				}
			},
			deps.room
		);
	}

	/**
	 * The host brings a companion into the call: it listens to everyone's captions and chat, and
	 * answers (voice, face and caption, for everyone) when someone calls it by name.
	 */
	async bringCompanion(companion: Companion): Promise<void> {
		if (this.options.role !== 'host' || this.companion) return;
		const guest = new RoomCompanion(companion, (id, text, final) =>
			this.room.companionSay(id, text, final)
		);
		this.companion = guest;
		if (companion.tutor.enabled) {
			const { explainIn } = companion.tutor;
			this.#guestCorrections = new GuestCorrections(
				async (text, mode) =>
					(await import('./llm-corrector')).correctWithLlm(text, mode, explainIn),
				(peerId, id, corrected) => this.room.sendCorrection(peerId, id, corrected)
			);
		}
		const stream = await guest.start();
		this.companionStream = stream;
		this.room.setCompanion(companion.name, stream);
	}

	/**
	 * Turns captions on: this person's speech, recognised here in `language`, is shown to everyone.
	 * Needs the microphone; the model downloads on first use.
	 */
	async startCaptions(language: string): Promise<void> {
		const mic = this.devices.mic;
		if (!mic) {
			this.captions.error = 'Captions need the microphone.';
			this.captions.status = 'error';
			return;
		}
		await this.captions.start(mic, language, (id, text) => this.room.caption(id, text, true));
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
		void this.captions.stop();
		void this.companion?.stop();
		this.devices.release();
		this.#outgoing.stop();
	}

	#others(): string {
		return this.room.state.peers
			.filter((peer) => peer.status !== 'asking')
			.map((peer) => peer.name)
			.join(', ');
	}

	async #follow(): Promise<void> {
		for (const track of this.#outgoing.use(this.devices.mic, this.devices.camera)) {
			await this.room.replaceTrack(track.kind as 'audio' | 'video', track);
		}
	}
}
