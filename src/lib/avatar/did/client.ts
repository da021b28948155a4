import type * as v from 'valibot';
import {
	CreateStreamResponseSchema,
	DID_ROUTES,
	DidError,
	StatusResponseSchema,
	UploadImageResponseSchema,
	didAuthorization,
	parseError,
	parseResponse,
	parseStreamEvent,
	type CreateStreamResponse,
	type DidVoice,
	type IceRequest,
	type StreamEvent
} from './contract';

/** How long a stream may take from the request to a connection D-ID says is ready. */
export const CONNECT_TIMEOUT_MS = 20_000;
/**
 * D-ID's demo treats a connected stream as ready when `stream/ready` has not come 5 s after
 * connecting (its warm-up message is not always sent); so does this client. No other waiting.
 */
export const READY_FALLBACK_MS = 5_000;

export interface DidClientOptions {
	/** The API's base address (`DID_API_BASE`; tests point it at the stand-in). */
	base: string;
	apiKey: string;
	fetch?: typeof fetch;
	/** The browser's by default; Node tests and the bench pass `@roamhq/wrtc`'s. */
	RTCPeerConnection?: typeof RTCPeerConnection;
	now?: () => number;
}

export interface DidStreamEvents {
	/** `stream/started`, `stream/done`, `stream/error` (and `stream/ready`) as they arrive. */
	onEvent?(event: StreamEvent): void;
	/** The connection failed or D-ID closed it, after it had opened. */
	onFailure?(error: DidError): void;
	/** D-ID's media arrived (video and audio in one stream). */
	onMedia?(stream: MediaStream): void;
}

/** A request to D-ID's API: the key as Basic authorisation, JSON in and out, errors parsed. */
export async function didRequest<TSchema extends v.GenericSchema>(
	options: DidClientOptions,
	method: 'POST' | 'DELETE',
	path: string,
	body: unknown,
	schema: TSchema,
	init: { keepalive?: boolean; signal?: AbortSignal } = {}
): Promise<v.InferOutput<TSchema>> {
	const doFetch = options.fetch ?? fetch;
	let response: Response;
	try {
		response = await doFetch(`${options.base.replace(/\/+$/, '')}${path}`, {
			method,
			headers: {
				Authorization: didAuthorization(options.apiKey),
				'Content-Type': 'application/json',
				Accept: 'application/json'
			},
			body: JSON.stringify(body),
			...init
		});
	} catch (error) {
		if (init.signal?.aborted) throw error;
		throw new DidError('network');
	}
	const text = await response.text().catch(() => '');
	if (!response.ok) throw parseError(response.status, text);
	return parseResponse(schema, text || '{}');
}

/** Uploads a source photo (`POST /images`); resolves to the URL D-ID keeps it under. */
export async function uploadImage(options: DidClientOptions, file: Blob, name: string) {
	const form = new FormData();
	form.append('image', file, name);
	let response: Response;
	try {
		response = await (options.fetch ?? fetch)(
			`${options.base.replace(/\/+$/, '')}${DID_ROUTES.uploadImage()}`,
			{ method: 'POST', headers: { Authorization: didAuthorization(options.apiKey) }, body: form }
		);
	} catch {
		throw new DidError('network');
	}
	const text = await response.text().catch(() => '');
	if (!response.ok) throw parseError(response.status, text);
	return parseResponse(UploadImageResponseSchema, text).url;
}

/**
 * One D-ID talks stream: created, answered and connected by `DidStream.open`, then `talk()` says
 * texts over it and `close()` deletes it. Events come from D-ID's data channel; a connection that
 * fails or closes later is reported once through `onFailure`.
 */
export class DidStream {
	media: MediaStream | null = null;
	#closed = false;
	#lastActivity: number;
	readonly #now: () => number;

	private constructor(
		private readonly options: DidClientOptions,
		readonly id: string,
		readonly sessionId: string,
		private readonly pc: RTCPeerConnection,
		private readonly events: DidStreamEvents
	) {
		this.#now = options.now ?? (() => Date.now());
		this.#lastActivity = this.#now();
	}

	/** Creates a stream for the photo and connects to it; rejects with a DidError. */
	static async open(
		options: DidClientOptions,
		sourceUrl: string,
		events: DidStreamEvents = {},
		signal?: AbortSignal
	): Promise<DidStream> {
		const created: CreateStreamResponse = await didRequest(
			options,
			'POST',
			DID_ROUTES.createStream(),
			{ source_url: sourceUrl, stream_warmup: true },
			CreateStreamResponseSchema,
			{ signal }
		);
		const Peer = options.RTCPeerConnection ?? RTCPeerConnection;
		const pc = new Peer({ iceServers: created.ice_servers });
		const stream = new DidStream(options, created.id, created.session_id, pc, events);
		try {
			await stream.#connect(created, signal);
			return stream;
		} catch (error) {
			stream.#shut();
			// The stream exists at D-ID until deleted: delete it (best effort).
			void stream.#delete();
			throw error;
		}
	}

