import { afterEach, describe, expect, it, vi } from 'vitest';
import { AiError } from '$lib/ai/errors';
import type { ChatTurn, GenerateOptions } from '$lib/ai/llm/engine';
import type { Reply } from '$lib/ai/llm/runtime.svelte';
import type { Transcript } from '$lib/ai/speech/stt/protocol';
import { CallAudioGraph } from '$lib/call/audio-graph.svelte';
import { CallSession } from '$lib/call/call.svelte';
import { CallDevices, type DeviceOpeners } from '$lib/call/devices.svelte';
import { MediaDeviceError, type DeviceProblem } from '$lib/call/media';
import type { ListenHandlers, Recognition } from '$lib/call/recognition';
import { FIRST_CLAUSE_WORDS, SentenceSplitter } from '$lib/call/sentences';
import type {
	CallVoice,
	ReplyListener,
	Silenced,
	VoiceEvents,
	VoiceKind
} from '$lib/call/voice.svelte';
import { ChatSession } from '$lib/chat/session.svelte';
import { companionDraft, makeTestDb, replyOf } from '../../helpers/factories';

// CallSession driven through its seams: a real ChatSession on fake-indexeddb, the real devices
// state and media graph over fake browser objects, and fakes for what needs a browser and models
// (recognition, the voice, the model's token stream). The e2e tests run the real parts.

const T0 = 1_700_000_000_000;

/** The call's clock, moved by the test. */
class FakeClock {
	t = T0;
	now = () => this.t;
	advance(ms: number) {
		this.t += ms;
	}
}

/** A stand-in MediaStream of one track, as far as the devices and the graph use it. */
function fakeStream(kind: 'audio' | 'video') {
	const track = {
		kind,
		enabled: true,
		readyState: 'live' as 'live' | 'ended',
		stop() {
			track.readyState = 'ended';
		}
	};
	const stream = {
		track,
		getTracks: () => [track],
		getAudioTracks: () => (kind === 'audio' ? [track] : []),
		getVideoTracks: () => (kind === 'video' ? [track] : [])
	};
	return stream as typeof stream & MediaStream;
}

/** getUserMedia's answers: a stream per device, or the MediaDeviceError media.ts would throw. */
function fakeOpeners(answers: { mic?: DeviceProblem; camera?: DeviceProblem } = {}) {
	const opened: ReturnType<typeof fakeStream>[] = [];
	const open = (device: 'microphone' | 'camera', problem?: DeviceProblem) => async () => {
		if (problem) throw new MediaDeviceError(device, problem);
		const stream = fakeStream(device === 'microphone' ? 'audio' : 'video');
		opened.push(stream);
		return stream;
	};
	const openers: DeviceOpeners = {
		microphone: open('microphone', answers.mic),
		camera: open('camera', answers.camera)
	};
	return { openers, opened };
}

/** The part of an AudioContext the call's graph touches. */
class FakeAudioContext {
	state: 'running' | 'closed' = 'running';
	readonly destination = {};
	createGain() {
		return { connect() {}, disconnect() {} };
	}
	async close() {
		this.state = 'closed';
	}
}

/** Voice detection and Whisper as the call sees them: the test speaks, a transcript comes back. */
class FakeRecognition implements Recognition {
	handlers: ListenHandlers | null = null;
	closed = false;
	/** listen() rejects with it: the model could not load. */
	failure: Error | null = null;
	#words = new Map<Float32Array, string>();

	constructor(
		private readonly clock: FakeClock,
		/** How long recognising an utterance takes, on the clock. */
		private readonly recognitionMs = 150
	) {}

	async listen(_mic: MediaStream, handlers: ListenHandlers) {
		if (this.failure) throw this.failure;
		this.handlers = handlers;
	}

	/** The person starts speaking (the detector decides 96 ms after the onset). */
	startSpeaking(): number {
		const onsetMs = this.clock.now();
		this.clock.advance(96);
		this.#emit({ type: 'speech-start', onsetMs, atMs: this.clock.now() });
		return onsetMs;
	}

