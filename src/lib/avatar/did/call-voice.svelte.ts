import type {
	CallVoice,
	ReplyListener,
	Silenced,
	VoiceEvents,
	VoiceKind
} from '$lib/call/voice.svelte';
import { FIRST_CLAUSE_WORDS, SentenceSplitter } from '$lib/call/sentences';
import { DidStream, type DidClientOptions } from './client';
import { DidError, STREAM_IDLE_LIMIT_MS, type DidVoice, type StreamEvent } from './contract';

/**
 * What the call screen shows of D-ID: its media (video and audio in one stream) and whether it is
 * shown. Hidden (and muted) at once on barge-in until D-ID starts the next reply's talk, and for
 * good when D-ID fails: the local face is under it all along.
 */
export class HostedFace {
	media = $state.raw<MediaStream | null>(null);
	visible = $state(false);
	/** D-ID is connected and in use (false: the local face speaks). */
	active = $state(false);
	/** The last D-ID failure's message (null: none). */
	failure = $state<string | null>(null);
}

export interface DidCallOptions {
	client: DidClientOptions;
	sourceUrl: string;
	voice: DidVoice;
}

/** A sentence sent to D-ID, matched to D-ID's `stream/started` and `stream/done` in order. */
interface Talk {
	text: string;
	/** The reply it belongs to (`#reply` when it was sent). */
	reply: number;
	started: boolean;
	done: boolean;
	/** Resolves when D-ID starts it (or it is dropped). */
	onStarted: () => void;
	begun: Promise<void>;
}

/**
 * The companion's voice and face from D-ID: each sentence of the reply (split as the local voice
 * splits it) is said by D-ID's talks stream, whose WebRTC video and audio replace the local face.
 * What was heard is read from D-ID's `stream/started` messages. When D-ID fails (a refused key,
 * no credits, forbidden, rate-limited, an expired stream, a failed connection), the person is told
 * why and the local voice and face say the rest of the reply, from the sentence D-ID had not
 * finished; the next reply tries D-ID again.
 */
export class DidCallVoice implements CallVoice {
	#stream: DidStream | null = null;
	#opening: Promise<DidStream | null> | null = null;
	// State: the call screen reads the local voice's figures through this voice once it exists.
	#fallback = $state.raw<CallVoice | null>(null);
	#fallbackReady: Promise<void> | null = null;
	/** The current reply's number; talks of earlier ones are matched but not shown. */
	#reply = 0;
	/** The current reply is said by the local voice. */
	#local = false;
	#finished = false;
	#talks: Talk[] = [];
	#pending: string[] = [];
	#sending = Promise.resolve();
	#listener: ReplyListener = {};
	#splitter = new SentenceSplitter({ firstClauseWords: FIRST_CLAUSE_WORDS });
	#firstAudioAt: number | null = null;
	#closed = false;
	/** The local voice's part of the current reply: it takes over once it is prepared. */
	#handover = Promise.resolve();
	#localFinished = -1;

	constructor(
		private readonly options: DidCallOptions,
		readonly face: HostedFace,
		private readonly events: VoiceEvents,
		/** Makes the local voice (it plays into the call's graph, for the local face's mouth). */
		private readonly makeLocal: (events: VoiceEvents) => CallVoice
	) {}

	get kind(): VoiceKind {
		return this.#fallback?.kind ?? 'neural';
	}

	level(): number {
		return this.#local ? (this.#fallback?.level() ?? 0) : 0;
	}

	get scheduled(): number {
		return this.#fallback?.scheduled ?? 0;
	}

	get firstAudioAt(): number | null {
		return this.#local ? (this.#fallback?.firstAudioAt ?? null) : this.#firstAudioAt;
	}

