import { tts, voiceRequest } from '$lib/ai/speech';
import { alignVisemes, type VisemeLanguage } from '$lib/avatar/visemes';
import type { MouthFrame } from '$lib/avatar/visemes/schedule';
import type { Companion } from '$lib/companion/schema';
import { toAppError } from '$lib/errors';
import { now } from './metrics';
import { AudioPlayer } from './playback.svelte';
import { FIRST_CLAUSE_WORDS, SentenceSplitter } from './sentences';
import { Speaker, type SpokenAudio } from './speaker';
import { SystemVoice } from './system-voice';
import { speechRate } from '$lib/tutor/level/profiles';

export type VoiceKind = 'neural' | 'system' | 'captions';

/** What the call learns from the voice. */
export interface VoiceEvents {
	/** The companion became audible, or went quiet after everything queued was said. */
	onStart(): void;
	onDrain(): void;
	/** The voice changed for a reason the person should read. */
	onNotice(text: string): void;
}

/** Listeners for one reply's sentences. */
export interface ReplyListener {
	/** A sentence (or the first clause) went to the voice. */
	said?(text: string): void;
	/** The neural voice's own time to synthesise it. */
	synthesised?(ms: number): void;
}

/** What silence() stopped: when, and what of the reply had been heard by then. */
export interface Silenced {
	/** Epoch ms. */
	at: number;
	/** The sentences whose audio had started (all that was said, for the browser's voice). */
	heard: string;
}

/** A sentence of the current reply; `clock`: when its audio starts (null: at once, or unknown). */
interface Spoken {
	text: string;
	clock: number | null;
}

/** What a call needs of the companion's voice (`CompanionVoice`; tests give it a fake). */
export interface CallVoice {
	readonly kind: VoiceKind;
	/** Loads the voice; on failure it falls back (and says so through `onNotice`), never throws. */
	prepare(): Promise<void>;
	/** How loud the companion is right now (0..1). */
	level(): number;
	/** The viseme being heard now (the neural voice's track), for the avatar's mouth. */
	mouth?(): MouthFrame | null;
	/** Whether the current reply's first clause has gone to the voice (the face stops thinking). */
	clause?(): boolean;
	/** Audio buffers scheduled since the call started. */
	readonly scheduled: number;
	/** When the current reply's first audio starts (epoch ms), once known. */
	readonly firstAudioAt: number | null;
	/** Starts a reply; what was pending of the previous one is dropped. */
	begin(listener?: ReplyListener): void;
	/** Streams reply text in; each complete sentence is said at once. */
	push(delta: string): void;
	/** The reply is complete: says the rest; resolves when all of it is queued. */
	finish(): Promise<void>;
	/** Says a whole text (the greeting) as its own reply. */
	sayAll(text: string): void;
	/** Stops everything at once; says what of the reply had been heard. */
	silence(): Silenced;
	/** The call ended: releases what the voice holds (a hosted avatar's stream). */
	close?(): void;
}

/**
 * The companion's voice in a call: a streamed reply is cut into sentences (the first clause alone)
 * and spoken by the neural voice in its worker, else by the browser's speechSynthesis, else shown
 * as captions only. If the neural voice fails mid-call, the browser's voice takes over.
 */
export class CompanionVoice implements CallVoice {
	kind = $state<VoiceKind>('neural');

