import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type Message } from '$lib/rtc/protocol';
import {
	GONE_MS,
	LOST_MS,
	MAX_PEERS,
	REDIAL_AFTER_MS,
	REDIAL_EVERY_MS,
	STALL_MS,
	guestState,
	hostState,
	mayCall,
	present,
	recordedPeers,
	recordingPeers,
	reduce,
	type Effect,
	type RoomEvent,
	type RoomState
} from '$lib/rtc/room-state';

const HOST = 'kompanion-abcd-efgh';
const ANNA = 'kompanion-m-anna';
const BEN = 'kompanion-m-ben';

function run(events: RoomEvent[], from: RoomState) {
	let state = from;
	const effects: Effect[] = [];
	for (const event of events) {
		const step = reduce(state, event);
		state = step.state;
		effects.push(...step.effects);
	}
	return { state, effects };
}

const msg = (peerId: string, message: Message, at = 0): RoomEvent => ({
	type: 'message',
	peerId,
	message,
	at
});
const hello = (peerId: string, name: string, at = 0) =>
	msg(peerId, { type: 'hello', v: PROTOCOL_VERSION, name }, at);
const sends = (effects: Effect[], to: string) =>
	effects
		.filter((e) => e.type === 'send' && e.to === to)
		.map((e) => e.type === 'send' && e.message);

/** A host with Anna in the call. */
function hostWithAnna() {
	return run(
		[
			{ type: 'signalling-open', at: 0 },
			hello(ANNA, 'Anna'),
			{ type: 'admit', peerId: ANNA, at: 0 }
		],
		hostState('Max', HOST)
	);
}

/** A guest (Anna) admitted by Max. */
function guestIn(members: { peerId: string; name: string }[] = []) {
	return run(
		[
			{ type: 'signalling-open', at: 0 },
			{ type: 'connection-open', peerId: HOST, at: 0 },
			msg(HOST, { type: 'welcome', v: PROTOCOL_VERSION, host: 'Max', members })
		],
		guestState('Anna', HOST)
	);
}

