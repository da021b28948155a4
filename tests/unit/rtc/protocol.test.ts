import { describe, expect, it } from 'vitest';
import { normaliseCode, makeCode, roomPeerId } from '$lib/rtc/codes';
import {
	MAX_MESSAGE_CHARS,
	PROTOCOL_VERSION,
	RateLimit,
	encodeMessage,
	parseMessage
} from '$lib/rtc/protocol';
import {
	buildDefault,
	decodeServer,
	encodeServer,
	resolveServer,
	sameNetworkOnly
} from '$lib/rtc/server-config';

describe('peer messages', () => {
	it('reads each message type that is valid', () => {
		expect.assertions(3);
		const hello = encodeMessage({ type: 'hello', v: PROTOCOL_VERSION, name: 'Anna' });
		expect(parseMessage(hello)).toEqual({
			ok: true,
			message: { type: 'hello', v: PROTOCOL_VERSION, name: 'Anna' }
		});
		expect(parseMessage('{"type":"chat","id":"1","text":"Hallo"}')).toMatchObject({ ok: true });
		expect(parseMessage('{"type":"ping","at":12}')).toMatchObject({ ok: true });
	});

	it("reads a guest's opt-in to corrections and the host's correction of one line", () => {
		expect.assertions(2);
		expect(parseMessage('{"type":"corrections","on":true}')).toMatchObject({ ok: true });
		expect(parseMessage('{"type":"correction","id":"l1","corrected":"Gut."}')).toMatchObject({
			ok: true
		});
	});

	it('reads a ping saying the sender records, and the answer to that recording', () => {
		expect.assertions(2);
		expect(parseMessage('{"type":"ping","at":12,"recording":"r-1"}')).toMatchObject({ ok: true });
		expect(parseMessage('{"type":"record-consent","id":"r-1","allow":false}')).toMatchObject({
			ok: true
		});
	});

	it.each([
		['a binary payload', new ArrayBuffer(4), 'not-text'],
		[
			'an oversized one',
			`{"type":"chat","id":"1","text":"${'a'.repeat(MAX_MESSAGE_CHARS)}"}`,
			'too-large'
		],
		['not JSON', '{nope', 'not-json'],
		['an unknown type', '{"type":"exec","code":"alert(1)"}', 'schema'],
		['an extra field', '{"type":"bye","admin":true}', 'schema'],
		['an empty name', '{"type":"hello","v":1,"name":"  "}', 'schema'],
		['a too-long chat', `{"type":"chat","id":"1","text":"${'a'.repeat(2001)}"}`, 'schema'],
		['a prototype trick', '{"__proto__":{"type":"bye"}}', 'schema'],
		['an opt-in that is no yes or no', '{"type":"corrections","on":"yes"}', 'schema'],
		['a correction without a line', '{"type":"correction","corrected":"Gut."}', 'schema'],
		['a recording id with markup', '{"type":"ping","at":1,"recording":"<b>"}', 'schema'],
		['a consent that is no yes or no', '{"type":"record-consent","id":"r","allow":1}', 'schema']
	])('drops %s', (_what, raw, reason) => {
		expect.assertions(1);
		expect(parseMessage(raw)).toEqual({ ok: false, reason });
	});

	it('never writes what it would drop', () => {
		expect.assertions(1);
		expect(() => encodeMessage({ type: 'chat', id: '1', text: 'a'.repeat(3000) })).toThrow();
	});

	it('limits a flooding peer and lets a steady one through', () => {
		expect.assertions(3);
		const limit = new RateLimit(20, 40, 0);
		let passed = 0;
		for (let i = 0; i < 1000; i++) if (limit.take(0)) passed++;
		expect(passed).toBe(40);
		expect(limit.take(1000)).toBe(true);
		const steady = new RateLimit(20, 40, 0);
		let all = true;
		for (let t = 0; t < 60_000; t += 500) all &&= steady.take(t);
		expect(all).toBe(true);
	});
});

describe('room codes', () => {
	it('makes codes a person can read and type back in any form', () => {
		expect.assertions(3);
		const code = makeCode();
		expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}$/);
		expect(normaliseCode(` ${code.replace('-', ' ').toUpperCase()} `)).toBe(code);
		expect(roomPeerId(code)).toBe(`kompanion-${code}`);
	});

	it('refuses what cannot be a code', () => {
		expect.assertions(3);
		expect(normaliseCode('abcd')).toBeNull();
		expect(normaliseCode('abcd-efg1')).toBeNull();
		expect(normaliseCode('<script>')).toBeNull();
	});
});

describe('server settings', () => {
	const EMPTY = {
		host: '',
		port: 0,
		path: '',
		key: '',
		secure: false,
		ice: '',
		iceUsername: '',
		iceCredential: ''
	};

	it("defaults to the build's server, else the app's own host, and no STUN/TURN", () => {
		expect.assertions(3);
		const own = buildDefault({}, { hostname: 'calls.example', protocol: 'https:' });
		expect(own).toEqual({
			host: 'calls.example',
			port: 9000,
			path: '/kompanion',
			key: 'peerjs',
			secure: true,
			iceServers: []
		});
		expect(sameNetworkOnly(own)).toBe(true);
		expect(
			buildDefault(
				{
					VITE_PEER_HOST: 'peer.local',
					VITE_PEER_PORT: '443',
					VITE_ICE_SERVERS: 'stun:stun.local:3478'
				},
				{ hostname: 'x', protocol: 'http:' }
			)
		).toMatchObject({
			host: 'peer.local',
			port: 443,
			iceServers: [{ urls: 'stun:stun.local:3478' }]
		});
	});

	it("the person's settings win; TURN gets the credentials", () => {
		expect.assertions(1);
		const fallback = buildDefault({}, { hostname: 'a', protocol: 'http:' });
		expect(
			resolveServer(
				{
					...EMPTY,
					host: 'peer.home',
					port: 9443,
					secure: true,
					ice: 'stun:s.home\nturn:t.home:3478',
					iceUsername: 'u',
					iceCredential: 'p'
				},
				fallback
			)
		).toEqual({
			host: 'peer.home',
			port: 9443,
			path: '/kompanion',
			key: 'peerjs',
			secure: true,
			iceServers: [
				{ urls: 'stun:s.home' },
				{ urls: 'turn:t.home:3478', username: 'u', credential: 'p' }
			]
		});
	});

	it('refuses an ICE server that is not STUN or TURN', () => {
		expect.assertions(1);
		expect(() => resolveServer({ ...EMPTY, ice: 'http://evil' })).toThrow(/stun:, turn: or turns:/);
	});

	it('travels in a link and comes back the same; a tampered link yields null', () => {
		expect.assertions(3);
		const config = resolveServer({ ...EMPTY, host: '127.0.0.1', port: 9001 });
		expect(decodeServer(encodeServer(config))).toEqual(config);
		expect(decodeServer(encodeServer({ ...config, host: 'a b' }))).toBeNull();
		expect(decodeServer(null)).toBeNull();
	});
});
