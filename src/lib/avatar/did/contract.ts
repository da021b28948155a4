import * as v from 'valibot';

/**
 * D-ID's Streams API (talks) as documented: the one place its contract lives. The app's client
 * (`client.ts`) and the test stand-in (`tests/helpers/did-standin/`, a FAKE) both import it, and
 * `tests/unit/avatar/did-contract.test.ts` parses every status and error body the stand-in sends.
 *
 * Sources: D-ID's "Talks Streams Overview" (docs.d-id.com/reference/talks-streams-overview) and
 * its streaming demo (github.com/de-id/live-streaming-demo, streaming-client-api.js):
 *
 * 1. `POST /talks/streams` `{ source_url, stream_warmup? }` → `{ id, session_id, offer, ice_servers }`
 *    (the offer is D-ID's SDP with its audio, video and data-channel sections and its candidates);
 * 2. `POST /talks/streams/{id}/sdp` `{ answer, session_id }` with the browser's SDP answer;
 * 3. `POST /talks/streams/{id}/ice` `{ candidate, sdpMid, sdpMLineIndex, session_id }` for each
 *    local candidate, and `{ session_id }` alone when gathering ends;
 * 4. `POST /talks/streams/{id}` `{ script: { type: 'text', input, provider }, config, session_id }`
 *    says a text over the open connection;
 * 5. `DELETE /talks/streams/{id}` `{ session_id }` closes it.
 *
 * `POST /images` (multipart, field `image`) → `{ id, url }` uploads a source photo.
 * Authorisation: `Basic <API key>` (the key as D-ID's studio shows it). A stream on which nothing
 * is sent for 5 minutes is ended by D-ID; there is no keep-alive request for talks streams, so the
 * client opens a fresh stream before talking on one that has been idle that long
 * (`STREAM_IDLE_LIMIT_MS`). Messages on the data channel are text: `stream/ready`,
 * `stream/started:<json>`, `stream/done:<json>`, `stream/error:<json>`. D-ID documents no way to
 * interrupt a talk on a talks stream, so barge-in only mutes and hides its media.
 *
 * Error bodies are `{ kind, description, details? }` (D-ID's documented error shape); a refused
 * key comes from D-ID's gateway as `{ message: 'Unauthorized' }`. The `kind` names D-ID uses for
 * 402, 403 and 429 are not listed in its public reference: the parser keys on the status first and
 * takes any `kind`, so a renamed kind changes nothing but the detail shown.
 */

export const DID_API_BASE = 'https://api.d-id.com';

/** D-ID ends a stream with no message for 5 minutes; a fresh one is opened a little before. */
export const STREAM_IDLE_LIMIT_MS = 4.5 * 60_000;

export const DID_ROUTES = {
	createStream: () => '/talks/streams',
	sdp: (id: string) => `/talks/streams/${encodeURIComponent(id)}/sdp`,
	ice: (id: string) => `/talks/streams/${encodeURIComponent(id)}/ice`,
	talk: (id: string) => `/talks/streams/${encodeURIComponent(id)}`,
	deleteStream: (id: string) => `/talks/streams/${encodeURIComponent(id)}`,
	uploadImage: () => '/images'
} as const;

/** The authorisation header D-ID expects: the key as its studio shows it, after `Basic `. */
export function didAuthorization(apiKey: string): string {
	return `Basic ${apiKey.trim()}`;
}

const Sdp = (type: 'offer' | 'answer') => v.object({ type: v.literal(type), sdp: v.string() });

export const IceServerSchema = v.object({
	urls: v.union([v.string(), v.array(v.string())]),
	username: v.optional(v.string()),
	credential: v.optional(v.string())
});

export const CreateStreamRequestSchema = v.object({
	source_url: v.pipe(v.string(), v.nonEmpty()),
	stream_warmup: v.optional(v.boolean())
});
export type CreateStreamRequest = v.InferOutput<typeof CreateStreamRequestSchema>;