describe('joining and admitting', () => {
	it('the host waits once the signalling server took its id', () => {
		expect.assertions(2);
		const { state } = run([{ type: 'signalling-open', at: 0 }], hostState('Max', HOST));
		expect(state.phase).toBe('waiting');
		expect(state.signalling).toBe('online');
	});

	it('a guest connects to the room and says hello with the protocol version first', () => {
		expect.assertions(3);
		const { state, effects } = run(
			[
				{ type: 'signalling-open', at: 0 },
				{ type: 'connection-open', peerId: HOST, at: 0 }
			],
			guestState('Anna', HOST)
		);
		expect(state.phase).toBe('asking');
		expect(effects[0]).toEqual({ type: 'connect', peerId: HOST });
		expect(sends(effects, HOST)).toEqual([{ type: 'hello', v: PROTOCOL_VERSION, name: 'Anna' }]);
	});

	it('a joiner asks; nothing of theirs is heard and no call answered until the host admits', () => {
		expect.assertions(5);
		const asked = run(
			[{ type: 'signalling-open', at: 0 }, hello(ANNA, 'Anna')],
			hostState('Max', HOST)
		);
		expect(asked.state.peers).toMatchObject([{ peerId: ANNA, name: 'Anna', status: 'asking' }]);
		expect(mayCall(asked.state, ANNA)).toBe(false);
		const chat = reduce(asked.state, msg(ANNA, { type: 'chat', id: '1', text: 'hi' }));
		expect(chat.state.lines).toEqual([]);
		expect(chat.effects).toMatchObject([{ type: 'drop', peerId: ANNA }]);
		const admitted = reduce(asked.state, { type: 'admit', peerId: ANNA, at: 1 });
		expect(mayCall(admitted.state, ANNA)).toBe(true);
	});

	it('admitting sends the welcome with the members already in, and tells them', () => {
		expect.assertions(3);
		const withAnna = hostWithAnna();
		expect(sends(withAnna.effects, ANNA)).toEqual([
			{ type: 'welcome', v: PROTOCOL_VERSION, host: 'Max', members: [] }
		]);
		const { effects } = run(
			[hello(BEN, 'Ben'), { type: 'admit', peerId: BEN, at: 0 }],
			withAnna.state
		);
		expect(sends(effects, BEN)).toEqual([
			{
				type: 'welcome',
				v: PROTOCOL_VERSION,
				host: 'Max',
				members: [{ peerId: ANNA, name: 'Anna' }]
			}
		]);
		expect(sends(effects, ANNA)).toEqual([
			{ type: 'member', member: { peerId: BEN, name: 'Ben' } }
		]);
	});

	it('declining tells the joiner and closes; the guest ends as denied', () => {
		expect.assertions(3);
		const { effects } = run(
			[
				{ type: 'signalling-open', at: 0 },
				hello(ANNA, 'Anna'),
				{ type: 'decline', peerId: ANNA, at: 0 }
			],
			hostState('Max', HOST)
		);
		expect(sends(effects, ANNA)).toEqual([{ type: 'denied', reason: 'declined' }]);
		expect(effects).toContainEqual({ type: 'close', peerId: ANNA });
		const guest = run(
			[{ type: 'signalling-open', at: 0 }, msg(HOST, { type: 'denied', reason: 'declined' })],
			guestState('Anna', HOST)
		);
		expect(guest.state).toMatchObject({ phase: 'ended', ended: 'denied', problem: 'denied' });
	});

	it('another protocol version is turned away with a reason', () => {
		expect.assertions(1);
		const { effects } = run(
			[{ type: 'signalling-open', at: 0 }, msg(ANNA, { type: 'hello', v: 99, name: 'Anna' })],
			hostState('Max', HOST)
		);
		expect(sends(effects, ANNA)).toEqual([{ type: 'denied', reason: 'version' }]);
	});

	it('a full room says so', () => {
		expect.assertions(1);
		let state = run([{ type: 'signalling-open', at: 0 }], hostState('Max', HOST)).state;
		for (let i = 0; i < MAX_PEERS; i++) state = reduce(state, hello(`p${i}`, `P${i}`)).state;
		expect(sends(reduce(state, hello('late', 'Late')).effects, 'late')).toEqual([
			{ type: 'denied', reason: 'full' }
		]);
	});

	it('the welcomed guest calls the host and reaches each member (mesh)', () => {
		expect.assertions(3);
		const { state, effects } = guestIn([{ peerId: BEN, name: 'Ben' }]);
		expect(state.phase).toBe('in-call');
		expect(effects).toEqual(
			expect.arrayContaining([
				{ type: 'call', peerId: HOST },
				{ type: 'connect', peerId: BEN },
				{ type: 'call', peerId: BEN }
			])
		);
		const greeted = reduce(state, { type: 'connection-open', peerId: BEN, at: 1 });
		expect(sends(greeted.effects, BEN)).toEqual([
			{ type: 'greet', v: PROTOCOL_VERSION, name: 'Anna' }
		]);
	});

	it('a member hears a greet only from someone the host vouched for', () => {
		expect.assertions(2);
		const { state } = guestIn();
		const stranger = reduce(state, msg(BEN, { type: 'greet', v: PROTOCOL_VERSION, name: 'Ben' }));
		expect(stranger.effects).toMatchObject([{ type: 'drop', peerId: BEN }]);
		const vouched = run(
			[
				msg(HOST, { type: 'member', member: { peerId: BEN, name: 'Ben' } }),
				msg(BEN, { type: 'greet', v: PROTOCOL_VERSION, name: 'Ben' })
			],
			state
		);
		expect(vouched.state.peers.find((p) => p.peerId === BEN)?.status).toBe('connected');
	});

	it('both ends of a member link greet; the second greet is no intruder', () => {
		expect.assertions(2);
		const { state } = guestIn([{ peerId: BEN, name: 'Ben' }]);
		const opened = reduce(state, { type: 'connection-open', peerId: BEN, at: 1 }).state;
		const greeted = reduce(
			opened,
			msg(BEN, { type: 'greet', v: PROTOCOL_VERSION, name: 'Ben' }, 2)
		);
		expect(greeted.effects).toEqual([]);
		expect(greeted.state.peers.find((p) => p.peerId === BEN)).toMatchObject({
			status: 'connected',
			seenAt: 2
		});
	});

	it('only the host may introduce members, welcome or deny', () => {
		expect.assertions(2);
		const { state } = guestIn([{ peerId: BEN, name: 'Ben' }]);
		const fake = reduce(state, msg(BEN, { type: 'member', member: { peerId: 'x', name: 'X' } }));
		expect(fake.effects).toMatchObject([{ type: 'drop', peerId: BEN }]);
		expect(reduce(state, msg(BEN, { type: 'denied', reason: 'full' })).state.phase).toBe('in-call');
	});
});

