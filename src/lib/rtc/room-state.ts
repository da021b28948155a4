import { PROTOCOL_VERSION, type Member, type Message } from './protocol';

/**
 * A call between people as a pure reducer: `reduce(state, event) → { state, effects }`. The room
 * (`room.svelte.ts`) feeds it what PeerJS and the data channels report and carries out its
 * effects; every rule (admission, who may say what, liveness, leaving) is here and unit-tested.
 *
 * Topology: the host's peer id is the room (`kompanion-<code>`). A joiner opens a data channel to
 * it and says `hello`; the host admits, answers `welcome` with the members already in, and tells
 * them `member`; the joiner then calls the host and each member (media) and greets each member.
 * Nobody accepts a call or a message from a peer the host has not admitted.
 */

export type Role = 'host' | 'guest';
export type Phase = 'starting' | 'waiting' | 'asking' | 'in-call' | 'ended';
export type PeerStatus = 'asking' | 'admitted' | 'connected' | 'stalled' | 'left';
/** What went wrong, each with its own message (`problems.ts`). */
export type Problem =
	| 'id-taken'
	| 'peer-unavailable'
	| 'server-unreachable'
	| 'ice-failed'
	| 'denied'
	| 'full'
	| 'version'
	| 'connection-lost';
export type EndReason = 'you-left' | 'others-left' | 'denied' | 'failed';

export interface PeerInfo {
	peerId: string;
	name: string;
	status: PeerStatus;
	/** When a message from it last arrived (ms). */
	seenAt: number;
	/** Whether its audio/video has arrived. */
	media: boolean;
	/** When this side last tried to reach it again after it went silent (ms), if it did. */
	redialAt?: number;
	/** (Host) this guest asked for the companion's corrections of their German. */
	correctMe?: boolean;
	/**
	 * When its data channel closed without a goodbye (ms): "left" unless a fresh connection comes
	 * within `GONE_MS` (a peer that redials closes the old channel, and that close can arrive first).
	 */
	closedAt?: number;
	/** It is recording the call now: that recording's id (from its pings). */
	recording?: string;
	/** Whether it allowed this side's current recording to include it; unset: not answered yet. */
	consent?: boolean;
	/** What this person answered to its recording (`recording`): the id it answered, and how. */
	answer?: { id: string; allow: boolean };
}

export interface Line {
	id: string;
	/** 'me', a peer id, or 'companion'. */
	from: string;
	name: string;
	kind: 'chat' | 'caption' | 'notice';
	text: string;
	final: boolean;
	at: number;
}

export interface RoomState {
	role: Role;
	phase: Phase;
	selfName: string;
	hostId: string;
	signalling: 'connecting' | 'online' | 'reconnecting';
	peers: readonly PeerInfo[];
	lines: readonly Line[];
	problem: Problem | null;
	ended: EndReason | null;
	/** (Guest) whether this person asked the host's companion to correct their German. */
	correctMe: boolean;
	/** (Guest) the host companion's corrections of this person's own lines, by line id. */
	hostCorrections: Readonly<Record<string, string>>;
	/** This side is recording the call: the recording's id, which the others consent to. */
	recording: string | null;
}

export type RoomEvent =
	| { type: 'signalling-open'; at: number }
	| { type: 'signalling-lost'; at: number }
	| { type: 'problem'; problem: Problem; peerId?: string; at: number }
	| { type: 'connection-open'; peerId: string; at: number }
	| {
			type: 'connection-closed';
			peerId: string;
			at: number;
			/** The connection closed because its network path failed (ICE), not because the peer closed it. */
			failed?: boolean;
	  }
	| { type: 'message'; peerId: string; message: Message; at: number }
	| { type: 'media'; peerId: string; at: number }
	| { type: 'admit'; peerId: string; at: number }
	| { type: 'decline'; peerId: string; at: number }
	| {
			type: 'say';
			kind: 'chat' | 'caption';
			id: string;
			text: string;
			final: boolean;
			at: number;
			/** The host's companion said it (its name). */
			companion?: string;
	  }
	| { type: 'tick'; at: number }
	/** (Guest) asks the host's companion to correct their German, or stops asking. */
	| { type: 'correct-me'; on: boolean; at: number }
	/** (Host) the companion corrected a guest's line: for that guest only, if they asked. */
	| { type: 'deliver-correction'; peerId: string; id: string; corrected: string; at: number }
	/** This side starts recording (a fresh id: everyone is asked anew) or stops (null). */
	| { type: 'record'; id: string | null; at: number }
	/** This person answers a peer's recording: may it include their picture and voice? */
	| { type: 'answer-recording'; peerId: string; allow: boolean; at: number }
	| { type: 'leave'; at: number };