	/** Connects to D-ID; a failure is told and the local voice is prepared instead. */
	async prepare(): Promise<void> {
		if (!(await this.#open())) await this.#prepareLocal();
	}

	begin(listener: ReplyListener = {}): void {
		this.#reply++;
		this.#listener = listener;
		this.#splitter.reset();
		this.#pending = [];
		this.#finished = false;
		this.#firstAudioAt = null;
		this.#local = false;
		this.#fallback?.begin(listener);
	}

	push(delta: string): void {
		for (const sentence of this.#splitter.push(delta)) this.#say(sentence);
	}

	async finish(): Promise<void> {
		for (const sentence of this.#splitter.flush()) this.#say(sentence);
		this.#finished = true;
		await this.#sending;
		if (this.#local) {
			await this.#handover;
			await this.#finishLocal();
		} else this.#drainIfDone();
	}

	sayAll(text: string): void {
		this.begin();
		this.push(text);
		void this.finish();
	}

	/**
	 * Barge-in: D-ID's media is muted and hidden at once (D-ID documents no interrupt for talks
	 * streams, so what it already has keeps rendering, unseen and unheard), nothing more is sent,
	 * and what was heard is the reply's sentences D-ID had started, then the local voice's.
	 */
	silence(): Silenced {
		const at = Date.now();
		this.face.visible = false;
		const reply = this.#reply;
		// Later talks of this reply must not show it again: the reply is over.
		this.#reply++;
		this.#pending = [];
		for (const talk of this.#talks) talk.onStarted();
		const heardHere = this.#talks
			.filter((talk) => talk.reply === reply && talk.started)
			.map((talk) => talk.text);
		const local = this.#fallback?.silence();
		const heard = [...heardHere, local?.heard ?? ''].filter(Boolean).join(' ');
		return { at: local?.at ?? at, heard };
	}

	/** Ends D-ID's stream (the call ended). */
	close(): void {
		this.#closed = true;
		this.face.visible = false;
		this.face.active = false;
		void this.#stream?.close();
		this.#stream = null;
	}

	#say(sentence: string) {
		this.#listener.said?.(sentence);
		if (this.#local) {
			const reply = this.#reply;
			this.#handover = this.#handover.then(() => {
				if (reply === this.#reply) this.#fallback?.push(`${sentence} `);
			});
			return;
		}
		this.#pending.push(sentence);
		const reply = this.#reply;
		this.#sending = this.#sending.then(() => this.#sendNext(reply));
	}

	async #sendNext(reply: number) {
		if (reply !== this.#reply || this.#local) return;
		const text = this.#pending.shift();
		if (text === undefined) return;
		const stream = await this.#open();
		if (reply !== this.#reply) return;
		if (!stream) return this.#toLocal([text, ...this.#pending.splice(0)]);
		let onStarted = () => {};
		const begun = new Promise<void>((resolve) => (onStarted = resolve));
		const talk: Talk = { text, reply, started: false, done: false, onStarted, begun };
		this.#talks.push(talk);
		try {
			await stream.talk(text, this.options.voice);
		} catch (error) {
			// It and the sentence D-ID was saying (cut off with the stream) go to the local voice.
			talk.onStarted();
			this.#failed(error);
			return;
		}
		// The next sentence goes once this one has started: D-ID renders it meanwhile, and a
		// barge-in leaves D-ID at most one sentence it cannot be stopped from rendering.
		await talk.begun;
	}

	/** The open stream, or a new one (also when the old one has idled past D-ID's limit). */
	async #open(): Promise<DidStream | null> {
		if (this.#closed) return null;
		const stream = this.#stream;
		if (stream && !stream.closed && stream.idleMs < STREAM_IDLE_LIMIT_MS) return stream;
		if (stream) {
			this.#stream = null;
			for (const talk of this.#talks) talk.onStarted();
			this.#talks = [];
			void stream.close();
		}
		this.#opening ??= DidStream.open(this.options.client, this.options.sourceUrl, {
			onEvent: (event) => this.#onEvent(event),
			onFailure: (error) => this.#failed(error),
			onMedia: (media) => (this.face.media = media)
		})
			.then((opened) => {
				if (this.#closed) {
					void opened.close();
					return null;
				}
				this.#stream = opened;
				this.face.media = opened.media;
				this.face.active = true;
				this.face.failure = null;
				return opened;
			})
			.catch((error: unknown) => {
				this.#tell(error);
				return null;
			})
			.finally(() => (this.#opening = null));
		return this.#opening;
	}

	#onEvent(event: StreamEvent) {
		if (event.type === 'started') {
			const talk = this.#talks.find((t) => !t.started);
			if (!talk) return;
			talk.started = true;
			talk.onStarted();
			if (talk.reply !== this.#reply || this.#local) return;
			this.face.visible = true;
			if (this.#firstAudioAt === null) {
				this.#firstAudioAt = Date.now();
				this.events.onStart();
			}
		} else if (event.type === 'done') {
			const talk = this.#talks.find((t) => t.started && !t.done);
			if (!talk) return;
			talk.done = true;
			this.#talks = this.#talks.filter((t) => !t.done);
			if (talk.reply === this.#reply && !this.#local) this.#drainIfDone();
		} else if (event.type === 'error') {
			this.#failed(new DidError('server', null, 'stream/error'));
		}
	}

	#drainIfDone() {
		const reply = this.#reply;
		const open = this.#talks.some((t) => t.reply === reply) || this.#pending.length > 0;
		if (this.#finished && !open && this.#firstAudioAt !== null) this.events.onDrain();
	}

	/** D-ID failed mid-call: tell, close the stream, and let the local voice say the rest. */
	#failed(error: unknown) {
		this.#tell(error);
		const stream = this.#stream;
		this.#stream = null;
		void stream?.close();
		const reply = this.#reply;
		const unsaid = this.#talks.filter((t) => t.reply === reply && !t.done).map((t) => t.text);
		for (const talk of this.#talks) talk.onStarted();
		this.#talks = [];
		if (!this.#local) this.#toLocal([...unsaid, ...this.#pending.splice(0)]);
	}

	#tell(error: unknown) {
		this.face.visible = false;
		this.face.active = false;
		const message = error instanceof DidError ? error.message : 'D-ID failed unexpectedly.';
		this.face.failure = message;
		this.events.onNotice(`${message} The call continues with the local face and voice.`);
	}

	/** The local voice takes over the current reply from `texts` on. */
	#toLocal(texts: string[]) {
		const reply = this.#reply;
		this.#local = true;
		this.#handover = this.#prepareLocal().then(() => {
			if (reply !== this.#reply || !this.#fallback) return;
			this.#fallback.begin(this.#listener);
			for (const text of texts) this.#fallback.push(`${text} `);
			if (this.#finished) void this.#finishLocal();
		});
	}

	/** Finishes the current reply on the local voice, once. */
	async #finishLocal(): Promise<void> {
		if (this.#localFinished === this.#reply) return;
		this.#localFinished = this.#reply;
		await this.#fallback?.finish();
	}

	#prepareLocal(): Promise<void> {
		if (!this.#fallbackReady) {
			this.#fallback = this.makeLocal(this.events);
			this.#fallbackReady = this.#fallback.prepare();
		}
		return this.#fallbackReady;
	}
}
