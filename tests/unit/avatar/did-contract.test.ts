// D-ID's Streams contract (src/lib/avatar/did/contract.ts) against the FAKE stand-in
// (tests/helpers/did-standin): the app's own client runs its whole path (create, SDP answer, ICE,
// talk, delete) over a real WebRTC connection in Node (@roamhq/wrtc), and every status and error
// body the stand-in sends is parsed into the failure the app acts on.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DidStream, didRequest, uploadImage, type DidClientOptions } from '$lib/avatar/did/client';
import {
	DID_ERROR_BODIES,
	DID_ROUTES,
	DidError,
	StatusResponseSchema,
	parseError,
	parseStreamEvent,
	type DidFailure,
	type StreamEvent
} from '$lib/avatar/did/contract';
import { startDidStandin, type DidStandin, type StandinRoute } from '../../helpers/did-standin';

const wrtc = createRequire(import.meta.url)('@roamhq/wrtc') as typeof import('@roamhq/wrtc');
const VOICE = { type: 'microsoft', voice_id: 'de-DE-KatjaNeural' } as const;
const PHOTO = 'https://example.test/photo.jpg';

let standin: DidStandin;
let client: DidClientOptions;

beforeAll(async () => {
	standin = await startDidStandin({ msPerWord: 40 });
	client = {
		base: standin.url,
		apiKey: standin.apiKey,
		RTCPeerConnection: wrtc.RTCPeerConnection as unknown as typeof RTCPeerConnection
	};
});
afterAll(() => standin.close());

function nextEvent(events: StreamEvent[], type: StreamEvent['type']) {
	return expect.poll(() => events.some((e) => e.type === type), { timeout: 5000 }).toBe(true);
}

async function failureOf(promise: Promise<unknown>): Promise<DidError> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(DidError);
	return error as DidError;
}