export type Effect =
	| { type: 'send'; to: string; message: Message }
	| { type: 'connect'; peerId: string }
	| { type: 'call'; peerId: string }
	| { type: 'close'; peerId: string }
	/** Open a fresh data and media connection to a peer gone silent (the room state stays). */
	| { type: 'redial'; peerId: string }
	| { type: 'reconnect-signalling' }
	| { type: 'destroy' }
	| { type: 'drop'; peerId: string; reason: string };

export interface Step {
	state: RoomState;
	effects: Effect[];
}

/** No message for this long: the peer shows as "reconnecting…". */
export const STALL_MS = 1500;
/** A joiner still asking who is silent this long has gone. */
export const GONE_MS = 4000;
/**
 * A peer in the call silent this long is reached again (`redial`), and again every
 * `REDIAL_EVERY_MS` while it stays silent: a network blip breaks the path (ICE), and PeerJS has no
 * ICE restart, so a fresh connection between the same two peers replaces the broken one.
 */
export const REDIAL_AFTER_MS = 2000;
export const REDIAL_EVERY_MS = 3000;
/**
 * A peer in the call silent this long is given up on ("connection lost"). A closed tab says `bye`
 * (or its channel closes) and is "left" at once; only silence cannot tell a crashed browser from
 * a network blip, so silence alone waits this long.
 */
export const LOST_MS = 20_000;
/** Most people in a room besides oneself (a mesh: each sends to all). */
export const MAX_PEERS = 4;
const MAX_LINES = 300;

export function hostState(selfName: string, hostId: string): RoomState {
	return base('host', selfName, hostId);
}

export function guestState(selfName: string, hostId: string): RoomState {
	return base('guest', selfName, hostId);
}

function base(role: Role, selfName: string, hostId: string): RoomState {
	return {
		role,
		phase: 'starting',
		selfName,
		hostId,
		signalling: 'connecting',
		peers: [],
		lines: [],
		problem: null,
		ended: null,
		correctMe: false,
		hostCorrections: {},
		recording: null
	};
}

/** Whether a media call from `peerId` may be answered. */
export function mayCall(state: RoomState, peerId: string): boolean {
	const peer = find(state, peerId);
	return state.phase === 'in-call' && !!peer && peer.status !== 'asking' && peer.status !== 'left';
}

/** People in the call now (admitted and not gone). */
export function present(state: RoomState): PeerInfo[] {
	return state.peers.filter((peer) => peer.status !== 'asking' && peer.status !== 'left');
}

/**
 * The people this side's recording may include now: in the call, and they allowed this very
 * recording. Anyone who has not answered, said no, or took it back is left out.
 */
export function recordedPeers(state: RoomState): PeerInfo[] {
	return state.recording ? present(state).filter((peer) => peer.consent === true) : [];
}

/** The peers recording the call now, and what this person answered each (unset: not yet). */
export function recordingPeers(state: RoomState): { peer: PeerInfo; allowed?: boolean }[] {
	return present(state)
		.filter((peer) => peer.recording !== undefined)
		.map((peer) => {
			const { answer } = peer;
			return { peer, allowed: answer?.id === peer.recording ? answer?.allow : undefined };
		});
}