describe('in the call', () => {
	it('chat crosses both ways, attributed to who wrote it', () => {
		expect.assertions(2);
		const { state } = hostWithAnna();
		const said = reduce(state, {
			type: 'say',
			kind: 'chat',
			id: 'a',
			text: 'Hallo',
			final: true,
			at: 1
		});
		expect(sends(said.effects, ANNA)).toEqual([{ type: 'chat', id: 'a', text: 'Hallo' }]);
		const heard = reduce(said.state, msg(ANNA, { type: 'chat', id: 'b', text: 'Hi Max' }, 2));
		expect(heard.state.lines.map((l) => [l.from, l.name, l.text])).toEqual([
			['me', 'Max', 'Hallo'],
			[ANNA, 'Anna', 'Hi Max']
		]);
	});

	it('a caption grows into its final form in one line', () => {
		expect.assertions(1);
		const { state } = hostWithAnna();
		const { state: after } = run(
			[
				msg(ANNA, { type: 'caption', id: 'c1', text: 'Ich', final: false }),
				msg(ANNA, { type: 'caption', id: 'c1', text: 'Ich heiße Anna.', final: true })
			],
			state
		);
		expect(after.lines).toMatchObject([{ from: ANNA, text: 'Ich heiße Anna.', final: true }]);
	});

	it("only the host's captions can speak as the companion", () => {
		expect.assertions(2);
		const guest = guestIn([{ peerId: BEN, name: 'Ben' }]);
		const { state } = run(
			[
				msg(HOST, { type: 'caption', id: 'l', text: 'Hallo!', final: true, companion: 'Lena' }),
				msg(BEN, { type: 'greet', v: PROTOCOL_VERSION, name: 'Ben' }),
				msg(BEN, { type: 'caption', id: 'x', text: 'Fake', final: true, companion: 'Lena' })
			],
			guest.state
		);
		expect(state.lines[0]).toMatchObject({ from: 'companion', name: 'Lena' });
		expect(state.lines[1]).toMatchObject({ from: BEN, name: 'Ben' });
	});

	it("the host's companion speaks as itself to everyone; a guest's say cannot claim one", () => {
		expect.assertions(3);
		const { state } = hostWithAnna();
		const said = reduce(state, {
			type: 'say',
			kind: 'caption',
			id: 'k1',
			text: 'Bis später!',
			final: true,
			companion: 'Lena',
			at: 1
		});
		expect(said.state.lines.at(-1)).toMatchObject({ from: 'companion', name: 'Lena' });
		expect(sends(said.effects, ANNA)).toEqual([
			{ type: 'caption', id: 'k1', text: 'Bis später!', final: true, companion: 'Lena' }
		]);
		const guest = guestIn().state;
		expect(
			reduce(guest, {
				type: 'say',
				kind: 'caption',
				id: 'x',
				text: 'y',
				final: true,
				companion: 'Lena',
				at: 1
			}).effects
		).toEqual([]);
	});

	it('pings keep a peer connected; silence shows it stalled, then lost with a message', () => {
		expect.assertions(5);
		const { state } = hostWithAnna();
		const tick = reduce(state, { type: 'tick', at: 100 });
		expect(sends(tick.effects, ANNA)).toEqual([{ type: 'ping', at: 100 }]);
		const stalled = reduce(state, { type: 'tick', at: STALL_MS + 1 }).state;
		expect(stalled.peers[0].status).toBe('stalled');
		const back = reduce(stalled, msg(ANNA, { type: 'ping', at: 5 }, STALL_MS + 2)).state;
		expect(back.peers[0].status).toBe('connected');
		const lost = reduce(back, { type: 'tick', at: STALL_MS + 2 + LOST_MS + 1 });
		expect(lost.state).toMatchObject({
			phase: 'ended',
			ended: 'others-left',
			problem: 'connection-lost'
		});
		expect(lost.state.lines.at(-1)).toMatchObject({
			kind: 'notice',
			text: 'The connection to Anna was lost'
		});
	});

	it('a silent peer is redialled after a while and again while it stays silent, not before', () => {
		expect.assertions(5);
		const { state } = hostWithAnna();
		const redials = (step: { effects: Effect[] }) =>
			step.effects.filter((e) => e.type === 'redial');
		const early = reduce(state, { type: 'tick', at: STALL_MS + 1 });
		expect(redials(early)).toEqual([]);
		const first = reduce(early.state, { type: 'tick', at: REDIAL_AFTER_MS });
		expect(redials(first)).toEqual([{ type: 'redial', peerId: ANNA }]);
		expect(redials(reduce(first.state, { type: 'tick', at: REDIAL_AFTER_MS + 500 }))).toEqual([]);
		const again = reduce(first.state, { type: 'tick', at: REDIAL_AFTER_MS + REDIAL_EVERY_MS });
		expect(redials(again)).toEqual([{ type: 'redial', peerId: ANNA }]);
		// Still in the call all along: "reconnecting…", not "left".
		expect(again.state).toMatchObject({ phase: 'in-call', peers: [{ status: 'stalled' }] });
	});

	it('a fresh connection from a stalled peer brings it back; its greet too', () => {
		expect.assertions(3);
		const { state } = hostWithAnna();
		const stalled = run(
			[
				{ type: 'tick', at: REDIAL_AFTER_MS },
				{ type: 'connection-closed', peerId: ANNA, at: REDIAL_AFTER_MS + 1, failed: true }
			],
			state
		).state;
		expect(stalled).toMatchObject({ phase: 'in-call', peers: [{ status: 'stalled' }] });
		const opened = reduce(stalled, { type: 'connection-open', peerId: ANNA, at: 9000 }).state;
		expect(opened.peers[0]).toMatchObject({ status: 'connected', seenAt: 9000 });
		const greeted = reduce(
			stalled,
			msg(ANNA, { type: 'greet', v: PROTOCOL_VERSION, name: 'Anna' }, 9000)
		);
		expect(greeted.state.peers[0]).toMatchObject({ status: 'connected', seenAt: 9000 });
	});

	it('a channel the peer closed is "left" unless a fresh one follows; a failed path is a blip', () => {
		expect.assertions(4);
		const { state } = hostWithAnna();
		const closed = reduce(state, { type: 'connection-closed', peerId: ANNA, at: 5 }).state;
		expect(closed).toMatchObject({ phase: 'in-call', peers: [{ status: 'stalled' }] });
		// Her redial closed the old channel before the new one arrived: she is back, not gone.
		const back = run(
			[
				{ type: 'connection-open', peerId: ANNA, at: 500 },
				msg(ANNA, { type: 'ping', at: 1 }, GONE_MS),
				{ type: 'tick', at: GONE_MS + 100 }
			],
			closed
		).state;
		expect(back).toMatchObject({ phase: 'in-call', peers: [{ status: 'connected' }] });
		const left = reduce(closed, { type: 'tick', at: GONE_MS + 6 }).state;
		expect(left.lines.at(-1)).toMatchObject({ text: 'Anna left' });
		const failed = run(
			[
				{ type: 'connection-closed', peerId: ANNA, at: 5, failed: true },
				{ type: 'tick', at: GONE_MS + 6 }
			],
			state
		).state;
		expect(failed).toMatchObject({ phase: 'in-call', peers: [{ status: 'stalled' }] });
	});

	it('a redial the server cannot deliver (no such peer any more) gives the peer up', () => {
		expect.assertions(1);
		const { state } = hostWithAnna();
		const stalled = reduce(state, { type: 'tick', at: REDIAL_AFTER_MS }).state;
		const gone = reduce(stalled, {
			type: 'problem',
			problem: 'peer-unavailable',
			peerId: ANNA,
			at: 3000
		}).state;
		expect(gone).toMatchObject({ phase: 'ended', problem: 'connection-lost' });
	});

	it('a joiner waiting to be admitted pings and is kept', () => {
		expect.assertions(2);
		const asking = run([{ type: 'signalling-open', at: 0 }], guestState('Anna', HOST)).state;
		expect(sends(reduce(asking, { type: 'tick', at: 10 }).effects, HOST)).toEqual([
			{ type: 'ping', at: 10 }
		]);
		const host = run(
			[
				{ type: 'signalling-open', at: 0 },
				hello(ANNA, 'Anna', 0),
				msg(ANNA, { type: 'ping', at: 1 }, GONE_MS - 100),
				{ type: 'tick', at: GONE_MS + 500 }
			],
			hostState('Max', HOST)
		).state;
		expect(host.peers).toMatchObject([{ peerId: ANNA, status: 'asking' }]);
	});

	it('bye ends the call at once with "left"; in a mesh the others stay', () => {
		expect.assertions(3);
		const { state } = hostWithAnna();
		const bye = reduce(state, msg(ANNA, { type: 'bye' }, 5));
		expect(bye.state.phase).toBe('ended');
		const mesh = run([hello(BEN, 'Ben'), { type: 'admit', peerId: BEN, at: 0 }], state).state;
		const oneLeft = reduce(mesh, msg(ANNA, { type: 'bye' }, 5)).state;
		expect(oneLeft.phase).toBe('in-call');
		expect(present(oneLeft).map((p) => p.name)).toEqual(['Ben']);
	});

	it('leaving says bye to everyone, then destroys', () => {
		expect.assertions(2);
		const { state } = hostWithAnna();
		const left = reduce(state, { type: 'leave', at: 9 });
		expect(left.state).toMatchObject({ phase: 'ended', ended: 'you-left' });
		expect(left.effects).toEqual([
			{ type: 'send', to: ANNA, message: { type: 'bye' } },
			{ type: 'destroy' }
		]);
	});

	it('an ended room ignores everything', () => {
		expect.assertions(1);
		const ended = reduce(hostWithAnna().state, { type: 'leave', at: 0 }).state;
		expect(reduce(ended, msg(ANNA, { type: 'chat', id: '1', text: 'x' }))).toEqual({
			state: ended,
			effects: []
		});
	});
});