describe('a stream against the stand-in', () => {
	it('connects, receives video frames and audio, says a text, and is deleted', async () => {
		const events: StreamEvent[] = [];
		const stream = await DidStream.open(client, PHOTO, { onEvent: (e) => events.push(e) });
		try {
			const create = standin.requests.find((r) => r.route === 'create')!;
			expect(create.authorization).toBe(`Basic ${standin.apiKey}`);
			expect(create.body).toEqual({ source_url: PHOTO, stream_warmup: true });
			expect(events[0]).toEqual({ type: 'ready' });
			const kinds = stream.media!.getTracks().map((t) => t.kind);
			expect(kinds.sort()).toEqual(['audio', 'video']);
			// Real frames arrive on the video track.
			const video = stream.media!.getVideoTracks()[0];
			const sink = new wrtc.nonstandard.RTCVideoSink(video as never);
			let frames = 0;
			let size = '';
			sink.onframe = ({ frame }: { frame: { width: number; height: number } }) => {
				frames++;
				size = `${frame.width}x${frame.height}`;
			};
			await expect.poll(() => frames, { timeout: 5000 }).toBeGreaterThan(2);
			sink.stop();
			expect(size).toBe('160x120');
			// Every ICE request the client made carried the session.
			const ice = standin.requests.filter((r) => r.route === 'ice' && r.path.includes(stream.id));
			expect(ice.length).toBeGreaterThan(0);
			for (const r of ice) expect(r.body).toMatchObject({ session_id: stream.sessionId });

			await stream.talk('Hallo, ich bin Lena.', VOICE);
			await nextEvent(events, 'started');
			await nextEvent(events, 'done');
			expect(standin.talks.at(-1)).toBe('Hallo, ich bin Lena.');
			const talk = standin.requests.findLast((r) => r.route === 'talk')!;
			expect(talk.body).toEqual({
				script: { type: 'text', input: 'Hallo, ich bin Lena.', provider: VOICE, ssml: false },
				config: { stitch: true },
				session_id: stream.sessionId
			});
		} finally {
			await stream.close();
		}
		expect(standin.requests.at(-1)).toMatchObject({
			route: 'delete',
			body: { session_id: stream.sessionId }
		});
		expect(standin.openStreams()).toBe(0);
	});

	it('reports a connection D-ID drops later, once', async () => {
		const failures: DidError[] = [];
		const stream = await DidStream.open(client, PHOTO, { onFailure: (e) => failures.push(e) });
		standin.dropConnections();
		await expect.poll(() => failures.length, { timeout: 10_000 }).toBe(1);
		expect(failures[0].failure).toBe('connection');
		expect(failures[0].message).toMatch(/video connection to D-ID failed/);
		expect(stream.closed).toBe(true);
	});

	it('a talk on an expired stream is an `expired` failure', async () => {
		const stream = await DidStream.open(client, PHOTO);
		standin.expireStreams();
		const error = await failureOf(stream.talk('Noch da?', VOICE));
		expect([error.failure, error.status, error.kind]).toEqual(['expired', 404, 'NotFoundError']);
		await stream.close();
	});

	it('uploads a photo and gets the address D-ID keeps it under', async () => {
		const url = await uploadImage(client, new Blob([new Uint8Array([0xff, 0xd8, 0xff])]), 'me.jpg');
		expect(url).toMatch(/^s3:\/\/d-id-images-prod\//);
	});
});

describe('every status and error body', () => {
	const cases: [number, DidFailure, string, RegExp][] = [
		[401, 'auth', 'Unauthorized', /refused the API key \(401\)/],
		[402, 'credits', 'InsufficientCreditsError', /no credits left \(402\)/],
		[403, 'forbidden', 'PermissionError', /does not allow this key.*\(403\)/],
		[429, 'rate', 'TooManyRequestsError', /limiting requests.*\(429\)/],
		[404, 'expired', 'NotFoundError', /stream has expired/],
		[500, 'server', 'InternalServerError', /service failed\. \(500: Stream Error\)/]
	];
	const routes: StandinRoute[] = ['create', 'sdp', 'talk'];

	for (const [status, failure, kind, message] of cases) {
		it(`${status} → ${failure}, on creating, answering and talking`, async () => {
			for (const route of routes) {
				let stream: DidStream | null = null;
				if (route === 'talk') stream = await DidStream.open(client, PHOTO);
				standin.fail(route, status as keyof typeof DID_ERROR_BODIES);
				try {
					const error = await failureOf(
						stream ? stream.talk('Hallo.', VOICE) : DidStream.open(client, PHOTO)
					);
					expect([route, error.failure, error.status, error.kind]).toEqual([
						route,
						failure,
						status,
						kind
					]);
					expect(error.message).toMatch(message);
				} finally {
					standin.fail(route, null);
					await stream?.close();
				}
			}
		});
	}

	it('a wrong key is refused with 401 by every route', async () => {
		const wrong = { ...client, apiKey: 'someone:else' };
		const error = await failureOf(DidStream.open(wrong, PHOTO));
		expect([error.failure, error.kind]).toEqual(['auth', 'Unauthorized']);
		const talk = await failureOf(
			didRequest(wrong, 'POST', DID_ROUTES.talk('strm_x'), {}, StatusResponseSchema)
		);
		expect(talk.failure).toBe('auth');
	});

	it('a body that breaks the contract is a 400 ValidationError; a route D-ID lacks is 404', async () => {
		const bad = await failureOf(
			didRequest(client, 'POST', DID_ROUTES.createStream(), { photo: PHOTO }, StatusResponseSchema)
		);
		expect([bad.failure, bad.status, bad.kind]).toEqual(['rejected', 400, 'ValidationError']);
		expect(bad.message).toMatch(/D-ID refused the request/);
		const unknown = await failureOf(
			didRequest(client, 'POST', '/talks/streams/x/interrupt', {}, StatusResponseSchema)
		);
		expect(unknown.status).toBe(404);
	});

	it('an unreachable API is a network failure; a body that is not JSON still gives its status', async () => {
		const gone = { ...client, base: 'http://127.0.0.1:9' };
		expect((await failureOf(DidStream.open(gone, PHOTO))).failure).toBe('network');
		const html = parseError(502, '<html>Bad gateway</html>');
		expect([html.failure, html.kind]).toEqual(['server', null]);
		expect(parseError(400, '{"kind":"SessionError","description":"no session"}').failure).toBe(
			'expired'
		);
	});

	it('parses the data channel’s messages', () => {
		expect(parseStreamEvent('stream/ready')).toEqual({ type: 'ready' });
		expect(parseStreamEvent('stream/started:{"metadata":{"videoId":"v1"}}')).toEqual({
			type: 'started',
			payload: { metadata: { videoId: 'v1' } }
		});
		expect(parseStreamEvent('stream/done:{}')).toEqual({ type: 'done', payload: {} });
		expect(parseStreamEvent('stream/error:oops')).toEqual({ type: 'error', payload: 'oops' });
		expect(parseStreamEvent('stream/video/rejected')).toBeNull();
		expect(parseStreamEvent(new ArrayBuffer(2))).toBeNull();
	});
});