export function reduce(state: RoomState, event: RoomEvent): Step {
	if (state.phase === 'ended') return { state, effects: [] };
	switch (event.type) {
		case 'signalling-open':
			return signallingOpen(state);
		case 'signalling-lost':
			// Media and data channels are peer to peer: they keep running while this reconnects.
			return {
				state: { ...state, signalling: 'reconnecting' },
				effects: [{ type: 'reconnect-signalling' }]
			};
		case 'problem':
			return problem(state, event.problem, event.peerId);
		case 'connection-open':
			return connectionOpen(state, event.peerId, event.at);
		case 'connection-closed':
			return connectionClosed(state, event.peerId, event.at, event.failed ?? false);
		case 'message':
			return message(state, event.peerId, event.message, event.at);
		case 'media':
			return {
				state: update(state, event.peerId, { media: true }),
				effects: []
			};
		case 'admit':
			return admit(state, event.peerId, event.at);
		case 'decline': {
			const peer = find(state, event.peerId);
			if (state.role !== 'host' || peer?.status !== 'asking') return { state, effects: [] };
			return {
				state: { ...state, peers: state.peers.filter((p) => p.peerId !== event.peerId) },
				effects: [
					{ type: 'send', to: event.peerId, message: { type: 'denied', reason: 'declined' } },
					{ type: 'close', peerId: event.peerId }
				]
			};
		}
		case 'say': {
			const { companion, type: _type, ...said } = event;
			if (companion && state.role !== 'host') return { state, effects: [] };
			const line: Line = {
				...said,
				id: companion ? `companion:${event.id}` : event.id,
				from: companion ? 'companion' : 'me',
				name: companion ?? state.selfName
			};
			const effects: Effect[] = present(state).map((peer) => ({
				type: 'send',
				to: peer.peerId,
				message:
					event.kind === 'chat'
						? { type: 'chat', id: event.id, text: event.text }
						: {
								type: 'caption',
								id: event.id,
								text: event.text,
								final: event.final,
								...(companion ? { companion } : {})
							}
			}));
			return { state: withLine(state, line), effects };
		}
		case 'tick':
			return tick(state, event.at);
		case 'correct-me': {
			if (state.role !== 'guest') return { state, effects: [] };
			const host = find(state, state.hostId);
			const tell: Effect[] =
				state.phase === 'in-call' && host && host.status !== 'left'
					? [{ type: 'send', to: state.hostId, message: { type: 'corrections', on: event.on } }]
					: [];
			return { state: { ...state, correctMe: event.on }, effects: tell };
		}
		case 'deliver-correction': {
			// Privately, and only to a guest who asked and is still in the call.
			const peer = find(state, event.peerId);
			if (state.role !== 'host' || !peer?.correctMe || peer.status === 'left')
				return { state, effects: [] };
			return {
				state,
				effects: [
					{
						type: 'send',
						to: event.peerId,
						message: { type: 'correction', id: event.id, corrected: event.corrected }
					}
				]
			};
		}
		case 'record':
			return record(state, event.id, event.at);
		case 'answer-recording': {
			const peer = find(state, event.peerId);
			if (!peer?.recording || peer.status === 'left' || peer.status === 'asking')
				return { state, effects: [] };
			const id = peer.recording;
			return {
				state: update(state, peer.peerId, { answer: { id, allow: event.allow } }),
				effects: [
					{
						type: 'send',
						to: peer.peerId,
						message: { type: 'record-consent', id, allow: event.allow }
					}
				]
			};
		}
		case 'leave':
			return {
				state: { ...state, phase: 'ended', ended: 'you-left' },
				effects: [
					...state.peers
						.filter((peer) => peer.status !== 'left')
						.map((peer): Effect => ({ type: 'send', to: peer.peerId, message: { type: 'bye' } })),
					{ type: 'destroy' }
				]
			};
	}
}

function signallingOpen(state: RoomState): Step {
	const next: RoomState = { ...state, signalling: 'online' };
	if (state.phase !== 'starting') return { state: next, effects: [] };
	if (state.role === 'host') return { state: { ...next, phase: 'waiting' }, effects: [] };
	return {
		state: { ...next, phase: 'asking' },
		effects: [{ type: 'connect', peerId: state.hostId }]
	};
}