describe('problems', () => {
	it('signalling lost mid-call: media stays, it reconnects in the background', () => {
		expect.assertions(3);
		const { state } = hostWithAnna();
		const lost = reduce(state, { type: 'signalling-lost', at: 1 });
		expect(lost.state).toMatchObject({ phase: 'in-call', signalling: 'reconnecting' });
		expect(lost.effects).toEqual([{ type: 'reconnect-signalling' }]);
		const unreachable = reduce(lost.state, {
			type: 'problem',
			problem: 'server-unreachable',
			at: 2
		});
		expect(unreachable.state.phase).toBe('in-call');
	});

	it('an unreachable server before the room opened ends with that reason', () => {
		expect.assertions(1);
		const { state } = run(
			[{ type: 'problem', problem: 'server-unreachable', at: 0 }],
			hostState('Max', HOST)
		);
		expect(state).toMatchObject({ phase: 'ended', ended: 'failed', problem: 'server-unreachable' });
	});

	it('id taken and no such room end the attempt with their own problem', () => {
		expect.assertions(2);
		expect(
			reduce(hostState('Max', HOST), { type: 'problem', problem: 'id-taken', at: 0 }).state.problem
		).toBe('id-taken');
		const asking = run([{ type: 'signalling-open', at: 0 }], guestState('Anna', HOST)).state;
		expect(
			reduce(asking, { type: 'problem', problem: 'peer-unavailable', peerId: HOST, at: 0 }).state
		).toMatchObject({ phase: 'ended', problem: 'peer-unavailable' });
	});

	it('ICE failing on a link that carried media is a blip, not a problem to show', () => {
		expect.assertions(1);
		const withMedia = reduce(hostWithAnna().state, { type: 'media', peerId: ANNA, at: 0 }).state;
		const { state } = reduce(withMedia, {
			type: 'problem',
			problem: 'ice-failed',
			peerId: ANNA,
			at: 1
		});
		expect(state).toMatchObject({ problem: null, peers: [{ status: 'stalled' }] });
	});

	it('ICE failure is shown without ending the call', () => {
		expect.assertions(1);
		const { state } = reduce(hostWithAnna().state, {
			type: 'problem',
			problem: 'ice-failed',
			peerId: ANNA,
			at: 0
		});
		expect(state).toMatchObject({ phase: 'in-call', problem: 'ice-failed' });
	});
});

