import type {
	VadEvent,
	VadSpeechEnd,
	VadSpeechPause,
	VadSpeechPiece
} from '$lib/ai/speech/vad/protocol';
import type { Transcript } from '$lib/ai/speech/stt/protocol';
import type { HostedFace } from '$lib/avatar/did/call-voice.svelte';
import type { LiveAvatar } from '$lib/avatar/live-avatar.svelte';
import type { ChatSession } from '$lib/chat';
import type { Companion } from '$lib/companion/schema';
import type { Repos } from '$lib/db';
import { reportError, toAppError } from '$lib/errors';
import type { CallAudioGraph } from './audio-graph.svelte';
import type { CallDevices } from './devices.svelte';
import { turnMetrics, type TurnMoments } from './metrics';
import { mergePieces, type PieceText } from './pieces';
import type { Recognition } from './recognition';
import {
	INITIAL,
	reduce,
	type Effect,
	type Phase,
	type TurnEvent,
	type TurnState
} from './turn-taking';
import type { CallVoice, VoiceEvents, VoiceKind } from './voice.svelte';

/** What a call uses of the conversation (a `ChatSession`, shared with the chat page). */
export type CallChat = Pick<
	ChatSession,
	'conversationId' | 'lastReplyId' | 'streaming' | 'settled' | 'begin' | 'send' | 'stop' | 'close'
>;

/** Epoch milliseconds, precise enough for turn timings (`metrics.now` in the app). */
export interface Clock {
	now(): number;
}

/**
 * A call's collaborators, passed in so the call can be driven without a browser (tests) and so
 * later work can swap parts (a hosted face for the avatar, peers in the graph). `openCall()` in
 * `$lib/call` wires the app's own.
 */
export interface CallDeps {
	/** The conversation the call speaks in. */
	chat: CallChat;
	/** The person's microphone and camera. */
	devices: CallDevices;
	/** Voice activity detection and speech recognition. */
	recognition: Recognition;
	/** Makes the companion's voice for this call, once the graph is open. */
	voice: (events: VoiceEvents) => CallVoice;
	/** The call's media graph: the microphone, the companion's voice and face as taps. */
	media: CallAudioGraph;
	/** The companion's moving face; it becomes the graph's avatar track. None in tests. */
	avatar?: LiveAvatar | null;
	/** A hosted avatar's video over the face (D-ID, when the person turned it on). */
	hostedFace?: HostedFace | null;
	clock: Clock;
	repos: Pick<Repos, 'messages' | 'conversations'>;
	/** Loads the chat model while the call opens (it may take a while on a first call). */
	prepareModel: () => Promise<unknown>;
	/** Holds memory formation off while the call runs (it would compete for the model). */
	holdMemory: () => () => void;
}

export interface Caption {
	who: 'person' | 'companion';
	text: string;
}

/** The reply being said, for keeping it right when it is interrupted. */
interface ReplyInFlight {
	replyId: string | null;
	/** Generation (and synthesis) still running. */
	running: boolean;
	/** Set on barge-in: the text that was actually heard. */
	cut: string | null;
	turnIndex: number | null;
}

export interface TurnRecord extends TurnMoments {
	text: string;
	bargeInMs?: number;
	/** Answered by a preemptive reply, begun while the person paused. */
	preemptive?: boolean;
}

/** Something the latency cuts did, for the debug overlay (and the tests that read it). */
export interface CallDebugEvent {
	/** Epoch ms (the call's clock). */
	atMs: number;
	type: 'preemptive-started' | 'preemptive-committed' | 'preemptive-discarded' | 'final-pass';
	/** The transcript it concerned. */
	text: string;
	/** A discarded preemptive reply: how far it had got, and how many tokens it had generated. */
	stage?: 'transcribing' | 'replying';
	tokens?: number;
}

/** A preemptive reply being generated, held back until the turn ends. */
interface HeldReply {
	decide(go: boolean): void;
	readonly tokens: number;
}

/** A streaming piece's transcript, in the language it was heard in. */
type StreamedPiece = PieceText & { language?: string };

/**
 * One voice call: microphone → voice detection → speech recognition → the model → sentence by
 * sentence speech, with barge-in. Everything said is saved in the conversation as it happens.
 * Degrades instead of freezing: no camera → audio only, no microphone or no speech recognition →
 * typing, no neural voice → the browser's voice or captions.
 */