	/** Milliseconds since anything was sent on this stream. */
	get idleMs(): number {
		return this.#now() - this.#lastActivity;
	}

	get closed(): boolean {
		return this.#closed;
	}

	/** Says a text with a voice; resolves when D-ID accepted it (it then streams it). */
	async talk(text: string, voice: DidVoice, signal?: AbortSignal): Promise<void> {
		this.#lastActivity = this.#now();
		await didRequest(
			this.options,
			'POST',
			DID_ROUTES.talk(this.id),
			{
				script: { type: 'text', input: text, provider: voice, ssml: false },
				config: { stitch: true },
				session_id: this.sessionId
			},
			StatusResponseSchema,
			{ signal }
		);
	}

	/** Deletes the stream at D-ID and closes the connection. */
	async close(): Promise<void> {
		if (this.#closed) return;
		this.#shut();
		await this.#delete();
	}

	async #delete(): Promise<void> {
		await didRequest(
			this.options,
			'DELETE',
			DID_ROUTES.deleteStream(this.id),
			{ session_id: this.sessionId },
			StatusResponseSchema,
			{ keepalive: true }
		).catch(() => undefined);
	}

	#shut() {
		this.#closed = true;
		this.media?.getTracks().forEach((track) => track.stop());
		this.pc.close();
	}

	#fail(error: DidError) {
		if (this.#closed) return;
		this.#shut();
		this.events.onFailure?.(error);
	}

	async #connect(created: CreateStreamResponse, signal?: AbortSignal): Promise<void> {
		const { pc } = this;
		let answered = false;
		const pending: IceRequest[] = [];
		const sendIce = (body: IceRequest) =>
			void didRequest(
				this.options,
				'POST',
				DID_ROUTES.ice(this.id),
				body,
				StatusResponseSchema
			).catch((error: unknown) => {
				if (error instanceof DidError) this.#fail(error);
			});

		let connected = false;
		let ready = false;
		let settle: ((error?: unknown) => void) | null = null;
		const opened = new Promise<void>((resolve, reject) => {
			settle = (error) => (error === undefined ? resolve() : reject(error));
		});
		void opened.catch(() => undefined);
		const check = (error?: unknown) => {
			if (!settle) return;
			if (error === undefined && !(connected && ready)) return;
			const done = settle;
			settle = null;
			done(error);
		};

		pc.addEventListener('icecandidate', (event) => {
			const body: IceRequest = event.candidate
				? {
						candidate: event.candidate.candidate,
						sdpMid: event.candidate.sdpMid,
						sdpMLineIndex: event.candidate.sdpMLineIndex,
						session_id: this.sessionId
					}
				: { session_id: this.sessionId };
			if (answered) sendIce(body);
			else pending.push(body);
		});
		pc.addEventListener('track', (event) => {
			const media = event.streams[0] ?? this.media ?? new MediaStream();
			if (!media.getTracks().includes(event.track)) media.addTrack(event.track);
			this.media = media;
			this.events.onMedia?.(media);
		});
		pc.addEventListener('datachannel', (event) => {
			const channel = event.channel;
			channel.addEventListener('message', (message) => {
				const parsed = parseStreamEvent(message.data);
				if (!parsed) return;
				if (parsed.type === 'ready') {
					ready = true;
					check();
				}
				this.events.onEvent?.(parsed);
			});
			channel.addEventListener('close', () => this.#fail(new DidError('connection')));
		});
		pc.addEventListener('connectionstatechange', () => {
			const state = pc.connectionState;
			if (state === 'connected' && !connected) {
				connected = true;
				check();
				setTimeout(() => {
					ready = true;
					check();
				}, READY_FALLBACK_MS);
			} else if (state === 'failed' || state === 'closed') {
				const error = new DidError('connection');
				if (settle) check(error);
				else this.#fail(error);
			}
		});

		const timer = setTimeout(() => check(new DidError('connection')), CONNECT_TIMEOUT_MS);
		const onAbort = () => check(signal?.reason ?? new DOMException('Aborted', 'AbortError'));
		signal?.addEventListener('abort', onAbort, { once: true });
		try {
			await pc.setRemoteDescription(created.offer);
			const answer = await pc.createAnswer();
			await pc.setLocalDescription(answer);
			await didRequest(
				this.options,
				'POST',
				DID_ROUTES.sdp(this.id),
				{ answer: { type: 'answer', sdp: answer.sdp ?? '' }, session_id: this.sessionId },
				StatusResponseSchema,
				{ signal }
			);
			answered = true;
			for (const body of pending.splice(0)) sendIce(body);
			await opened;
		} catch (error) {
			// A failed WebRTC step (an offer the browser refuses) is a connection failure.
			if (error instanceof DidError || (error as Error)?.name === 'AbortError') throw error;
			throw new DidError('connection');
		} finally {
			clearTimeout(timer);
			signal?.removeEventListener('abort', onAbort);
			check(new DidError('connection'));
		}
	}
}