describe("the host companion's corrections for a guest who asks", () => {
	it('a guest asks the host; the host delivers only to a guest who asked, only to them', () => {
		expect.assertions(5);
		const guest = reduce(guestIn().state, { type: 'correct-me', on: true, at: 1 });
		expect(guest.state.correctMe).toBe(true);
		expect(sends(guest.effects, HOST)).toEqual([{ type: 'corrections', on: true }]);

		const { state } = run(
			[hello(BEN, 'Ben'), { type: 'admit', peerId: BEN, at: 0 }],
			hostWithAnna().state
		);
		const deliver = (s: RoomState, peerId: string) =>
			reduce(s, { type: 'deliver-correction', peerId, id: 'l1', corrected: 'Richtig.', at: 2 });
		expect(deliver(state, ANNA).effects).toEqual([]);
		const asked = reduce(state, msg(ANNA, { type: 'corrections', on: true }, 1)).state;
		expect(deliver(asked, ANNA).effects).toEqual([
			{ type: 'send', to: ANNA, message: { type: 'correction', id: 'l1', corrected: 'Richtig.' } }
		]);
		expect(deliver(asked, BEN).effects).toEqual([]);
	});

	it('a guest shows a correction only from the host, of its own line, after it asked', () => {
		expect.assertions(3);
		const said = run(
			[
				{ type: 'say', kind: 'chat', id: 'l1', text: 'Ich habe gegeht.', final: true, at: 1 },
				{ type: 'correct-me', on: true, at: 2 }
			],
			guestIn([{ peerId: BEN, name: 'Ben' }]).state
		).state;
		const fix = { type: 'correction', id: 'l1', corrected: 'Ich bin gegangen.' } as const;
		expect(reduce(said, msg(HOST, fix)).state.hostCorrections).toEqual({
			l1: 'Ich bin gegangen.'
		});
		expect(reduce(said, msg(BEN, fix)).effects).toMatchObject([{ type: 'drop' }]);
		const unasked = reduce(said, { type: 'correct-me', on: false, at: 3 }).state;
		expect(reduce(unasked, msg(HOST, fix)).state.hostCorrections).toEqual({});
	});
});