export class CallSession {
	phase = $state<Phase>('idle');
	/** Wall-clock start (Date.now()), for the timer on screen. */
	startedAt = $state<number | null>(null);
	readonly devices: CallDevices;
	readonly media: CallAudioGraph;
	readonly avatar: LiveAvatar | null;
	readonly hostedFace: HostedFace | null;
	/** What the person said last (live while recognising), and the language it was heard in. */
	heard = $state('');
	heardLanguage = $state<string | null>(null);
	/** Problems that changed how the call works, for the person to read. */
	notices = $state.raw<string[]>([]);
	turns = $state.raw<TurnRecord[]>([]);
	/** The latency cuts at work (preemptive replies, final passes), newest last. */
	debugEvents = $state.raw<CallDebugEvent[]>([]);
	readonly chat: CallChat;

	#turn: TurnState = INITIAL;
	#listening: AbortController | null = null;
	#voice = $state.raw<CallVoice | null>(null);
	#utterance: VadSpeechEnd | null = null;
	/** Streaming recognition: the pieces of the utterance being spoken, and of the one that ended. */
	#pieces: Promise<StreamedPiece>[] = [];
	#utterancePieces: Promise<StreamedPiece>[] = [];
	/** The pause a preemptive reply starts from; a discard moves `#earlySeq` on. */
	#pause: VadSpeechPause | null = null;
	#earlySeq = 0;
	#held: HeldReply | null = null;
	/** How long the person spoke in the utterance being answered (16 kHz samples → ms). */
	#spokenMs: number | undefined;
	#moments: TurnMoments | null = null;
	#onset = 0;
	#current: ReplyInFlight | null = null;
	/** Memory formation waits until the call ends (it would compete for the model). */
	#releaseMemory: (() => void) | null = null;

	constructor(
		private readonly companion: Companion,
		private readonly deps: CallDeps
	) {
		this.chat = deps.chat;
		this.devices = deps.devices;
		this.media = deps.media;
		this.avatar = deps.avatar ?? null;
		this.hostedFace = deps.hostedFace ?? null;
	}

	get language(): string {
		return this.companion.languages[0];
	}

	/** How the companion speaks: its neural voice, the browser's, or captions only. */
	get voice(): VoiceKind {
		return this.#voice?.kind ?? 'neural';
	}

	/** How loud the companion is right now (0..1), for the avatar's mouth. */
	level(): number {
		return this.#voice?.level() ?? 0;
	}

	get scheduledAudio(): number {
		return this.#voice?.scheduled ?? 0;
	}

	async start(): Promise<void> {
		if (this.phase !== 'idle') return;
		this.startedAt = Date.now();
		this.#releaseMemory = this.deps.holdMemory();
		this.media.open();
		const voice = this.deps.voice({
			onStart: () => this.#dispatch({ type: 'audio-start' }),
			onDrain: () => this.#dispatch({ type: 'playback-done' }),
			onNotice: (text) => this.#notice(text)
		});
		this.#voice = voice;
		this.avatar?.start({
			level: () => this.level(),
			mouth: () => this.#voice?.mouth?.() ?? null,
			phase: () => this.phase,
			clause: () => this.#voice?.clause?.() ?? false
		});
		this.media.useAvatar(this.avatar);
		this.#dispatch({ type: 'start' });
		const isNew = await this.chat.begin('Call').catch((error: unknown) => {
			reportError(error, { context: 'starting the call' });
			return false;
		});
		// Listening needs the microphone first; the voice loads meanwhile. The model loads as soon as
		// listening is ready (not alongside it: on a CPU they would slow each other down, and the
		// person may already be talking), while the voice may still be loading.
		const listening = this.#openDevices().then(() => this.#prepareListening());
		void listening
			.catch(() => undefined)
			.then(() => this.deps.prepareModel())
			.catch((error: unknown) => this.#notice(toAppError(error).message));
		await Promise.all([listening, voice.prepare()]);
		// Not once the person has begun: the greeting would answer nothing they said.
		if (isNew && this.companion.greeting && this.#turn.phase === 'listening')
			voice.sayAll(this.companion.greeting);
	}

	/** Retries the microphone and camera after the person changed the permissions. */
	async retryDevices(): Promise<void> {
		await this.#openDevices();
		await this.#prepareListening();
	}

	async #openDevices(): Promise<void> {
		const micOpen = await this.devices.open();
		this.media.useMic(this.devices.mic);
		if (!micOpen)
			this.#notice(
				'Without the microphone this is a text call: type below, the companion still answers aloud.'
			);
	}