export const CreateStreamResponseSchema = v.object({
	id: v.pipe(v.string(), v.nonEmpty()),
	session_id: v.pipe(v.string(), v.nonEmpty()),
	offer: Sdp('offer'),
	ice_servers: v.array(IceServerSchema)
});
export type CreateStreamResponse = v.InferOutput<typeof CreateStreamResponseSchema>;

export const SdpRequestSchema = v.object({ answer: Sdp('answer'), session_id: v.string() });
export type SdpRequest = v.InferOutput<typeof SdpRequestSchema>;

export const IceRequestSchema = v.object({
	candidate: v.optional(v.string()),
	sdpMid: v.optional(v.nullable(v.string())),
	sdpMLineIndex: v.optional(v.nullable(v.number())),
	session_id: v.string()
});
export type IceRequest = v.InferOutput<typeof IceRequestSchema>;

/** A voice of one of the text-to-speech providers D-ID offers (Microsoft's by default). */
export const DidVoiceSchema = v.object({
	type: v.picklist(['microsoft', 'elevenlabs', 'amazon', 'google']),
	voice_id: v.pipe(v.string(), v.nonEmpty(), v.maxLength(120))
});
export type DidVoice = v.InferOutput<typeof DidVoiceSchema>;

export const TalkRequestSchema = v.object({
	script: v.object({
		type: v.literal('text'),
		input: v.pipe(v.string(), v.nonEmpty()),
		provider: DidVoiceSchema,
		ssml: v.optional(v.boolean())
	}),
	config: v.optional(
		v.object({ stitch: v.optional(v.boolean()), fluent: v.optional(v.boolean()) })
	),
	session_id: v.string()
});
export type TalkRequest = v.InferOutput<typeof TalkRequestSchema>;

export const DeleteRequestSchema = v.object({ session_id: v.string() });

/** What `sdp`, `ice`, `talk` and `delete` answer (`status` and more; only the status is read). */
export const StatusResponseSchema = v.looseObject({ status: v.optional(v.string()) });

export const UploadImageResponseSchema = v.object({
	id: v.string(),
	url: v.pipe(v.string(), v.nonEmpty())
});

/** D-ID's error body: `{ kind, description, details? }`, or the gateway's `{ message }`. */
export const ErrorBodySchema = v.union([
	v.looseObject({
		kind: v.string(),
		description: v.optional(v.string()),
		details: v.optional(v.unknown())
	}),
	v.looseObject({ message: v.string() })
]);
export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>;

/**
 * The error bodies D-ID answers with, by status, as the stand-in sends them and the contract test
 * parses them. 401 comes from D-ID's gateway; the others have D-ID's `{ kind, description }` shape.
 */
export const DID_ERROR_BODIES = {
	400: { kind: 'ValidationError', description: 'Invalid request body' },
	401: { message: 'Unauthorized' },
	402: { kind: 'InsufficientCreditsError', description: 'not enough credits' },
	403: { kind: 'PermissionError', description: 'user is not allowed to perform this action' },
	404: { kind: 'NotFoundError', description: 'Stream not found (it may have expired)' },
	429: { kind: 'TooManyRequestsError', description: 'Too many requests' },
	500: { kind: 'InternalServerError', description: 'Stream Error' }
} as const satisfies Record<number, ErrorBody>;
export type DidErrorStatus = keyof typeof DID_ERROR_BODIES;

/** What went wrong, in the terms the app acts on. */
export type DidFailure =
	| 'auth'
	| 'credits'
	| 'forbidden'
	| 'rate'
	| 'expired'
	| 'rejected'
	| 'server'
	| 'network'
	| 'connection'
	| 'response';

