// A FAKE of D-ID's Streams API for tests and the bench: a REST server on 127.0.0.1 with D-ID's
// documented talks-stream routes only (and POST /images), following the contract in
// src/lib/avatar/did/contract.ts, plus a real WebRTC peer in Node (@roamhq/wrtc) per stream. Its
// SDP offer carries a video track, an audio track and the data channel D-ID's offer carries; it
// sends generated frames (a grey still while idle, a moving bar while talking), a tone while
// talking, and `stream/ready`, `stream/started`, `stream/done` on the channel. ICE stays on
// 127.0.0.1: the offer lists only loopback candidates and only loopback candidates are added.
// Failures are switched per route and status (`fail`), and streams can expire or drop.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import * as v from 'valibot';
import {
	CreateStreamRequestSchema,
	DeleteRequestSchema,
	DID_ERROR_BODIES,
	IceRequestSchema,
	SdpRequestSchema,
	TalkRequestSchema,
	formatStreamEvent,
	type DidErrorStatus,
	type StreamEvent
} from '../../../src/lib/avatar/did/contract';

type Wrtc = typeof import('@roamhq/wrtc');
const wrtc = createRequire(import.meta.url)('@roamhq/wrtc') as Wrtc;

export type StandinRoute = 'create' | 'sdp' | 'ice' | 'talk' | 'delete' | 'images';

export interface StandinRequest {
	route: StandinRoute | 'unknown';
	method: string;
	path: string;
	authorization?: string;
	body: unknown;
	/** ms since the stand-in started. */
	at: number;
}

export interface StandinOptions {
	apiKey?: string;
	/** How long a talk "speaks" per word (a talk lasts at least 300 ms). */
	msPerWord?: number;
	width?: number;
	height?: number;
	fps?: number;
}

interface Talk {
	text: string;
	durationMs: number;
}

interface Stream {
	id: string;
	sessionId: string;
	pc: InstanceType<Wrtc['RTCPeerConnection']>;
	channels: Set<InstanceType<Wrtc['RTCDataChannel']>>;
	expired: boolean;
	talking: boolean;
	queue: Talk[];
	timers: ReturnType<typeof setInterval>[];
	stopMedia: () => void;
}

export interface DidStandin {
	url: string;
	apiKey: string;
	requests: StandinRequest[];
	/** Texts the stand-in was asked to say, in order. */
	talks: string[];
	/** Answers every request to `route` with `status` and D-ID's body for it (null: normally). */
	fail(route: StandinRoute, status: DidErrorStatus | null): void;
	/** Ends every open stream at D-ID's side: later requests on them get 404. */
	expireStreams(): void;
	/** Closes every stream's WebRTC peer, as a lost connection would. */
	dropConnections(): void;
	/** Sends `stream/error` on every open stream (as D-ID does when a talk fails to render). */
	sendError(): void;
	openStreams(): number;
	close(): Promise<void>;
}

const CORS = {
	'Access-Control-Allow-Origin': '*',
	'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept',
	'Access-Control-Allow-Methods': 'POST, DELETE, OPTIONS'
};

function send(res: ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { 'Content-Type': 'application/json', ...CORS });
	res.end(JSON.stringify(body));
}