function problem(state: RoomState, problem: Problem, peerId?: string): Step {
	const before = state.phase === 'starting' || state.phase === 'asking';
	switch (problem) {
		case 'server-unreachable':
			// Before the room is open there is nothing to keep; during a call, media goes on.
			if (before) return end(state, 'failed', problem);
			return {
				state: { ...state, signalling: 'reconnecting' },
				effects: [{ type: 'reconnect-signalling' }]
			};
		case 'peer-unavailable':
			// The room's host, while asking: no such room. A member in a mesh: only that one is gone.
			if (state.role === 'guest' && (peerId === undefined || peerId === state.hostId) && before)
				return end(state, 'failed', problem);
			// During the call: the server knows no such peer any more (a redial found it gone). One
			// still heard from is not gone.
			if (!peerId) return { state, effects: [] };
			if (find(state, peerId)?.status === 'asking') return gone(state, peerId, 0);
			if (find(state, peerId)?.status !== 'stalled') return { state, effects: [] };
			return gone(state, peerId, 0, 'lost');
		case 'ice-failed': {
			// A path that worked and broke is a blip: the redial mends it. One that never worked
			// needs STUN/TURN, which the message says.
			const peer = peerId ? find(state, peerId) : undefined;
			if (peer?.media && peer.status !== 'left')
				return { state: update(state, peer.peerId, { status: 'stalled' }), effects: [] };
			return { state: { ...state, problem }, effects: [] };
		}
		default:
			return end(state, problem === 'denied' ? 'denied' : 'failed', problem);
	}
}

function connectionOpen(state: RoomState, peerId: string, at: number): Step {
	if (state.role === 'guest' && peerId === state.hostId && state.phase === 'asking') {
		return {
			state,
			effects: [
				{
					type: 'send',
					to: peerId,
					message: { type: 'hello', v: PROTOCOL_VERSION, name: state.selfName }
				}
			]
		};
	}
	const peer = find(state, peerId);
	// A member we reached on the host's word: introduce ourselves (it knows us from `member`).
	if (peer && peer.status === 'admitted' && state.phase === 'in-call') {
		return {
			state: update(state, peerId, { status: 'connected', seenAt: at }),
			effects: [
				{
					type: 'send',
					to: peerId,
					message: { type: 'greet', v: PROTOCOL_VERSION, name: state.selfName }
				}
			]
		};
	}
	// A fresh connection from a peer already in the call (a redial after a blip): it is back.
	if (
		peer &&
		(peer.status === 'connected' || peer.status === 'stalled') &&
		state.phase === 'in-call'
	)
		return {
			state: update(state, peerId, {
				status: 'connected',
				seenAt: at,
				redialAt: undefined,
				closedAt: undefined
			}),
			effects: []
		};
	return { state, effects: [] };
}

/**
 * A data channel closed. A failed path is a blip to mend (redial). A channel the peer closed is
 * "left" unless a fresh connection follows within `GONE_MS`: a peer that redials closes its old
 * channel, and that close can overtake the new connection. A goodbye (`bye`) is "left" at once.
 */
function connectionClosed(state: RoomState, peerId: string, at: number, failed: boolean): Step {
	const peer = find(state, peerId);
	if (
		peer &&
		state.phase === 'in-call' &&
		(peer.status === 'connected' || peer.status === 'stalled')
	)
		return {
			state: update(state, peerId, {
				status: 'stalled',
				closedAt: failed ? undefined : (peer.closedAt ?? at)
			}),
			effects: []
		};
	return gone(state, peerId, at);
}