	readonly #player: AudioPlayer;
	readonly #system: SystemVoice;
	/** A tutor speaks slower to beginners (the level profile's rate; 1 otherwise). */
	get #rate(): number {
		const { tutor, languages } = this.companion;
		return tutor.enabled ? speechRate(tutor.cefrLevel, languages[0]) : 1;
	}
	readonly #splitter = new SentenceSplitter({ firstClauseWords: FIRST_CLAUSE_WORDS });
	#speaker: Speaker | null = null;
	#listener: ReplyListener = {};
	#spoken: Spoken[] = [];
	#said = 0;

	/** `output`: where the neural voice plays (the call graph's `voiceOutput`). */
	constructor(
		output: AudioNode,
		private readonly companion: Companion,
		private readonly events: VoiceEvents
	) {
		this.#player = new AudioPlayer(output.context, output);
		this.#system = new SystemVoice(companion.languages[0], this.#rate);
		this.#player.onStart = this.#system.onStart = () => events.onStart();
		this.#player.onDrain = this.#system.onDrain = () => events.onDrain();
	}

	/** Loads the companion's voice; on failure the fallback is chosen and the person told. */
	async prepare(): Promise<void> {
		const request = await voiceRequest(this.companion.voice, this.companion.languages[0]);
		if (request === 'system') {
			this.kind = SystemVoice.available ? 'system' : 'captions';
			return;
		}
		try {
			await tts.ensure(request);
			this.#speaker = new Speaker(
				this.#player,
				async (text, signal) => {
					const spoken = await tts.call('speak', { text, rate: this.#rate }, { signal });
					this.#listener.synthesised?.(spoken.ms);
					return spoken;
				},
				(text, spoken) => this.#align(text, spoken)
			);
			this.#speaker.onError = (error) => this.#fallBack(error);
			this.kind = 'neural';
		} catch (error) {
			this.#fallBack(error);
		}
	}

	/** How loud the companion is right now (0..1), for the avatar's mouth. */
	level(): number {
		return this.kind === 'system' ? this.#system.level() : this.#player.level();
	}

	/** Audio buffers scheduled since the call started. */
	get scheduled(): number {
		return this.#player.scheduled;
	}

	/** The viseme being heard now, for the avatar's mouth (the browser's voice: from its words). */
	mouth(): MouthFrame | null {
		if (this.kind === 'system') return this.#system.mouth();
		return this.kind === 'neural' ? this.#player.mouth() : null;
	}

	/** Whether the current reply's first clause has gone to the voice. */
	clause(): boolean {
		return this.#said > 0;
	}

	/** A sentence's viseme track: the voice's phonemes where it has them, else the letter rules. */
	#align(text: string, { audio, sampleRate, phonemes }: SpokenAudio) {
		const lang: VisemeLanguage = this.companion.languages[0]?.startsWith('de') ? 'de' : 'en';
		return alignVisemes({
			text,
			lang,
			duration: audio.length / sampleRate,
			phonemes,
			samples: audio,
			sampleRate
		});
	}

	/** When the current reply's first audio starts (epoch ms), once it is scheduled. */
	get firstAudioAt(): number | null {
		return this.#speaker?.firstAudioAt ?? null;
	}

	/** Starts a reply; what was pending of the previous one is dropped. */
	begin(listener: ReplyListener = {}): void {
		this.#listener = listener;
		this.#spoken = [];
		this.#said = 0;
		this.#splitter.reset();
		this.#speaker?.begin();
	}

	/** Streams reply text in; each complete sentence is said at once. */
	push(delta: string): void {
		for (const sentence of this.#splitter.push(delta)) this.#say(sentence);
	}

	/** The reply is complete: says the rest; resolves when all of it is synthesised and queued. */
	async finish(): Promise<void> {
		for (const sentence of this.#splitter.flush()) this.#say(sentence);
		await this.#speaker?.settled();
	}

	/** Says a whole text (the greeting) as its own reply. */
	sayAll(text: string): void {
		this.begin();
		this.push(text);
		void this.finish();
	}

	/**
	 * Stops whatever is being said or waiting to be. What was heard is read on the audio clock, not
	 * the page's: on a busy machine the audio clock can fall behind, and a sentence scheduled to
	 * start "by now" may not have started.
	 */
	silence(): Silenced {
		let stopped = { at: now(), clock: Infinity };
		if (this.kind === 'system') this.#system.cancel();
		else if (this.#speaker) stopped = this.#speaker.cancel();
		const heard = this.#spoken.filter(({ clock }) => clock === null || clock <= stopped.clock);
		return { at: stopped.at, heard: heard.map(({ text }) => text).join(' ') };
	}

	#say(sentence: string) {
		this.#said++;
		this.#listener.said?.(sentence);
		const spoken = this.#spoken;
		if (this.kind === 'neural' && this.#speaker) {
			this.#speaker.say(sentence, ({ clock }) => spoken.push({ text: sentence, clock }));
			return;
		}
		// The browser's voice gives no clock; captions are read as soon as they are shown.
		if (this.kind === 'system') this.#system.say(sentence);
		spoken.push({ text: sentence, clock: null });
	}

	#fallBack(error: unknown) {
		this.kind = SystemVoice.available ? 'system' : 'captions';
		this.events.onNotice(
			`The companion’s voice could not load (${toAppError(error).message}). ${this.kind === 'system' ? 'Using the browser’s voice instead.' : 'Replies are shown as captions.'}`
		);
	}
}