	/**
	 * The person stops after saying `words`; the turn ends after 400 ms of silence. `streamed`:
	 * streaming pieces carried all the words, only silence is left after them.
	 */
	stopSpeaking(words: string, { streamed = false } = {}) {
		const audio = new Float32Array(1600);
		this.#words.set(audio, words);
		const speechEndMs = this.clock.now();
		this.clock.advance(400);
		this.#emit({
			type: 'speech-end',
			audio,
			speechStartMs: speechEndMs - 1000,
			speechEndMs,
			atMs: this.clock.now(),
			tailFrom: streamed ? audio.length : 0,
			tailVoiced: !streamed
		});
	}

	/** The person pauses after `words` (so far); 200 ms later the detector says so. */
	pause(words: string, { streamed = false } = {}) {
		const audio = new Float32Array(1600);
		this.#words.set(audio, words);
		const speechEndMs = this.clock.now();
		this.clock.advance(200);
		this.#emit({
			type: 'speech-pause',
			audio,
			speechStartMs: speechEndMs - 1000,
			speechEndMs,
			atMs: this.clock.now(),
			tailFrom: streamed ? audio.length : 0
		});
	}

	/** Speech again, before the end-of-turn silence elapsed. */
	resume() {
		this.#emit({ type: 'speech-resume', atMs: this.clock.now() });
	}

	/** Streaming: the detector cuts a piece holding `words`. */
	piece(words: string, forced = false) {
		const audio = new Float32Array(800);
		this.#words.set(audio, words);
		this.#emit({ type: 'speech-piece', audio, from: 0, to: 800, forced, atMs: this.clock.now() });
	}

	/** Every transcription asked for, by its words (`?` for audio nobody spoke). */
	readonly transcribed: string[] = [];

	async transcribe(audio: Float32Array, languages: readonly string[]): Promise<Transcript> {
		this.transcribed.push(this.#words.get(audio) ?? '?');
		this.clock.advance(this.recognitionMs);
		return { text: this.#words.get(audio) ?? '', language: languages[0], ms: this.recognitionMs };
	}

	async close() {
		this.closed = true;
	}

	#emit(event: Parameters<ListenHandlers['onEvent']>[0]) {
		if (!this.handlers) throw new Error('Nobody is listening.');
		this.handlers.onEvent(event);
	}
}

/**
 * The companion's voice by CompanionVoice's contract, without audio: streamed text is cut into
 * sentences by the real splitter and each is queued at once; sentences play one after another,
 * the test ending each (`finishSentence`); silence() reports the ones that had started.
 */
class FakeVoice implements CallVoice {
	kind: VoiceKind = 'neural';
	scheduled = 0;
	firstAudioAt: number | null = null;
	/** Every sentence queued since the call started, in order. */
	said: string[] = [];
	silenced = 0;
	#splitter = new SentenceSplitter({ firstClauseWords: FIRST_CLAUSE_WORDS });
	#listener: ReplyListener = {};
	#reply: string[] = [];
	#started = 0;
	#playing = false;

	constructor(
		private readonly events: VoiceEvents,
		private readonly clock: FakeClock,
		/** Resolves when the voice has loaded. */
		private readonly loaded: Promise<void> = Promise.resolve()
	) {}

	async prepare() {
		await this.loaded;
	}

	level() {
		return this.#playing ? 0.5 : 0;
	}

	begin(listener: ReplyListener = {}) {
		this.#listener = listener;
		this.#reply = [];
		this.#started = 0;
		this.firstAudioAt = null;
		this.#splitter.reset();
	}