function message(state: RoomState, peerId: string, message: Message, at: number): Step {
	const peer = find(state, peerId);
	const drop = (reason: string): Step => ({ state, effects: [{ type: 'drop', peerId, reason }] });

	if (message.type === 'hello') {
		if (state.role !== 'host' || peer) return drop('hello out of turn');
		if (message.v !== PROTOCOL_VERSION) {
			return {
				state,
				effects: [
					{ type: 'send', to: peerId, message: { type: 'denied', reason: 'version' } },
					{ type: 'close', peerId }
				]
			};
		}
		if (state.peers.filter((p) => p.status !== 'left').length >= MAX_PEERS) {
			return {
				state,
				effects: [
					{ type: 'send', to: peerId, message: { type: 'denied', reason: 'full' } },
					{ type: 'close', peerId }
				]
			};
		}
		const asking: PeerInfo = {
			peerId,
			name: message.name,
			status: 'asking',
			seenAt: at,
			media: false
		};
		return { state: { ...state, peers: [...state.peers, asking] }, effects: [] };
	}

	const fromHost = state.role === 'guest' && peerId === state.hostId;
	if (message.type === 'welcome' || message.type === 'denied') {
		if (!fromHost || state.phase !== 'asking') return drop(`${message.type} out of turn`);
		if (message.type === 'denied') {
			const reason = message.reason === 'declined' ? 'denied' : message.reason;
			return end(state, reason === 'denied' ? 'denied' : 'failed', reason);
		}
		if (message.v !== PROTOCOL_VERSION) return end(state, 'failed', 'version');
		const host: PeerInfo = {
			peerId,
			name: message.host,
			status: 'connected',
			seenAt: at,
			media: false
		};
		const members = message.members
			.filter((m) => m.peerId !== peerId)
			.map((m): PeerInfo => ({ ...m, status: 'admitted', seenAt: at, media: false }));
		return {
			state: { ...state, phase: 'in-call', peers: [host, ...members] },
			effects: [
				{ type: 'call', peerId },
				...members.flatMap((m): Effect[] => [
					{ type: 'connect', peerId: m.peerId },
					{ type: 'call', peerId: m.peerId }
				])
			]
		};
	}

	if (message.type === 'member') {
		if (!fromHost || state.phase !== 'in-call') return drop('member not from the host');
		if (find(state, message.member.peerId)) return { state, effects: [] };
		const member: PeerInfo = { ...message.member, status: 'admitted', seenAt: at, media: false };
		return { state: { ...state, peers: [...state.peers, member] }, effects: [] };
	}

	if (message.type === 'greet') {
		// Only a peer the host vouched for may greet; the name is the one the host admitted. Both
		// ends of a new member link greet, so one may already count the other as connected.
		if (
			(peer?.status === 'connected' || peer?.status === 'stalled') &&
			message.v === PROTOCOL_VERSION
		)
			return {
				state: update(state, peerId, {
					status: 'connected',
					seenAt: at,
					redialAt: undefined,
					closedAt: undefined
				}),
				effects: []
			};
		if (!peer || peer.status !== 'admitted' || message.v !== PROTOCOL_VERSION)
			return drop('greet from a peer the host did not admit');
		return { state: update(state, peerId, { status: 'connected', seenAt: at }), effects: [] };
	}

	// A joiner waiting to be admitted keeps saying it is there; nothing else is heard from it.
	if (message.type === 'ping' && peer?.status === 'asking') {
		// Not in the call yet: whether it records means nothing (it receives nothing to record).
		return { state: update(state, peerId, { seenAt: at }), effects: [] };
	}
	// Everything else only from people in the call.
	if (!peer || peer.status === 'asking' || peer.status === 'left') {
		return drop(`${message.type} from a peer not in the call`);
	}
	const seen = update(state, peerId, {
		seenAt: at,
		redialAt: undefined,
		closedAt: undefined,
		status: peer.status === 'stalled' || peer.status === 'admitted' ? 'connected' : peer.status
	});
	switch (message.type) {
		case 'ping':
			return { state: peerRecording(seen, peer, message.recording, at), effects: [] };
		case 'record-consent': {
			if (!state.recording || message.id !== state.recording)
				return drop('consent to a recording not running');
			if (peer.consent === message.allow) return { state: seen, effects: [] };
			return {
				state: withLine(update(seen, peerId, { consent: message.allow }), {
					id: `consent:${peerId}:${at}`,
					from: peerId,
					name: peer.name,
					kind: 'notice',
					text: message.allow
						? `${peer.name} allowed your recording: their picture and voice are in it`
						: `${peer.name} does not want to be recorded: they are left out of your recording`,
					final: true,
					at
				}),
				effects: []
			};
		}
		case 'bye':
			return gone(seen, peerId, at);
		case 'corrections':
			if (state.role !== 'host') return drop('corrections asked of a guest');
			return { state: update(seen, peerId, { correctMe: message.on }), effects: [] };
		case 'correction': {
			// Only from the host, only for a line this person said, only when they asked.
			const own = state.lines.some((line) => line.from === 'me' && line.id === message.id);
			if (!fromHost || !state.correctMe || !own) return drop('a correction nobody asked for');
			return {
				state: {
					...seen,
					hostCorrections: { ...state.hostCorrections, [message.id]: message.corrected }
				},
				effects: []
			};
		}
		case 'chat':
			return {
				state: withLine(seen, {
					id: `${peerId}:${message.id}`,
					from: peerId,
					name: peer.name,
					kind: 'chat',
					text: message.text,
					final: true,
					at
				}),
				effects: []
			};
		case 'caption': {
			// Only the host runs a companion; a guest cannot speak as one.
			const companion = message.companion && peerId === state.hostId ? message.companion : null;
			return {
				state: withLine(seen, {
					id: `${peerId}:${message.id}`,
					from: companion ? 'companion' : peerId,
					name: companion ?? peer.name,
					kind: 'caption',
					text: message.text,
					final: message.final,
					at
				}),
				effects: []
			};
		}
	}
}

