import Peer, { type DataConnection, type MediaConnection, type PeerOptions } from 'peerjs';
import { memberPeerId, roomPeerId } from './codes';
import * as v from 'valibot';
import { encodeMessage, parseMessage, RateLimit } from './protocol';
import {
	guestState,
	hostState,
	mayCall,
	present,
	reduce,
	type Effect,
	type Problem,
	type Role,
	type RoomEvent,
	type RoomState
} from './room-state';
import type { ServerConfig } from './server-config';

/** How often the room checks liveness and says "still here" (ping) to every peer. */
export const TICK_MS = 500;
const RECONNECT_FIRST_MS = 250;
/** A call from a peer not (yet) known is looked at again this often before it is refused. */
const ANSWER_TRIES = 6;
const ANSWER_RETRY_MS = 250;
const RECONNECT_MAX_MS = 2000;

export interface RoomOptions {
	role: Role;
	code: string;
	/** The person's display name, as the others see it. */
	name: string;
	server: ServerConfig;
	/** What this side sends: its microphone and camera (or stand-ins), read when a call starts. */
	media: () => MediaStream;
	/** Called whenever the call's lines (chat, captions, notices) changed, to save them. */
	onLines?: (lines: RoomState['lines']) => void;
}

/** The few PeerJS seams a test may replace. */
export interface RoomDeps {
	createPeer: (id: string, options: PeerOptions) => Peer;
	now: () => number;
	log: (...args: unknown[]) => void;
}

const DEFAULT_DEPS: RoomDeps = {
	createPeer: (id, options) => new Peer(id, options),
	now: () => performance.now(),
	// A peer's bad message is its problem, not ours: a warning, never a console error.
	log: (...args) => console.warn('[call]', ...args)
};

/**
 * A call between people over PeerJS: the only code that talks to PeerJS. Its rules live in the
 * pure reducer (`room-state.ts`); this class feeds it what the signalling server, the data
 * channels and the media connections report, and carries out what it decides. Every message from
 * a peer passes the rate limit and `parseMessage` first; what fails is dropped with a log line.
 */
export class Room {
	state = $state.raw<RoomState>(hostState('', ''));
	/** Each peer's audio and video, by peer id. */
	remotes = $state.raw<Readonly<Record<string, MediaStream>>>({});
	/** The host's companion as this guest receives it: its voice and face. */
	remoteCompanion = $state.raw<{ name: string; stream: MediaStream } | null>(null);

	readonly #options: RoomOptions;
	readonly #deps: RoomDeps;
	#peer: Peer | null = null;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- connections, not state
	readonly #data = new Map<string, DataConnection>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- connections, not state
	readonly #media = new Map<string, MediaConnection>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- connections, not state
	readonly #limits = new Map<string, RateLimit>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- connections, not state
	readonly #dropLogged = new Map<string, number>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- connections, not state
	readonly #companionCalls = new Map<string, MediaConnection>();
	#companion: { name: string; stream: MediaStream } | null = null;
	#ticker: ReturnType<typeof setInterval> | null = null;
	#reconnectTimer: ReturnType<typeof setTimeout> | null = null;
	#reconnectDelay = RECONNECT_FIRST_MS;
	readonly #onPageHide = () => this.leave();

	constructor(options: RoomOptions, deps: Partial<RoomDeps> = {}) {
		this.#options = options;
		this.#deps = { ...DEFAULT_DEPS, ...deps };
		const hostId = roomPeerId(options.code);
		this.state =
			options.role === 'host' ? hostState(options.name, hostId) : guestState(options.name, hostId);
	}

	/** Connects to the signalling server: the host opens the room, a guest asks to join it. */
	start(): void {
		if (this.#peer) return;
		const { server, role } = this.#options;
		const id = role === 'host' ? this.state.hostId : memberPeerId();
		const peer = this.#deps.createPeer(id, {
			host: server.host,
			port: server.port,
			path: server.path,
			key: server.key,
			secure: server.secure,
			// Our own list, even when empty: PeerJS's default would reach Google's STUN and PeerJS's TURN.
			config: { iceServers: server.iceServers },
			debug: 0
		});
		this.#peer = peer;
		peer.on('open', () => {
			this.#reconnectDelay = RECONNECT_FIRST_MS;
			this.#dispatch({ type: 'signalling-open', at: this.#deps.now() });
		});
		peer.on('disconnected', () => {
			if (!peer.destroyed) this.#dispatch({ type: 'signalling-lost', at: this.#deps.now() });
		});
		peer.on('error', (error) => this.#peerError(error.type, error.message));
		peer.on('connection', (connection) => this.#watchData(connection));
		peer.on('call', (call) => this.#answer(call));
		this.#ticker = setInterval(
			() => this.#dispatch({ type: 'tick', at: this.#deps.now() }),
			TICK_MS
		);
		addEventListener('pagehide', this.#onPageHide);
	}

	admit(peerId: string): void {
		this.#dispatch({ type: 'admit', peerId, at: this.#deps.now() });
	}

	decline(peerId: string): void {
		this.#dispatch({ type: 'decline', peerId, at: this.#deps.now() });
	}

	/** Sends a chat message to everyone in the call. */
	chat(text: string): void {
		const trimmed = text.trim().slice(0, 2000);
		if (!trimmed) return;
		this.#dispatch({
			type: 'say',
			kind: 'chat',
			id: lineId(),
			text: trimmed,
			final: true,
			at: this.#deps.now()
		});
	}