describe('recording a call: the others consent first', () => {
	const ping = (at: number, recording?: string): Message => ({
		type: 'ping',
		at,
		...(recording ? { recording } : {})
	});
	const consent = (id: string, allow: boolean): Message => ({ type: 'record-consent', id, allow });

	/** Max hosts Anna and Ben, and starts recording 'r1'. */
	function hostRecording() {
		const { state } = run(
			[hello(BEN, 'Ben'), { type: 'admit', peerId: BEN, at: 0 }],
			hostWithAnna().state
		);
		return reduce(state, { type: 'record', id: 'r1', at: 1 });
	}

	it('starting tells everyone at once, and every ping after says it too', () => {
		expect.assertions(3);
		const { state, effects } = hostRecording();
		expect(sends(effects, ANNA)).toEqual([{ type: 'ping', at: 1, recording: 'r1' }]);
		expect(sends(effects, BEN)).toEqual([{ type: 'ping', at: 1, recording: 'r1' }]);
		expect(sends(reduce(state, { type: 'tick', at: 2 }).effects, ANNA)).toEqual([
			{ type: 'ping', at: 2, recording: 'r1' }
		]);
	});

	it('includes only those who allowed this recording, and drops one who takes it back', () => {
		expect.assertions(5);
		const { state } = hostRecording();
		expect(recordedPeers(state)).toEqual([]);
		const anna = reduce(state, msg(ANNA, consent('r1', true), 2)).state;
		const both = reduce(anna, msg(BEN, consent('r1', false), 2)).state;
		expect(recordedPeers(both).map((peer) => peer.name)).toEqual(['Anna']);
		expect(both.lines.map((line) => line.text)).toEqual([
			'Anna allowed your recording: their picture and voice are in it',
			'Ben does not want to be recorded: they are left out of your recording'
		]);
		const withdrawn = reduce(both, msg(ANNA, consent('r1', false), 3)).state;
		expect(recordedPeers(withdrawn)).toEqual([]);
		// One who left is not recorded, whatever they said.
		const left = reduce(anna, msg(ANNA, { type: 'bye' }, 4)).state;
		expect(recordedPeers(left)).toEqual([]);
	});

	it('a consent to another or a stopped recording counts for nothing', () => {
		expect.assertions(3);
		const { state } = hostRecording();
		expect(reduce(state, msg(ANNA, consent('r0', true))).effects).toMatchObject([
			{ type: 'drop', peerId: ANNA }
		]);
		const allowed = reduce(state, msg(ANNA, consent('r1', true))).state;
		// Stopped and started again: a new recording asks everyone anew.
		const again = run(
			[
				{ type: 'record', id: null, at: 5 },
				{ type: 'record', id: 'r2', at: 6 }
			],
			allowed
		).state;
		expect(recordedPeers(again)).toEqual([]);
		const stopped = reduce(allowed, { type: 'record', id: null, at: 5 }).state;
		expect(reduce(stopped, msg(ANNA, consent('r1', true))).effects).toMatchObject([
			{ type: 'drop' }
		]);
	});

	it('a guest learns a peer records from its pings, is asked, and answers that recording', () => {
		expect.assertions(6);
		const { state } = guestIn();
		const asked = reduce(state, msg(HOST, ping(1, 'r1'), 1)).state;
		expect(recordingPeers(asked)).toMatchObject([{ peer: { name: 'Max' }, allowed: undefined }]);
		expect(asked.lines.at(-1)?.text).toBe(
			'Max is recording the call; you are in it only if you allow it'
		);
		const answer = reduce(asked, { type: 'answer-recording', peerId: HOST, allow: true, at: 2 });
		expect(sends(answer.effects, HOST)).toEqual([consent('r1', true)]);
		expect(recordingPeers(answer.state)).toMatchObject([{ allowed: true }]);
		// Max stops: nothing is asked any more; a later recording asks again.
		const stopped = reduce(answer.state, msg(HOST, ping(3), 3)).state;
		expect(stopped.lines.at(-1)?.text).toBe('Max stopped recording');
		const next = reduce(stopped, msg(HOST, ping(4, 'r2'), 4)).state;
		expect(recordingPeers(next)).toMatchObject([{ allowed: undefined }]);
	});

	it('nothing to answer when the peer does not record, and no recording before the call', () => {
		expect.assertions(2);
		const { state } = guestIn();
		expect(
			reduce(state, { type: 'answer-recording', peerId: HOST, allow: true, at: 1 }).effects
		).toEqual([]);
		const waiting = reduce(hostState('Max', HOST), { type: 'signalling-open', at: 0 }).state;
		expect(reduce(waiting, { type: 'record', id: 'r1', at: 1 }).state.recording).toBeNull();
	});
});