function admit(state: RoomState, peerId: string, at: number): Step {
	const peer = find(state, peerId);
	if (state.role !== 'host' || peer?.status !== 'asking') return { state, effects: [] };
	const others = present(state);
	const members: Member[] = others.map(({ peerId, name }) => ({ peerId, name }));
	return {
		state: {
			...update(state, peerId, { status: 'connected', seenAt: at }),
			phase: 'in-call'
		},
		effects: [
			{
				type: 'send',
				to: peerId,
				message: { type: 'welcome', v: PROTOCOL_VERSION, host: state.selfName, members }
			},
			...others.map((other): Effect => ({
				type: 'send',
				to: other.peerId,
				message: { type: 'member', member: { peerId, name: peer.name } }
			}))
		]
	};
}

function tick(state: RoomState, at: number): Step {
	const effects: Effect[] = [];
	let next = state;
	for (const peer of state.peers) {
		if (peer.status === 'left') continue;
		const silent = at - peer.seenAt;
		const closed = peer.closedAt !== undefined && at - peer.closedAt > GONE_MS;
		if (closed || (peer.status === 'asking' ? silent > GONE_MS : silent > LOST_MS)) {
			const how = closed || peer.status === 'asking' ? 'left' : 'lost';
			const step = gone(next, peer.peerId, at, how);
			next = step.state;
			effects.push(...step.effects);
			continue;
		}
		if (silent > STALL_MS && peer.status === 'connected') {
			next = update(next, peer.peerId, { status: 'stalled' });
		}
		const redialDue =
			peer.redialAt === undefined
				? silent >= REDIAL_AFTER_MS
				: at - peer.redialAt >= REDIAL_EVERY_MS;
		// Only a link that worked is redialled: a member not reached yet is the newcomer's to reach.
		const stalled = find(next, peer.peerId)?.status === 'stalled';
		if (next.phase === 'in-call' && stalled && silent >= REDIAL_AFTER_MS && redialDue) {
			next = update(next, peer.peerId, { redialAt: at });
			effects.push({ type: 'redial', peerId: peer.peerId });
		}
	}
	if (next.phase === 'asking') {
		effects.push({ type: 'send', to: next.hostId, message: { type: 'ping', at } });
	} else if (next.phase === 'in-call') {
		effects.push(...pings(next, at));
	}
	return { state: next, effects };
}