	push(delta: string) {
		for (const sentence of this.#splitter.push(delta)) this.#queue(sentence);
	}

	async finish() {
		for (const sentence of this.#splitter.flush()) this.#queue(sentence);
	}

	sayAll(text: string) {
		this.begin();
		this.push(text);
		void this.finish();
	}

	/** The playing sentence ends: the next queued one starts, or the voice goes quiet. */
	finishSentence() {
		if (!this.#playing) throw new Error('Nothing is playing.');
		if (this.#started < this.#reply.length) {
			this.#started++;
			return;
		}
		this.#playing = false;
		this.events.onDrain();
	}

	/** Ends every sentence queued so far. */
	finishAll() {
		while (this.#playing) this.finishSentence();
	}

	silence(): Silenced {
		this.silenced++;
		this.#playing = false;
		const heard = this.#reply.slice(0, this.#started).join(' ');
		this.#reply = [];
		return { at: this.clock.now(), heard };
	}

	#queue(sentence: string) {
		this.#listener.said?.(sentence);
		this.said.push(sentence);
		this.#reply.push(sentence);
		this.scheduled++;
		if (this.#playing) return;
		this.#playing = true;
		this.#started++;
		this.firstAudioAt ??= this.clock.now();
		this.events.onStart();
	}
}

/**
 * The chat model's token stream (ChatDeps.generate): each reply word by word. `holdBefore(n)`
 * stops the next reply before its n-th word until `release()`, so the test can act mid-reply;
 * an abort ends it there.
 */
class FakeModel {
	readonly prompts: ChatTurn[][] = [];
	aborted = 0;
	#replies: string[] = [];
	#holdAt: number | null = null;
	#release: (() => void) | null = null;

	willSay(...replies: string[]) {
		this.#replies.push(...replies);
	}

	holdBefore(word: number) {
		this.#holdAt = word;
	}

	get holding(): boolean {
		return this.#release !== null;
	}

	release() {
		this.#holdAt = null;
		this.#release?.();
	}

	generate = async (
		messages: readonly ChatTurn[],
		{ onToken, signal }: GenerateOptions
	): Promise<Reply> => {
		this.prompts.push([...messages]);
		const text = this.#replies.shift() ?? 'Ja.';
		let said = '';
		for (const [i, word] of text.split(/(?<= )/).entries()) {
			if (i === this.#holdAt) await this.#hold(signal);
			if (signal?.aborted) break;
			said += word;
			onToken?.(word);
			await Promise.resolve();
		}
		if (signal?.aborted) this.aborted++;
		return replyOf(said, signal?.aborted);
	};

	#hold(signal?: AbortSignal) {
		return new Promise<void>((resume) => {
			this.#release = () => {
				this.#release = null;
				resume();
			};
			signal?.addEventListener('abort', () => this.#release?.(), { once: true });
		});
	}
}

describe('CallSession', () => {
	let ctx = makeTestDb();
	afterEach(async () => {
		await ctx.db.delete();
		ctx = makeTestDb();
	});

	interface Setup {
		mic?: DeviceProblem;
		camera?: DeviceProblem;
		voiceLoaded?: Promise<void>;
	}

	async function callWith({ voiceLoaded, ...answers }: Setup = {}) {
		const companion = await ctx.repos.companions.create(
			companionDraft({
				name: 'Lena',
				persona: 'You are Lena from Berlin.',
				greeting: 'Hallo! Wie heißt du?'
			})
		);
		const clock = new FakeClock();
		const model = new FakeModel();
		const recognition = new FakeRecognition(clock);
		const { openers, opened } = fakeOpeners(answers);
		const audio = new FakeAudioContext();
		const closedChats: string[] = [];
		const memory = { held: 0 };
		const chat = new ChatSession(
			companion,
			null,
			{
				repos: ctx.repos,
				generate: model.generate,
				contextWindow: () => 4096,
				onClosed: (id) => closedChats.push(id)
			},
			'call'
		);
		let voice: FakeVoice | null = null;
		const call = new CallSession(companion, {
			chat,
			devices: new CallDevices(openers),
			recognition,
			voice: (events) => (voice = new FakeVoice(events, clock, voiceLoaded)),
			media: new CallAudioGraph(() => audio as unknown as AudioContext),
			clock,
			repos: ctx.repos,
			prepareModel: async () => undefined,
			holdMemory: () => {
				memory.held++;
				return () => memory.held--;
			}
		});
		const started = () => {
			if (!voice) throw new Error('The call has not made its voice yet.');
			return voice;
		};
		const messages = () => ctx.repos.messages.listFor(call.chat.conversationId!);
		return {
			call,
			clock,
			model,
			recognition,
			opened,
			audio,
			closedChats,
			memory,
			started,
			messages
		};
	}

	/** A started call whose greeting has been said to the end. */
	async function greeted(options: Setup = {}) {
		const setup = await callWith(options);
		await setup.call.start();
		setup.started().finishAll();
		expect(setup.call.phase).toBe('listening');
		return setup;
	}

	it('opens the devices into the graph and greets the person', async () => {
		const { call, recognition, opened, memory, started, messages } = await callWith();
		await call.start();
		const voice = started();
		expect(voice.said.join(' ')).toBe('Hallo! Wie heißt du?');
		expect(call.phase).toBe('speaking');
		expect(recognition.handlers).not.toBeNull();
		expect(call.media.micStream).toBe(opened[0]);
		expect(call.devices.camera).toBe(opened[1]);
		expect(memory.held).toBe(1);
		// The greeting is in the conversation, which is a call.
		const saved = await messages();
		expect(saved.map((m) => [m.role, m.content])).toEqual([['assistant', 'Hallo! Wie heißt du?']]);
		voice.finishAll();
		expect(call.phase).toBe('listening');
	});

	it('does not greet a person who has already begun to speak', async () => {
		let loaded = () => {};
		const { call, recognition, started } = await callWith({
			voiceLoaded: new Promise((done) => (loaded = done))
		});
		const starting = call.start();
		await vi.waitFor(() => expect(recognition.handlers).not.toBeNull());
		recognition.startSpeaking();
		loaded();
		await starting;
		expect(started().said).toEqual([]);
		expect(call.phase).toBe('hearing');
	});

	it('answers an utterance sentence by sentence while the model is still writing', async () => {
		const { call, clock, model, recognition, started, messages } = await greeted();
		const voice = started();
		const greeting = voice.said.length;
		model.willSay('Schön dich kennenzulernen, Anna. Wie war dein Tag heute? Erzähl mir davon.');
		model.holdBefore(5);
		recognition.startSpeaking();
		expect(call.phase).toBe('hearing');
		clock.advance(1200);
		recognition.stopSpeaking('Ich heiße Anna.');
		await vi.waitFor(() => expect(model.holding).toBe(true));
		expect(call.heard).toBe('Ich heiße Anna.');
		// The first part is said before the reply is written to the end.
		expect(voice.said.slice(greeting)).toEqual(['Schön dich kennenzulernen, Anna.']);
		expect(call.phase).toBe('speaking');
		model.release();
		await vi.waitFor(() =>
			expect(voice.said.slice(greeting)).toEqual([
				'Schön dich kennenzulernen, Anna.',
				'Wie war dein Tag heute?',
				'Erzähl mir davon.'
			])
		);
		voice.finishAll();
		await vi.waitFor(() => expect(call.phase).toBe('listening'));
		await vi.waitFor(async () => {
			const [, person, reply] = await messages();
			expect([person.role, person.content, person.via]).toEqual([
				'user',
				'Ich heiße Anna.',
				'voice'
			]);
			expect([reply.content, reply.status]).toEqual([
				'Schön dich kennenzulernen, Anna. Wie war dein Tag heute? Erzähl mir davon.',
				'complete'
			]);
			// Timed on the call's clock: 400 ms end of turn, 150 ms recognition.
			expect(reply.metrics).toMatchObject({ endOfTurnMs: 400, speechEndToTranscriptMs: 150 });
		});
		expect(call.turns).toHaveLength(1);
		expect(call.turns[0].text).toBe('Ich heiße Anna.');
	});

	it('stops when the person speaks during the reply and keeps only what was heard', async () => {
		const { call, clock, model, recognition, started, messages } = await greeted();
		const voice = started();
		model.willSay('Eins zwei drei. Vier fünf sechs. Sieben acht neun.', 'Gut, ich warte.');
		// Two sentences are queued when the person interrupts; only the first has started.
		model.holdBefore(8);
		recognition.startSpeaking();
		recognition.stopSpeaking('Erzähl mir was.');
		await vi.waitFor(() => expect(model.holding).toBe(true));
		expect(voice.said.slice(-2)).toEqual(['Eins zwei drei.', 'Vier fünf sechs.']);
		const silencedBefore = voice.silenced;

		clock.advance(2000);
		const onset = recognition.startSpeaking();
		expect(call.phase).toBe('hearing');
		expect(voice.silenced).toBe(silencedBefore + 1);
		await vi.waitFor(() => expect(model.aborted).toBe(1));
		await vi.waitFor(async () => {
			const reply = (await messages())[2];
			expect([reply.content, reply.status]).toEqual(['Eins zwei drei.', 'interrupted']);
			// Barge-in latency: from the onset of the interrupting speech to silence (96 ms).
			expect(reply.metrics?.bargeInMs).toBe(96);
		});
		expect(call.turns[0].bargeInMs).toBe(clock.now() - onset);

		// What the person said while interrupting is answered.
		recognition.stopSpeaking('Warte mal.');
		await vi.waitFor(() => expect(voice.said.at(-1)).toBe('Gut, ich warte.'));
		const saved = await messages();
		expect(saved.slice(3).map((m) => [m.role, m.content])).toEqual([
			['user', 'Warte mal.'],
			['assistant', 'Gut, ich warte.']
		]);
		// The model was told the interrupted reply as it was heard.
		expect(model.prompts[1].map((turn) => turn.content)).toContain('Eins zwei drei.');
	});

	it('ends the call: the conversation is marked ended and everything is released', async () => {
		const { call, model, recognition, opened, audio, closedChats, memory, started, messages } =
			await greeted();
		model.willSay('Bis bald!');
		call.type('Tschüss!');
		await vi.waitFor(() => expect(started().said.at(-1)).toBe('Bis bald!'));
		await call.end();
		expect(call.phase).toBe('ended');
		expect(opened.map((stream) => stream.track.readyState)).toEqual(['ended', 'ended']);
		expect(call.devices.mic).toBeNull();
		expect(recognition.closed).toBe(true);
		expect(recognition.handlers?.signal.aborted).toBe(true);
		expect(audio.state).toBe('closed');
		expect(call.media.micStream).toBeNull();
		expect(memory.held).toBe(0);
		const id = call.chat.conversationId!;
		expect(closedChats).toEqual([id]);
		expect((await ctx.repos.conversations.require(id)).endedAt).toBeGreaterThan(0);
		// Ended mid-reply: the reply keeps what was heard, and the typed message was saved.
		const saved = await messages();
		expect(saved.slice(1).map((m) => [m.role, m.content, m.via ?? null])).toEqual([
			['user', 'Tschüss!', 'text'],
			['assistant', 'Bis bald!', null]
		]);
	});

	it('without the microphone it becomes a text call, with a message', async () => {
		const { call, model, recognition, started, messages } = await greeted({ mic: 'denied' });
		expect(call.devices.micError?.problem).toBe('denied');
		expect(call.devices.micError?.message).toContain('Try again');
		expect(call.notices).toEqual([
			'Without the microphone this is a text call: type below, the companion still answers aloud.'
		]);
		expect(recognition.handlers).toBeNull();
		expect(call.media.micStream).toBeNull();
		model.willSay('Hallo Anna!');
		call.type('Ich bin Anna.');
		await vi.waitFor(() => expect(started().said.at(-1)).toBe('Hallo Anna!'));
		const person = (await messages())[1];
		expect([person.content, person.via]).toEqual(['Ich bin Anna.', 'text']);
	});

	it('without the camera it goes on with audio only', async () => {
		const { call, recognition, opened } = await greeted({ camera: 'busy' });
		expect(call.devices.cameraError?.problem).toBe('busy');
		expect(call.devices.camera).toBeNull();
		expect(call.devices.mic).toBe(opened[0]);
		expect(recognition.handlers).not.toBeNull();
		expect(call.notices).toEqual([]);
	});

	it('without speech recognition the person is told they can still type', async () => {
		const setup = await callWith();
		setup.recognition.failure = new AiError(
			'The model could not be downloaded.',
			'model/download-failed'
		);
		await setup.call.start();
		expect(setup.call.notices).toEqual([
			'Speech recognition is not available: The model could not be downloaded. You can still type.'
		]);
		expect(setup.started().said.join(' ')).toBe('Hallo! Wie heißt du?');
	});

	describe('preemptive replies', () => {
		it('speech resumes → the reply begun at the pause is dropped unheard, and the whole utterance is answered once', async () => {
			const { call, clock, model, recognition, started, messages } = await greeted();
			const voice = started();
			const greeting = voice.said.length;
			model.willSay(
				'Hallo Anna! Schön, dass du da bist.',
				'Hamburg ist schön. Wohnst du gern dort?'
			);
			model.holdBefore(2);
			recognition.startSpeaking();
			clock.advance(800);
			recognition.pause('Hallo, ich heiße Anna.');
			await vi.waitFor(() => expect(model.holding).toBe(true));
			// Generating, but the person still has the floor: nothing said, shown or saved.
			expect(call.phase).toBe('hearing');
			expect(voice.said.slice(greeting)).toEqual([]);
			expect(call.chat.streaming).toBeNull();
			expect((await messages()).map((m) => m.content)).toEqual(['Hallo! Wie heißt du?']);
			recognition.resume();
			await vi.waitFor(() => expect(model.aborted).toBe(1));
			model.release(); // no hold for the next reply
			expect(call.debugEvents.map((e) => [e.type, e.stage, e.tokens])).toEqual([
				['preemptive-started', undefined, undefined],
				['preemptive-discarded', 'replying', 2]
			]);
			clock.advance(900);
			recognition.stopSpeaking('Hallo, ich heiße Anna und ich wohne in Hamburg.');
			await vi.waitFor(() => expect(call.phase).toBe('speaking'));
			voice.finishAll();
			await vi.waitFor(() => expect(call.phase).toBe('listening'));
			expect(voice.said.slice(greeting)).toEqual(['Hamburg ist schön.', 'Wohnst du gern dort?']);
			const saved = await messages();
			expect(saved.map((m) => [m.role, m.content])).toEqual([
				['assistant', 'Hallo! Wie heißt du?'],
				['user', 'Hallo, ich heiße Anna und ich wohne in Hamburg.'],
				['assistant', 'Hamburg ist schön. Wohnst du gern dort?']
			]);
			expect(call.turns.map((t) => [t.text, t.preemptive])).toEqual([
				['Hallo, ich heiße Anna und ich wohne in Hamburg.', undefined]
			]);
		});

		it('the turn ends as assumed → the held reply is spoken and saved, with no second recognition', async () => {
			const { call, clock, model, recognition, started, messages } = await greeted();
			const voice = started();
			const greeting = voice.said.length;
			model.willSay('Hallo Anna! Schön, dass du da bist.');
			recognition.startSpeaking();
			clock.advance(800);
			recognition.pause('Hallo, ich heiße Anna.');
			await vi.waitFor(() => expect(call.debugEvents.at(-1)?.type).toBe('preemptive-started'));
			// The model may finish the whole reply before the turn ends: still nothing is said.
			await new Promise((done) => setTimeout(done, 20));
			expect(voice.said.slice(greeting)).toEqual([]);
			recognition.stopSpeaking('(silence after the pause)');
			await vi.waitFor(() => expect(call.phase).toBe('speaking'));
			expect(voice.said.slice(greeting)[0]).toBe('Hallo Anna!');
			await vi.waitFor(() => {
				voice.finishAll();
				expect(call.phase).toBe('listening');
			});
			expect(recognition.transcribed).toEqual(['Hallo, ich heiße Anna.']);
			const saved = await messages();
			expect(saved.map((m) => [m.role, m.content])).toEqual([
				['assistant', 'Hallo! Wie heißt du?'],
				['user', 'Hallo, ich heiße Anna.'],
				['assistant', 'Hallo Anna! Schön, dass du da bist.']
			]);
			const [turn] = call.turns;
			expect(turn.preemptive).toBe(true);
			// Its transcript and first token were ready when the turn ended.
			expect(turn.transcript).toBe(turn.turnEnd);
			expect(turn.firstToken).toBe(turn.turnEnd);
			expect(call.debugEvents.map((e) => e.type)).toEqual([
				'preemptive-started',
				'preemptive-committed'
			]);
			// A later pause that comes to nothing concerns only itself.
			recognition.startSpeaking();
			recognition.pause('Und');
			recognition.resume();
			expect(call.debugEvents.at(-1)).toMatchObject({
				type: 'preemptive-discarded',
				stage: 'transcribing',
				tokens: 0
			});
		});
	});

	describe('streaming recognition', () => {
		it('transcribes pieces while the person speaks; at the end only silence is left', async () => {
			const { call, clock, model, recognition, started, messages } = await greeted();
			const voice = started();
			model.willSay('Schön!');
			recognition.startSpeaking();
			clock.advance(1200);
			recognition.piece('Hallo, ich heiße Anna.');
			clock.advance(1200);
			recognition.piece('Und ich wohne in Hamburg.');
			await vi.waitFor(() => expect(recognition.transcribed).toHaveLength(2));
			recognition.stopSpeaking('(the whole utterance)', { streamed: true });
			await vi.waitFor(() => expect(call.phase).toBe('speaking'));
			voice.finishAll();
			await vi.waitFor(() => expect(call.phase).toBe('listening'));
			// Nothing recognised after the end: the pieces were.
			expect(recognition.transcribed).toEqual([
				'Hallo, ich heiße Anna.',
				'Und ich wohne in Hamburg.'
			]);
			expect((await messages())[1].content).toBe(
				'Hallo, ich heiße Anna. Und ich wohne in Hamburg.'
			);
			expect(call.turns[0].sttMs).toBe(0);
		});

		it('runs a final pass over the whole utterance where the pieces do not join surely', async () => {
			const { call, clock, recognition, started, messages } = await greeted();
			const voice = started();
			recognition.startSpeaking();
			clock.advance(2400);
			recognition.piece('Ich wo', true);
			recognition.piece('hne in Hamburg.');
			recognition.stopSpeaking('Ich wohne in Hamburg.', { streamed: true });
			await vi.waitFor(() => expect(call.phase).toBe('speaking'));
			voice.finishAll();
			expect(recognition.transcribed).toEqual([
				'Ich wo',
				'hne in Hamburg.',
				'Ich wohne in Hamburg.'
			]);
			expect((await messages())[1].content).toBe('Ich wohne in Hamburg.');
			expect(call.debugEvents.map((e) => e.type)).toEqual(['final-pass']);
		});
	});
});
