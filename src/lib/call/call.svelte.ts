import type { VadEvent, VadSpeechEnd } from '$lib/ai/speech/vad/protocol';
import type { LiveAvatar } from '$lib/avatar/live-avatar.svelte';
import type { ChatSession } from '$lib/chat';
import type { Companion } from '$lib/companion/schema';
import type { Repos } from '$lib/db';
import { reportError, toAppError } from '$lib/errors';
import type { CallAudioGraph } from './audio-graph.svelte';
import type { CallDevices } from './devices.svelte';
import { turnMetrics, type TurnMoments } from './metrics';
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
}

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
	/** What the person said last (live while recognising), and the language it was heard in. */
	heard = $state('');
	heardLanguage = $state<string | null>(null);
	/** Problems that changed how the call works, for the person to read. */
	notices = $state.raw<string[]>([]);
	turns = $state.raw<TurnRecord[]>([]);
	readonly chat: CallChat;

	#turn: TurnState = INITIAL;
	#listening: AbortController | null = null;
	#voice = $state.raw<CallVoice | null>(null);
	#utterance: VadSpeechEnd | null = null;
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
			this.heard = '…';
			this.#dispatch({ type: 'speech-start' });
		} else if (event.type === 'speech-end') {
			this.#utterance = event;
			this.#moments = { speechEnd: event.speechEndMs, turnEnd: event.atMs };
			this.#dispatch({ type: 'speech-end' });
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
		if (effect.type === 'transcribe') void this.#transcribe();
		else if (effect.type === 'reply') void this.#reply(effect.text);
		else if (effect.type === 'silence') this.#voice?.silence();
		else this.#interrupt(effect.by);
	}

	async #transcribe() {
		const utterance = this.#utterance;
		// This utterance's moments: another may end while it is being recognised.
		const moments = this.#moments;
		this.#utterance = null;
		if (!utterance) return this.#dispatch({ type: 'transcript', text: '' });
		try {
			const result = await this.deps.recognition.transcribe(
				utterance.audio,
				this.companion.languages
			);
			if (moments) Object.assign(moments, { transcript: this.deps.clock.now(), sttMs: result.ms });
			// A reply this transcript starts is timed from its own utterance.
			this.#moments = moments;
			this.heard = result.text;
			this.heardLanguage = result.language;
			this.#spokenMs = utterance.audio.length / 16;
			this.#dispatch({ type: 'transcript', text: result.text });
		} catch (error) {
			reportError(error, { context: 'recognising speech' });
			this.heard = '';
			this.#dispatch({ type: 'failed' });
		}
	}

	async #reply(text: string) {
		const moments = this.#moments;
		let turnIndex: number | null = null;
		if (moments) {
			this.turns = [...this.turns, { ...moments, text }];
			turnIndex = this.turns.length - 1;
		}
		const reply: ReplyInFlight = { replyId: null, running: true, cut: null, turnIndex };
		this.#current = reply;
		const voice = this.#voice;
		voice?.begin({
			said: () => {
				if (moments) moments.firstSentence ??= this.deps.clock.now();
			},
			synthesised: (ms) => {
				if (moments) moments.ttsFirstSentenceMs ??= ms;
			}
		});
		try {
			await this.chat.send(text, {
				via: moments ? 'voice' : 'text',
				spokenMs: moments ? this.#spokenMs : undefined,
				onToken: (delta) => {
					reply.replyId ??= this.chat.lastReplyId;
					if (moments) moments.firstToken ??= this.deps.clock.now();
					voice?.push(delta);
				}
			});
			reply.replyId ??= this.chat.lastReplyId;
			await voice?.finish();
		} catch (error) {
			reportError(error, { context: 'answering in the call' });
		}
		reply.running = false;
		if (reply.cut !== null) await this.#keepWhatWasSaid(reply);
		this.#dispatch({ type: 'reply-done' });
		if (voice?.firstAudioAt && moments) moments.firstAudio = voice.firstAudioAt;
		if (moments && turnIndex !== null) {
			this.turns = this.turns.map((turn, i) => (i === turnIndex ? { ...turn, ...moments } : turn));
			if (reply.replyId) {
				await this.deps.repos.messages
					.mergeMetrics(reply.replyId, turnMetrics(moments))
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