	async #prepareListening(): Promise<void> {
		const mic = this.devices.mic;
		if (!mic || this.#listening) return;
		const listening = new AbortController();
		this.#listening = listening;
		try {
			await this.deps.recognition.listen(mic, {
				signal: listening.signal,
				onEvent: (event) => this.#onVad(event),
				early: true,
				onStopped: (error) => {
					this.#listening = null;
					this.#notice(`Listening stopped: ${toAppError(error).message} You can still type.`);
				}
			});
		} catch (error) {
			this.#listening = null;
			this.#notice(
				`Speech recognition is not available: ${toAppError(error).message} You can still type.`
			);
		}
	}

	#notice(text: string) {
		if (!this.notices.includes(text)) this.notices = [...this.notices, text];
	}

	#onVad(event: VadEvent) {
		if (event.type === 'speech-start') {
			this.#onset = event.onsetMs;
			this.#pieces = [];
			this.heard = '…';
			this.#dispatch({ type: 'speech-start' });
		} else if (event.type === 'speech-end') {
			this.#utterance = event;
			this.#utterancePieces = this.#pieces;
			this.#pieces = [];
			this.#moments = { speechEnd: event.speechEndMs, turnEnd: event.atMs };
			this.#dispatch({ type: 'speech-end' });
		} else if (event.type === 'speech-piece') {
			this.#pieces.push(this.#transcribePiece(event, this.#pieces.at(-1)));
		} else if (event.type === 'speech-pause') {
			this.#pause = event;
			this.#dispatch({ type: 'speech-pause' });
		} else if (event.type === 'speech-resume') {
			this.#dispatch({ type: 'speech-resume' });
		} else {
			if (this.heard === '…') this.heard = '';
			this.#dispatch({ type: 'misfire' });
		}
	}

	/** Text typed in the call's chat panel: answered like speech. */
	type(text: string): void {
		this.#moments = null;
		this.#dispatch({ type: 'typed', text });
	}

	#dispatch(event: TurnEvent) {
		const step = reduce(this.#turn, event);
		this.#turn = step.state;
		this.phase = step.state.phase;
		for (const effect of step.effects) this.#run(effect);
	}

	#run(effect: Effect) {
		if (effect.type === 'transcribe')
			void (effect.early ? this.#transcribeEarly() : this.#transcribe());
		else if (effect.type === 'reply') void this.#reply(effect.text, effect.early);
		else if (effect.type === 'commit') this.#commit();
		else if (effect.type === 'discard') this.#discard(effect.stage);
		else if (effect.type === 'silence') this.#voice?.silence();
		else this.#interrupt(effect.by);
	}

	#debug(event: Omit<CallDebugEvent, 'atMs'>) {
		this.debugEvents = [...this.debugEvents.slice(-19), { atMs: this.deps.clock.now(), ...event }];
	}

	/** Streaming: one piece, transcribed after the one before (in its language). */
	async #transcribePiece(
		piece: VadSpeechPiece,
		before: Promise<StreamedPiece> | undefined
	): Promise<StreamedPiece> {
		const language = (await before)?.language;
		try {
			const result = await this.deps.recognition.transcribe(
				piece.audio,
				language ? [language] : this.companion.languages
			);
			return { text: result.text, language: result.language, forced: piece.forced };
		} catch (error) {
			reportError(error, { context: 'recognising speech', silent: true });
			return { text: '', failed: true, forced: piece.forced };
		}
	}

	/**
	 * The words of an utterance: with streaming pieces, those pieces and the voiced tail after the
	 * last one, merged (and a final pass over all of it where the merge is not sure); without,
	 * one pass over all of it. `ms` is recognition's time once the audio was complete.
	 */
	async #recognise(
		audio: Float32Array,
		{ tailFrom, tailVoiced }: { tailFrom: number; tailVoiced: boolean },
		pieces: readonly Promise<StreamedPiece>[]
	): Promise<Transcript> {
		const { languages } = this.companion;
		if (!pieces.length) return this.deps.recognition.transcribe(audio, languages);
		const done: StreamedPiece[] = await Promise.all(pieces);
		const started = this.deps.clock.now();
		let language = done.find((piece) => piece.language)?.language;
		if (tailVoiced && tailFrom < audio.length) {
			const tail = await this.deps.recognition.transcribe(
				audio.slice(tailFrom),
				language ? [language] : languages
			);
			done.push({ text: tail.text, language: tail.language });
			language ??= tail.language;
		}
		const merged = mergePieces(done);
		if (merged.sure)
			return {
				text: merged.text,
				language: language ?? languages[0],
				ms: this.deps.clock.now() - started
			};
		this.#debug({ type: 'final-pass', text: merged.text });
		const whole = await this.deps.recognition.transcribe(audio, languages);
		return { ...whole, ms: this.deps.clock.now() - started };
	}

	/** The utterance so far, at a pause, for a preemptive reply. */
	async #transcribeEarly() {
		const pause = this.#pause;
		const seq = this.#earlySeq;
		this.#pause = null;
		if (!pause) return this.#dispatch({ type: 'transcript', text: '', early: true });
		const spokenMs = pause.audio.length / 16;
		try {
			const result = await this.#recognise(
				pause.audio,
				{ tailFrom: pause.tailFrom, tailVoiced: pause.tailFrom < pause.audio.length },
				[...this.#pieces]
			);
			if (seq !== this.#earlySeq) return; // the person went on meanwhile
			this.heard = result.text;
			this.heardLanguage = result.language;
			this.#spokenMs = spokenMs;
			// The turn ended meanwhile: this is its transcript.
			if (this.#turn.phase === 'transcribing' && this.#moments)
				Object.assign(this.#moments, { transcript: this.deps.clock.now(), sttMs: result.ms });
			this.#dispatch({ type: 'transcript', text: result.text, early: true });
		} catch (error) {
			if (seq !== this.#earlySeq) return;
			reportError(error, { context: 'recognising speech', silent: true });
			this.#dispatch({ type: 'failed', early: true });
		}
	}

	/** The turn ended as the preemptive reply assumed: it becomes the reply. */
	#commit() {
		this.#held?.decide(true);
		this.#held = null;
	}

	/** The person went on: the preemptive reply never happened (nothing was said or kept). */
	#discard(stage: 'transcribing' | 'replying') {
		this.#earlySeq++;
		const held = this.#held;
		this.#held = null;
		held?.decide(false);
		this.#debug({
			type: 'preemptive-discarded',
			text: this.heard,
			stage,
			tokens: held?.tokens ?? 0
		});
	}

	async #transcribe() {
		const utterance = this.#utterance;
		const pieces = this.#utterancePieces;
		// This utterance's moments: another may end while it is being recognised.
		const moments = this.#moments;
		this.#utterance = null;
		this.#utterancePieces = [];
		if (!utterance) return this.#dispatch({ type: 'transcript', text: '' });
		// Before recognition, which takes the audio's buffer.
		const spokenMs = utterance.audio.length / 16;
		try {
			const result = await this.#recognise(utterance.audio, utterance, pieces);
			if (moments) Object.assign(moments, { transcript: this.deps.clock.now(), sttMs: result.ms });
			// A reply this transcript starts is timed from its own utterance.
			this.#moments = moments;
			this.heard = result.text;
			this.heardLanguage = result.language;
			this.#spokenMs = spokenMs;
			this.#dispatch({ type: 'transcript', text: result.text });
		} catch (error) {
			reportError(error, { context: 'recognising speech' });
			this.heard = '';
			this.#dispatch({ type: 'failed' });
		}
	}

	/**
	 * Answers `text`: streams the reply into the voice, times it and keeps it right on barge-in.
	 * `early`: a preemptive reply, generated now but held back (not spoken, saved or shown) until
	 * the turn ends (`commit`) or dropped without a trace (`discard`).
	 */
	async #reply(text: string, early = false) {
		let moments = early ? null : this.#moments;
		const spokenMs = this.#spokenMs;
		const via = early || moments ? 'voice' : 'text';
		const reply: ReplyInFlight = { replyId: null, running: true, cut: null, turnIndex: null };
		const voice = this.#voice;
		let held = early;
		let buffered = '';
		let tokens = 0;
		let firstTokenAt: number | undefined;
		/** From here the reply is the call's: heard, timed, interrupted. */
		const begin = () => {
			if (moments) {
				this.turns = [...this.turns, { ...moments, text, ...(early ? { preemptive: true } : {}) }];
				reply.turnIndex = this.turns.length - 1;
			}
			this.#current = reply;
			voice?.begin({
				said: () => {
					if (moments) moments.firstSentence ??= this.deps.clock.now();
				},
				synthesised: (ms) => {
					if (moments) moments.ttsFirstSentenceMs ??= ms;
				}
			});
		};
		let decide: (go: boolean) => void = () => undefined;
		const decided = new Promise<boolean>((resolve) => (decide = resolve));
		if (early) {
			this.#held = {
				decide: (go) => decide(go),
				get tokens() {
					return tokens;
				}
			};
			this.#debug({ type: 'preemptive-started', text });
		} else begin();
		const sending = this.chat.send(text, {
			via,
			spokenMs: via === 'voice' ? spokenMs : undefined,
			hold: early ? decided : undefined,
			onToken: (delta) => {
				tokens++;
				firstTokenAt ??= this.deps.clock.now();
				if (held) {
					buffered += delta;
					return;
				}
				reply.replyId ??= this.chat.lastReplyId;
				if (moments) moments.firstToken ??= this.deps.clock.now();
				voice?.push(delta);
			}
		});
		sending.catch(() => undefined); // awaited below, after a preemptive reply is decided
		if (early) {
			if (!(await decided)) {
				await sending.catch(() => undefined);
				return;
			}
			// The turn ended as assumed: its transcript and first tokens were ready when it did.
			moments = this.#moments;
			if (moments) {
				moments.transcript = moments.turnEnd;
				if (firstTokenAt !== undefined)
					moments.firstToken = Math.max(firstTokenAt, moments.turnEnd);
			}
			begin();
			held = false;
			if (buffered) {
				reply.replyId ??= this.chat.lastReplyId;
				voice?.push(buffered);
			}
			this.#debug({ type: 'preemptive-committed', text, tokens });
		}
		try {
			await sending;
			reply.replyId ??= this.chat.lastReplyId;
			await voice?.finish();
		} catch (error) {
			reportError(error, { context: 'answering in the call' });
		}
		reply.running = false;
		if (reply.cut !== null) await this.#keepWhatWasSaid(reply);
		this.#dispatch({ type: 'reply-done' });
		if (voice?.firstAudioAt && moments) moments.firstAudio = voice.firstAudioAt;
		const turnIndex = reply.turnIndex;
		if (moments && turnIndex !== null) {
			const final = moments;
			this.turns = this.turns.map((turn, i) => (i === turnIndex ? { ...turn, ...final } : turn));
			if (reply.replyId) {
				await this.deps.repos.messages
					.mergeMetrics(reply.replyId, turnMetrics(final))
					.catch((error: unknown) =>
						reportError(error, { context: 'saving the turn’s timing', silent: true })
					);
			}
		}
	}

	/**
	 * Barge-in (or typing, or the end of the call): silence at once, stop generating, and keep what
	 * the person actually heard (the sentences whose audio had started) as the interrupted reply,
	 * so the companion's memory of the conversation matches what was said.
	 */
	#interrupt(by: 'voice' | 'typing' | 'end') {
		const { at: stoppedAt, heard } = this.#voice?.silence() ?? {
			at: this.deps.clock.now(),
			heard: ''
		};
		this.chat.stop();
		const reply = this.#current;
		if (!reply) return;
		// Barge-in latency: from the onset of the speech that interrupted to silence.
		if (by === 'voice' && reply.turnIndex !== null && this.#onset) {
			const bargeInMs = Math.round(stoppedAt - this.#onset);
			this.turns = this.turns.map((turn, i) =>
				i === reply.turnIndex ? { ...turn, bargeInMs } : turn
			);
		}
		reply.cut = heard;
		if (!reply.running) void this.#keepWhatWasSaid(reply);
	}

	async #keepWhatWasSaid(reply: ReplyInFlight) {
		const { replyId, cut } = reply;
		if (!replyId || cut === null) return;
		const bargeInMs = reply.turnIndex !== null ? this.turns[reply.turnIndex]?.bargeInMs : undefined;
		try {
			await this.deps.repos.messages.update(replyId, { content: cut, status: 'interrupted' });
			if (bargeInMs !== undefined)
				await this.deps.repos.messages.mergeMetrics(replyId, { bargeInMs });
		} catch (error) {
			reportError(error, { context: 'saving the interrupted reply', silent: true });
		}
	}

	/** Ends the call: devices released, listening stopped, the conversation marked ended. */
	async end(): Promise<void> {
		if (this.phase === 'ended') return;
		this.#dispatch({ type: 'end' });
		this.#listening?.abort();
		this.avatar?.stop();
		this.#voice?.close?.();
		this.devices.release();
		await Promise.all(
			[this.deps.recognition.close(), this.media.close()].map((p) => p.catch(() => undefined))
		);
		const id = this.chat.conversationId;
		if (id)
			await this.deps.repos.conversations
				.update(id, { endedAt: Date.now() })
				.catch((error: unknown) =>
					reportError(error, { context: 'ending the call', silent: true })
				);
		// The end of a call is when its memories are formed.
		this.chat.close();
		this.#releaseMemory?.();
		this.#releaseMemory = null;
	}
}