/** "Still here" to everyone in the call, saying whether this side records. */
function pings(state: RoomState, at: number): Effect[] {
	const recording = state.recording ?? undefined;
	return present(state).map((peer) => ({
		type: 'send',
		to: peer.peerId,
		message: { type: 'ping', at, ...(recording ? { recording } : {}) }
	}));
}

/**
 * This side starts or stops recording. Each recording asks everyone anew (earlier answers were
 * for an earlier recording); the others learn it at once, and from every ping after.
 */
function record(state: RoomState, id: string | null, at: number): Step {
	if (id === state.recording || (id && state.phase !== 'in-call')) return { state, effects: [] };
	const next: RoomState = {
		...state,
		recording: id,
		peers: state.peers.map((peer) => ({ ...peer, consent: undefined }))
	};
	return { state: next, effects: pings(next, at) };
}

/** A peer's ping says whether it records: a notice when that changes. */
function peerRecording(
	state: RoomState,
	peer: PeerInfo,
	recording: string | undefined,
	at: number
): RoomState {
	if (recording === peer.recording) return state;
	const next = update(state, peer.peerId, { recording, answer: undefined });
	// A new recording straight after another one asks again; the notice says only start and stop.
	if (recording && peer.recording) return next;
	return withLine(next, {
		id: `recording:${peer.peerId}:${at}`,
		from: peer.peerId,
		name: peer.name,
		kind: 'notice',
		text: recording
			? `${peer.name} is recording the call; you are in it only if you allow it`
			: `${peer.name} stopped recording`,
		final: true,
		at
	});
}

/**
 * A peer left (bye, closed channel) or was lost (silent too long, unknown to the server): shown in
 * the call; the call ends when nobody is left, with an actionable message when it was lost.
 */
function gone(state: RoomState, peerId: string, at: number, how: 'left' | 'lost' = 'left'): Step {
	const peer = find(state, peerId);
	if (!peer || peer.status === 'left') return { state, effects: [] };
	if (peer.status === 'asking') {
		return {
			state: { ...state, peers: state.peers.filter((p) => p.peerId !== peerId) },
			effects: [{ type: 'close', peerId }]
		};
	}
	if (state.role === 'guest' && state.phase === 'asking' && peerId === state.hostId) {
		return end(state, 'failed', 'peer-unavailable');
	}
	let next = withLine(update(state, peerId, { status: 'left', media: false }), {
		id: `left:${peerId}:${at}`,
		from: peerId,
		name: peer.name,
		kind: 'notice',
		text: how === 'left' ? `${peer.name} left` : `The connection to ${peer.name} was lost`,
		final: true,
		at
	});
	const effects: Effect[] = [{ type: 'close', peerId }];
	if (next.phase === 'in-call' && present(next).length === 0) {
		next = {
			...next,
			phase: 'ended',
			ended: 'others-left',
			problem: how === 'lost' ? 'connection-lost' : next.problem
		};
		effects.push({ type: 'destroy' });
	}
	return { state: next, effects };
}

function end(state: RoomState, reason: EndReason, problem: Problem | null): Step {
	return {
		state: { ...state, phase: 'ended', ended: reason, problem },
		effects: [{ type: 'destroy' }]
	};
}

function find(state: RoomState, peerId: string): PeerInfo | undefined {
	return state.peers.find((peer) => peer.peerId === peerId);
}

function update(state: RoomState, peerId: string, patch: Partial<PeerInfo>): RoomState {
	return {
		...state,
		peers: state.peers.map((peer) => (peer.peerId === peerId ? { ...peer, ...patch } : peer))
	};
}

/** Adds a line, or replaces the one with its id (a caption growing into its final form). */
function withLine(state: RoomState, line: Line): RoomState {
	const index = state.lines.findIndex((l) => l.id === line.id);
	const lines =
		index >= 0
			? state.lines.map((l, i) => (i === index ? line : l))
			: [...state.lines, line].slice(-MAX_LINES);
	return { ...state, lines };
}