async function readText(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

/** Keeps only the offer's candidates on 127.0.0.1 (UDP): ICE stays on loopback. */
function loopbackOnly(sdp: string): string {
	return sdp
		.split('\r\n')
		.filter((line) => !line.startsWith('a=candidate:') || / 127\.0\.0\.1 \d+ typ host/.test(line))
		.filter((line) => !line.startsWith('a=candidate:') || / udp /i.test(line))
		.join('\r\n');
}

export async function startDidStandin(options: StandinOptions = {}): Promise<DidStandin> {
	const { apiKey = 'standin-user:standin-secret', msPerWord = 220 } = options;
	const width = options.width ?? 160;
	const height = options.height ?? 120;
	const fps = options.fps ?? 15;
	const started = performance.now();
	const streams = new Map<string, Stream>();
	const failures = new Map<StandinRoute, DidErrorStatus>();
	const requests: StandinRequest[] = [];
	const talks: string[] = [];
	let counter = 0;

	function emit(stream: Stream, event: StreamEvent) {
		for (const channel of stream.channels)
			if (channel.readyState === 'open') channel.send(formatStreamEvent(event));
	}

	function playNext(stream: Stream) {
		if (stream.talking || stream.expired) return;
		const talk = stream.queue.shift();
		if (!talk) return;
		stream.talking = true;
		emit(stream, { type: 'started', payload: { metadata: { text: talk.text } } });
		const timer = setTimeout(() => {
			stream.talking = false;
			emit(stream, { type: 'done', payload: { metadata: { text: talk.text } } });
			playNext(stream);
		}, talk.durationMs);
		stream.timers.push(timer as unknown as ReturnType<typeof setInterval>);
	}

	function media(stream: Stream) {
		const video = new wrtc.nonstandard.RTCVideoSource();
		const audio = new wrtc.nonstandard.RTCAudioSource();
		const videoTrack = video.createTrack();
		const audioTrack = audio.createTrack();
		const frame = new Uint8Array(width * height * 1.5);
		let tick = 0;
		const frames = setInterval(() => {
			tick++;
			const luma = width * height;
			frame.fill(stream.talking ? 90 : 60, 0, luma);
			frame.fill(128, luma);
			// A bright bar that moves while talking: the frames differ, as a speaking face's do.
			const bar = stream.talking ? (tick * 6) % height : Math.floor(height / 2);
			frame.fill(220, bar * width, Math.min(luma, (bar + 8) * width));
			video.onFrame({ width, height, data: frame });
		}, 1000 / fps);
		const samples = new Int16Array(480);
		let phase = 0;
		const sound = setInterval(() => {
			for (let i = 0; i < samples.length; i++) {
				samples[i] = stream.talking ? Math.round(6000 * Math.sin(phase)) : 0;
				phase += (2 * Math.PI * 220) / 48_000;
			}
			audio.onData({
				samples,
				sampleRate: 48_000,
				bitsPerSample: 16,
				channelCount: 1,
				numberOfFrames: 480
			});
		}, 10);
		stream.timers.push(frames, sound);
		return {
			tracks: [videoTrack, audioTrack],
			stop: () => {
				videoTrack.stop();
				audioTrack.stop();
			}
		};
	}

	async function createStream(): Promise<Stream> {
		counter++;
		const pc = new wrtc.RTCPeerConnection({ iceServers: [] });
		const stream: Stream = {
			id: `strm_standin${counter}`,
			sessionId: `sess_standin${counter}`,
			pc,
			channels: new Set(),
			expired: false,
			talking: false,
			queue: [],
			timers: [],
			stopMedia: () => undefined
		};
		const { tracks, stop } = media(stream);
		stream.stopMedia = stop;
		const mediaStream = new wrtc.MediaStream(tracks);
		for (const track of tracks) pc.addTrack(track, mediaStream);
		// The offer carries the data channel, as D-ID's does.
		const channel = pc.createDataChannel('JanusDataChannel');
		const watch = (ch: InstanceType<Wrtc['RTCDataChannel']>) => {
			stream.channels.add(ch);
			ch.onopen = () => emit(stream, { type: 'ready' });
		};
		watch(channel);
		pc.ondatachannel = (event) => watch(event.channel);
		const offer = await pc.createOffer();
		await pc.setLocalDescription(offer);
		await new Promise<void>((resolve) => {
			if (pc.iceGatheringState === 'complete') return resolve();
			const timer = setTimeout(resolve, 2000);
			pc.onicegatheringstatechange = () => {
				if (pc.iceGatheringState !== 'complete') return;
				clearTimeout(timer);
				resolve();
			};
		});
		streams.set(stream.id, stream);
		return stream;
	}

	function closeStream(stream: Stream) {
		for (const timer of stream.timers) clearInterval(timer);
		stream.timers = [];
		stream.stopMedia();
		stream.pc.close();
		streams.delete(stream.id);
	}

	function route(method: string, path: string): { name: StandinRoute | 'unknown'; id?: string } {
		if (method === 'POST' && path === '/talks/streams') return { name: 'create' };
		if (method === 'POST' && path === '/images') return { name: 'images' };
		const match = /^\/talks\/streams\/([^/]+)(\/sdp|\/ice)?$/.exec(path);
		if (!match) return { name: 'unknown' };
		const id = decodeURIComponent(match[1]);
		if (method === 'POST' && match[2] === '/sdp') return { name: 'sdp', id };
		if (method === 'POST' && match[2] === '/ice') return { name: 'ice', id };
		if (method === 'POST' && !match[2]) return { name: 'talk', id };
		if (method === 'DELETE' && !match[2]) return { name: 'delete', id };
		return { name: 'unknown' };
	}

	async function handle(req: IncomingMessage, res: ServerResponse) {
		if (req.method === 'OPTIONS') {
			res.writeHead(204, CORS);
			return res.end();
		}
		const method = req.method ?? 'GET';
		const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
		const { name, id } = route(method, path);
		const text = await readText(req);
		let body: unknown = text;
		if (name !== 'images') {
			try {
				body = text ? JSON.parse(text) : undefined;
			} catch {
				return send(res, 400, DID_ERROR_BODIES[400]);
			}
		}
		requests.push({
			route: name,
			method,
			path,
			authorization: req.headers.authorization,
			body: name === 'images' ? `(${text.length} bytes)` : body,
			at: performance.now() - started
		});
		if (name === 'unknown') return send(res, 404, { message: 'Not Found' });
		if (req.headers.authorization !== `Basic ${apiKey}`)
			return send(res, 401, DID_ERROR_BODIES[401]);
		const failure = failures.get(name);
		if (failure) return send(res, failure, DID_ERROR_BODIES[failure]);

		if (name === 'images') {
			counter++;
			return send(res, 201, {
				id: `img_standin${counter}`,
				url: `s3://d-id-images-prod/standin/img_standin${counter}/image.jpeg`
			});
		}
		if (name === 'create') {
			if (!v.is(CreateStreamRequestSchema, body)) return send(res, 400, DID_ERROR_BODIES[400]);
			const stream = await createStream();
			return send(res, 201, {
				id: stream.id,
				session_id: stream.sessionId,
				offer: { type: 'offer', sdp: loopbackOnly(stream.pc.localDescription!.sdp) },
				ice_servers: []
			});
		}
		const stream = id ? streams.get(id) : undefined;
		if (!stream || stream.expired) return send(res, 404, DID_ERROR_BODIES[404]);
		const sessionOf = (value: unknown) => (value as { session_id?: unknown })?.session_id;
		if (sessionOf(body) !== stream.sessionId) return send(res, 400, DID_ERROR_BODIES[400]);

		if (name === 'sdp') {
			if (!v.is(SdpRequestSchema, body)) return send(res, 400, DID_ERROR_BODIES[400]);
			await stream.pc.setRemoteDescription(body.answer);
			return send(res, 200, { status: 'success' });
		}
		if (name === 'ice') {
			if (!v.is(IceRequestSchema, body)) return send(res, 400, DID_ERROR_BODIES[400]);
			const { candidate, sdpMid, sdpMLineIndex } = body;
			if (candidate && / 127\.0\.0\.1 /.test(candidate) && / udp /i.test(candidate))
				await stream.pc
					.addIceCandidate({ candidate, sdpMid, sdpMLineIndex })
					.catch(() => undefined);
			return send(res, 200, { status: 'success' });
		}
		if (name === 'talk') {
			if (!v.is(TalkRequestSchema, body)) return send(res, 400, DID_ERROR_BODIES[400]);
			const input = body.script.input;
			talks.push(input);
			const words = input.split(/\s+/).filter(Boolean).length;
			stream.queue.push({ text: input, durationMs: Math.max(300, words * msPerWord) });
			playNext(stream);
			return send(res, 200, { status: 'started', session_id: stream.sessionId });
		}
		// delete
		if (!v.is(DeleteRequestSchema, body)) return send(res, 400, DID_ERROR_BODIES[400]);
		closeStream(stream);
		return send(res, 200, { status: 'deleted' });
	}

	const server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			if (!res.headersSent) send(res, 500, { ...DID_ERROR_BODIES[500], details: String(error) });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		apiKey,
		requests,
		talks,
		fail(name, status) {
			if (status === null) failures.delete(name);
			else failures.set(name, status);
		},
		expireStreams() {
			for (const stream of streams.values()) stream.expired = true;
		},
		dropConnections() {
			for (const stream of [...streams.values()]) closeStream(stream);
		},
		sendError() {
			for (const stream of streams.values())
				emit(stream, { type: 'error', payload: { message: 'render failed' } });
		},
		openStreams: () => streams.size,
		async close() {
			for (const stream of [...streams.values()]) closeStream(stream);
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}