const MESSAGES: Record<DidFailure, string> = {
	auth: 'D-ID refused the API key (401). Check the key in Settings → Avatar.',
	credits: 'Your D-ID account has no credits left (402). Add credits at D-ID, or turn D-ID off.',
	forbidden: 'D-ID does not allow this key to stream avatars (403). Check your D-ID plan.',
	rate: 'D-ID is limiting requests right now (429). Try D-ID again in a minute.',
	expired: 'The D-ID stream has expired.',
	rejected: 'D-ID refused the request.',
	server: 'D-ID’s service failed.',
	network: 'D-ID could not be reached. Check the internet connection.',
	connection: 'The video connection to D-ID failed.',
	response: 'D-ID answered in a way Kompanion does not understand.'
};

/** A failed D-ID request or connection, with a message for the person. */
export class DidError extends Error {
	override name = 'DidError';
	constructor(
		readonly failure: DidFailure,
		/** The HTTP status, where there was one. */
		readonly status: number | null = null,
		/** D-ID's `kind` (or the gateway's message), where the body had one. */
		readonly kind: string | null = null,
		readonly description: string | null = null
	) {
		super(
			MESSAGES[failure] +
				(description && (failure === 'rejected' || failure === 'server')
					? ` (${status}: ${description})`
					: '')
		);
	}
}

/** The failure a status means (`kind` decides where a status is ambiguous). */
export function failureOf(status: number, kind: string | null): DidFailure {
	if (status === 401) return 'auth';
	if (status === 402) return 'credits';
	if (status === 403) return 'forbidden';
	if (status === 429) return 'rate';
	if (status === 404 || (kind !== null && /session|notfound/i.test(kind))) return 'expired';
	if (status >= 500) return 'server';
	return 'rejected';
}

/** Parses a refused request's status and body (any body: HTML, empty, JSON) into a DidError. */
export function parseError(status: number, body: string): DidError {
	let parsed: ErrorBody | null = null;
	try {
		const result = v.safeParse(ErrorBodySchema, JSON.parse(body));
		if (result.success) parsed = result.output;
	} catch {
		// Not JSON (a proxy's page): the status alone says what happened.
	}
	const fields = parsed as { kind?: string; description?: string; message?: string } | null;
	const kind = fields?.kind ?? fields?.message ?? null;
	const description = fields?.kind ? (fields.description ?? null) : (fields?.message ?? null);
	return new DidError(failureOf(status, kind), status, kind, description);
}

/** Reads a successful response against its schema; anything else is a `response` failure. */
export function parseResponse<TSchema extends v.GenericSchema>(
	schema: TSchema,
	body: string
): v.InferOutput<TSchema> {
	try {
		const result = v.safeParse(schema, JSON.parse(body));
		if (result.success) return result.output;
	} catch {
		// falls through
	}
	throw new DidError('response');
}

/** The messages D-ID sends on the stream's data channel. */
export type StreamEvent =
	| { type: 'ready' }
	| { type: 'started'; payload: unknown }
	| { type: 'done'; payload: unknown }
	| { type: 'error'; payload: unknown };

/** Parses a data-channel message (`stream/started:{…}`); others (and junk) give null. */
export function parseStreamEvent(data: unknown): StreamEvent | null {
	if (typeof data !== 'string') return null;
	const colon = data.indexOf(':');
	const name = colon === -1 ? data : data.slice(0, colon);
	const rest = colon === -1 ? '' : data.slice(colon + 1);
	let payload: unknown = null;
	if (rest) {
		try {
			payload = JSON.parse(rest);
		} catch {
			payload = rest;
		}
	}
	switch (name) {
		case 'stream/ready':
			return { type: 'ready' };
		case 'stream/started':
			return { type: 'started', payload };
		case 'stream/done':
			return { type: 'done', payload };
		case 'stream/error':
			return { type: 'error', payload };
		default:
			return null;
	}
}

/** Formats a data-channel message as D-ID does (for the stand-in). */
export function formatStreamEvent(event: StreamEvent): string {
	if (event.type === 'ready') return 'stream/ready';
	return `stream/${event.type}:${JSON.stringify(event.payload ?? {})}`;
}
