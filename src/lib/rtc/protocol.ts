import * as v from 'valibot';

/**
 * What people's browsers say to each other over a call's data channel. Every message from a peer
 * is untrusted: it is read only through `parseMessage`, which checks its size, its JSON and its
 * schema; whatever fails is dropped with a log line, never thrown into the app.
 */

/** The protocol version; the first message of every connection (`hello`/`welcome`) carries it. */
export const PROTOCOL_VERSION = 1;
/** No message is longer than this (characters of its JSON); a longer one is dropped unread. */
export const MAX_MESSAGE_CHARS = 16_384;

const Name = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(60));
const PeerId = v.pipe(v.string(), v.regex(/^[\w-]{1,80}$/));
const Text = v.pipe(v.string(), v.maxLength(2000));
const Time = v.pipe(v.number(), v.finite(), v.minValue(0));
/** One recording of the call by one person: consent is asked, and given, for that recording. */
const RecordingId = v.pipe(v.string(), v.regex(/^[\w-]{1,40}$/));

const Member = v.strictObject({ peerId: PeerId, name: Name });
export type Member = v.InferOutput<typeof Member>;

export const MessageSchema = v.variant('type', [
	/** A joiner's first message: who they are and which protocol they speak. */
	v.strictObject({ type: v.literal('hello'), v: v.number(), name: Name }),
	/** The host's answer once it admitted the joiner: the others already in the room (mesh). */
	v.strictObject({
		type: v.literal('welcome'),
		v: v.number(),
		host: Name,
		members: v.pipe(v.array(Member), v.maxLength(8))
	}),
	/** The host declined, or the room is full. */
	v.strictObject({
		type: v.literal('denied'),
		reason: v.picklist(['declined', 'full', 'version'])
	}),
	/** The host tells the members that someone was admitted (they accept that peer's calls). */
	v.strictObject({ type: v.literal('member'), member: Member }),
	/** A member joining an existing member directly, vouched for by the host's `member`. */
	v.strictObject({ type: v.literal('greet'), v: v.number(), name: Name }),
	/**
	 * "Still here", twice a second; silence means the peer is gone (PeerJS notices a closed tab
	 * late). `recording`: the sender is recording the call now (that recording's id), so every
	 * ping repeats it and a joiner, or a peer back from a blip, learns it too.
	 */
	v.strictObject({ type: v.literal('ping'), at: Time, recording: v.optional(RecordingId) }),
	/**
	 * The answer to a peer's recording (its id, from its pings): whether this person's picture and
	 * voice may be in it. Until it allows, the recorder leaves this person out; it may change its
	 * mind while the recording runs.
	 */
	v.strictObject({ type: v.literal('record-consent'), id: RecordingId, allow: v.boolean() }),
	/** Leaving, on purpose or as the page goes away. */
	v.strictObject({ type: v.literal('bye') }),
	v.strictObject({ type: v.literal('chat'), id: v.pipe(v.string(), v.maxLength(40)), text: Text }),
	/**
	 * A guest's choice to have the host's companion (its LLM) correct their German: their lines go
	 * into the host's model, quoted as data. Off unless the guest says so.
	 */
	v.strictObject({ type: v.literal('corrections'), on: v.boolean() }),
	/** The host's companion's correction of one of this guest's own lines, for that guest only. */
	v.strictObject({
		type: v.literal('correction'),
		id: v.pipe(v.string(), v.maxLength(40)),
		corrected: Text
	}),
	/** A sentence the sender said, recognised on the sender's own device; `final` once finished. */
	v.strictObject({
		type: v.literal('caption'),
		id: v.pipe(v.string(), v.maxLength(40)),
		text: Text,
		final: v.boolean(),
		/** Set when the companion (run by the host) said it, with her name. */
		companion: v.optional(Name)
	})
]);

export type Message = v.InferOutput<typeof MessageSchema>;
export type MessageType = Message['type'];

export type ParseResult =
	| { ok: true; message: Message }
	| { ok: false; reason: 'not-text' | 'too-large' | 'not-json' | 'schema' };

/** Reads one raw data-channel payload from a peer. Never throws. */
export function parseMessage(raw: unknown): ParseResult {
	if (typeof raw !== 'string') return { ok: false, reason: 'not-text' };
	if (raw.length > MAX_MESSAGE_CHARS) return { ok: false, reason: 'too-large' };
	let json: unknown;
	try {
		json = JSON.parse(raw);
	} catch {
		// Not JSON is one of the outcomes this function reports, not an error of ours.
		return { ok: false, reason: 'not-json' };
	}
	const parsed = v.safeParse(MessageSchema, json);
	return parsed.success ? { ok: true, message: parsed.output } : { ok: false, reason: 'schema' };
}

/** The one way messages are written: the same limits as reading, so we never send what we drop. */
export function encodeMessage(message: Message): string {
	const raw = JSON.stringify(v.parse(MessageSchema, message));
	if (raw.length > MAX_MESSAGE_CHARS) throw new RangeError('A call message is over the size cap.');
	return raw;
}

/**
 * A token bucket per peer: `burst` messages at once, refilled at `perSecond`. A peer that floods
 * has its excess dropped (the heartbeat and chat of a well-behaved peer stay far below it).
 */
export class RateLimit {
	#tokens: number;
	#at: number;
	constructor(
		private readonly perSecond = 20,
		private readonly burst = 40,
		now = 0
	) {
		this.#tokens = burst;
		this.#at = now;
	}

	/** Whether one more message at `now` (ms) is within the limit; takes a token if it is. */
	take(now: number): boolean {
		this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#at) / 1000) * this.perSecond);
		this.#at = now;
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}
}