	/** Shares a caption of what this person said (recognised on this device). */
	caption(id: string, text: string, final: boolean): void {
		this.#dispatch({
			type: 'say',
			kind: 'caption',
			id,
			text: text.slice(0, 2000),
			final,
			at: this.#deps.now()
		});
	}

	/**
	 * The host brings its companion: its voice and face go to every person in the call (and to
	 * each one admitted later) as a media connection of their own.
	 */
	setCompanion(name: string, stream: MediaStream): void {
		if (this.state.role !== 'host') return;
		this.#companion = { name, stream };
		this.#callWithCompanion();
	}

	/** What the host's companion said, shared as its caption. */
	companionSay(id: string, text: string, final: boolean): void {
		const companion = this.#companion?.name;
		if (!companion) return;
		this.#dispatch({
			type: 'say',
			kind: 'caption',
			id,
			text: text.slice(0, 2000),
			final,
			companion,
			at: this.#deps.now()
		});
	}

	/** (Guest) asks the host's companion to correct this person's German from now on, or stops. */
	askCorrections(on: boolean): void {
		this.#dispatch({ type: 'correct-me', on, at: this.#deps.now() });
	}

	/** (Host) sends the companion's correction of a guest's line to that guest only, if they asked. */
	sendCorrection(peerId: string, id: string, corrected: string): void {
		this.#dispatch({
			type: 'deliver-correction',
			peerId,
			id,
			corrected: corrected.slice(0, 2000),
			at: this.#deps.now()
		});
	}

	/**
	 * This side starts recording the call (the others are asked, and included once they allow)
	 * or stops. Only in a call; each start is a new recording with its own consent.
	 */
	setRecording(on: boolean): void {
		this.#dispatch({ type: 'record', id: on ? lineId() : null, at: this.#deps.now() });
	}

	/** Answers a peer's recording: may it include this person's picture and voice. */
	answerRecording(peerId: string, allow: boolean): void {
		this.#dispatch({ type: 'answer-recording', peerId, allow, at: this.#deps.now() });
	}

	/** Puts `track` where this side's audio or video goes to every peer (a camera turned on or off). */
	async replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack): Promise<void> {
		const senders = [...this.#media.values()].flatMap((call) =>
			(call.peerConnection?.getSenders() ?? []).filter((sender) => sender.track?.kind === kind)
		);
		await Promise.all(senders.map((sender) => sender.replaceTrack(track)));
	}

	/** Leaves: says goodbye to everyone, then closes every connection. Also on `pagehide`. */
	leave(): void {
		this.#dispatch({ type: 'leave', at: this.#deps.now() });
	}

	#dispatch(event: RoomEvent): void {
		const step = reduce(this.state, event);
		const linesBefore = this.state.lines;
		this.state = step.state;
		if (step.state.lines !== linesBefore) this.#options.onLines?.(step.state.lines);
		if (event.type === 'tick' || event.type === 'media') this.#callWithCompanion();
		for (const effect of step.effects) this.#run(effect);
	}

	#run(effect: Effect): void {
		const peer = this.#peer;
		switch (effect.type) {
			case 'send': {
				const connection = this.#data.get(effect.to);
				if (connection?.open) void connection.send(encodeMessage(effect.message));
				return;
			}
			case 'connect':
				if (peer && !peer.destroyed)
					this.#watchData(peer.connect(effect.peerId, { serialization: 'raw', reliable: true }));
				return;
			case 'call':
				if (peer && !peer.destroyed)
					this.#watchMedia(peer.call(effect.peerId, this.#options.media()));
				return;
			case 'close':
				this.#closePeer(effect.peerId);
				return;
			case 'redial':
				this.#redial(effect.peerId);
				return;
			case 'reconnect-signalling':
				this.#scheduleReconnect();
				return;
			case 'destroy':
				this.#destroy();
				return;
			case 'drop':
				this.#drop(effect.peerId, effect.reason);
				return;
		}
	}

	#watchData(connection: DataConnection): void {
		const peerId = connection.peer;
		this.#data.get(peerId)?.close();
		this.#data.set(peerId, connection);
		// PeerJS closes a connection whose ICE failed, after this error: a broken path, not a goodbye.
		let failed = false;
		connection.on('open', () =>
			this.#dispatch({ type: 'connection-open', peerId, at: this.#deps.now() })
		);
		connection.on('data', (raw) => this.#receive(peerId, raw));
		connection.on('close', () => {
			if (this.#data.get(peerId) !== connection) return;
			this.#data.delete(peerId);
			this.#dispatch({ type: 'connection-closed', peerId, at: this.#deps.now(), failed });
		});
		connection.on('error', (error) => {
			if (error.type === 'negotiation-failed') failed = true;
			this.#deps.log(`data channel with ${peerId}:`, error.message);
		});
	}

	/**
	 * Reaches a peer gone silent again with a fresh data and media connection (PeerJS has no ICE
	 * restart); the room's state stays. Of each pair, only the side with the smaller id redials,
	 * so the two fresh connections never cross; the other accepts it (`#answer`, `connection`).
	 */
	#redial(peerId: string): void {
		const peer = this.#peer;
		if (!peer || peer.destroyed || peer.disconnected || !peer.id || peer.id > peerId) return;
		// A path that still works needs no new one: the peer is only slow to answer (a busy page).
		const old = this.#data.get(peerId);
		const ice = old?.peerConnection?.iceConnectionState;
		if (old?.open && (ice === 'connected' || ice === 'completed')) return;
		this.#deps.log(`reconnecting to ${peerId} (ICE ${ice ?? 'gone'})`);
		this.#dropCompanionCall(peerId);
		const data = peer.connect(peerId, { serialization: 'raw', reliable: true });
		const media = peer.call(peerId, this.#options.media());
		if (data) this.#watchData(data);
		if (media) this.#watchMedia(media);
	}

	/** The companion's stream to a peer whose link is renewed: it is called again on the next tick. */
	#dropCompanionCall(peerId: string): void {
		if (this.state.role !== 'host') return;
		const call = this.#companionCalls.get(peerId);
		this.#companionCalls.delete(peerId);
		call?.close();
	}

	#receive(peerId: string, raw: unknown): void {
		const now = this.#deps.now();
		let limit = this.#limits.get(peerId);
		if (!limit) this.#limits.set(peerId, (limit = new RateLimit(20, 40, now)));
		if (!limit.take(now)) return this.#drop(peerId, 'over the rate limit');
		const parsed = parseMessage(raw);
		if (!parsed.ok) return this.#drop(peerId, parsed.reason);
		this.#dispatch({ type: 'message', peerId, message: parsed.message, at: now });
	}

	/** One log line per peer per second, however hard it floods. */
	#drop(peerId: string, reason: string): void {
		const now = this.#deps.now();
		if (now - (this.#dropLogged.get(peerId) ?? -Infinity) < 1000) return;
		this.#dropLogged.set(peerId, now);
		this.#deps.log(`dropped a message from ${peerId}: ${reason}`);
	}

	#answer(call: MediaConnection, tries = 0): void {
		const companion = v.safeParse(CompanionMetadata, call.metadata);
		if (companion.success) return this.#answerCompanion(call, companion.output.companion);
		if (!mayCall(this.state, call.peer)) {
			// A newcomer's call can overtake the host's word that it was admitted: wait a little.
			if (tries < ANSWER_TRIES) {
				setTimeout(() => this.#answer(call, tries + 1), ANSWER_RETRY_MS);
				return;
			}
			this.#deps.log(`refused a call from ${call.peer}, who is not in the call`);
			call.close();
			return;
		}
		// A second call from the same peer is its redial after a blip: the companion follows anew.
		if (this.#media.has(call.peer)) this.#dropCompanionCall(call.peer);
		call.answer(this.#options.media());
		this.#watchMedia(call);
	}

	/** Only the host's companion is received, and only by a guest in the call. */
	#answerCompanion(call: MediaConnection, name: string): void {
		if (call.peer !== this.state.hostId || !mayCall(this.state, call.peer)) {
			this.#deps.log(`refused a companion stream from ${call.peer}`);
			call.close();
			return;
		}
		call.answer();
		this.#companionCalls.get(call.peer)?.close();
		this.#companionCalls.set(call.peer, call);
		call.on('stream', (stream) => (this.remoteCompanion = { name, stream }));
		call.on('close', () => {
			if (this.#companionCalls.get(call.peer) !== call) return;
			this.#companionCalls.delete(call.peer);
			this.remoteCompanion = null;
		});
		call.on('error', (error) => this.#deps.log(`companion stream:`, error.message));
	}

	/** The host calls each person in the call who does not receive its companion yet. */
	#callWithCompanion(): void {
		const peer = this.#peer;
		const companion = this.#companion;
		if (!peer || peer.destroyed || !companion || this.state.phase !== 'in-call') return;
		for (const { peerId, status, media } of present(this.state)) {
			if (status !== 'connected' || !media || this.#companionCalls.has(peerId)) continue;
			const call = peer.call(peerId, companion.stream, {
				metadata: { companion: companion.name }
			});
			this.#companionCalls.set(peerId, call);
			call.on('close', () => {
				if (this.#companionCalls.get(peerId) === call) this.#companionCalls.delete(peerId);
			});
			call.on('error', (error) => this.#deps.log(`companion stream to ${peerId}:`, error.message));
		}
	}

	#watchMedia(call: MediaConnection): void {
		const peerId = call.peer;
		this.#media.get(peerId)?.close();
		this.#media.set(peerId, call);
		call.on('stream', (stream) => {
			this.remotes = { ...this.remotes, [peerId]: stream };
			this.#dispatch({ type: 'media', peerId, at: this.#deps.now() });
		});
		call.on('iceStateChanged', (state) => {
			if (state === 'failed')
				this.#dispatch({ type: 'problem', problem: 'ice-failed', peerId, at: this.#deps.now() });
		});
		call.on('close', () => {
			if (this.#media.get(peerId) !== call) return;
			this.#media.delete(peerId);
			const { [peerId]: _gone, ...rest } = this.remotes;
			this.remotes = rest;
		});
		call.on('error', (error) => this.#deps.log(`media with ${peerId}:`, error.message));
	}

	#peerError(type: string, message: string): void {
		const at = this.#deps.now();
		const problem: Problem | null =
			type === 'unavailable-id'
				? 'id-taken'
				: type === 'peer-unavailable'
					? 'peer-unavailable'
					: [
								'network',
								'server-error',
								'socket-error',
								'socket-closed',
								'invalid-key',
								'ssl-unavailable'
						  ].includes(type)
						? 'server-unreachable'
						: type === 'webrtc'
							? 'ice-failed'
							: null;
		this.#deps.log(`signalling: ${type}: ${message}`);
		if (!problem) return;
		// A reconnect that finds the id taken leaves the running call alone.
		if (problem === 'id-taken' && this.state.phase !== 'starting') return;
		const peerId = problem === 'peer-unavailable' ? /peer (\S+)/.exec(message)?.[1] : undefined;
		this.#dispatch({ type: 'problem', problem, peerId, at });
	}

	#scheduleReconnect(): void {
		if (this.#reconnectTimer) return;
		this.#reconnectTimer = setTimeout(() => {
			this.#reconnectTimer = null;
			const peer = this.#peer;
			if (!peer || peer.destroyed || !peer.disconnected) return;
			this.#reconnectDelay = Math.min(this.#reconnectDelay * 2, RECONNECT_MAX_MS);
			peer.reconnect();
		}, this.#reconnectDelay);
	}

	#closePeer(peerId: string): void {
		this.#companionCalls.get(peerId)?.close();
		this.#companionCalls.delete(peerId);
		this.#data.get(peerId)?.close();
		this.#data.delete(peerId);
		this.#media.get(peerId)?.close();
		this.#media.delete(peerId);
		this.#limits.delete(peerId);
		if (peerId in this.remotes) {
			const { [peerId]: _gone, ...rest } = this.remotes;
			this.remotes = rest;
		}
	}

	#destroy(): void {
		removeEventListener('pagehide', this.#onPageHide);
		if (this.#ticker) clearInterval(this.#ticker);
		if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
		this.#ticker = this.#reconnectTimer = null;
		// The goodbyes were queued just before: let them leave before the channels close.
		const peer = this.#peer;
		const connections = [
			...this.#data.values(),
			...this.#media.values(),
			...this.#companionCalls.values()
		];
		this.#data.clear();
		this.#media.clear();
		this.#companionCalls.clear();
		this.remotes = {};
		this.remoteCompanion = null;
		setTimeout(() => {
			for (const connection of connections) connection.close();
			peer?.destroy();
		}, 100);
	}
}

/** A media call's metadata saying it carries the host's companion (untrusted, like any message). */
const CompanionMetadata = v.strictObject({
	companion: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(60))
});

function lineId(): string {
	return crypto.randomUUID().slice(0, 12);
}
