import { alignVisemes, type VisemeLanguage } from '$lib/avatar/visemes';
import { VisemeSchedule, type MouthFrame } from '$lib/avatar/visemes/schedule';

/** How long a viseme lasts in the browser's voice at rate 1 (it says nothing of its timing). */
const VISEME_S = 0.085;

/**
 * The browser's own speech synthesis, for companions set to "Browser voice" and as the fallback
 * when a neural voice cannot load. Sentences queue in the browser; cancel() stops them. It gives
 * no audio clock, only word boundaries (where the browser's voice reports them): each word's
 * visemes are played from its boundary on the page's clock, at an estimated pace.
 */
export class SystemVoice {
	#pending = 0;
	readonly #visemes = new VisemeSchedule();
	onStart: (() => void) | null = null;
	onDrain: (() => void) | null = null;

	constructor(
		private readonly language: string,
		/** Speaking speed, 1 normal (the tutor's level profile slows it for beginners). */
		private readonly rate = 1
	) {}

	static get available(): boolean {
		return typeof speechSynthesis !== 'undefined';
	}

	get speaking(): boolean {
		return this.#pending > 0;
	}

	say(text: string): void {
		if (!SystemVoice.available) return;
		const utterance = new SpeechSynthesisUtterance(text);
		utterance.lang = this.language;
		utterance.rate = this.rate;
		const voice = speechSynthesis.getVoices().find((v) => v.lang.startsWith(this.language));
		if (voice) utterance.voice = voice;
		const wasIdle = this.#pending === 0;
		this.#pending++;
		const done = () => {
			this.#pending = Math.max(0, this.#pending - 1);
			if (this.#pending === 0) this.onDrain?.();
		};
		utterance.onboundary = (event) => {
			if (event.name !== 'word') return;
			const word = /^[^\s]+/.exec(text.slice(event.charIndex))?.[0];
			if (word) this.#wordStarted(word);
		};
		utterance.onend = done;
		utterance.onerror = done;
		speechSynthesis.speak(utterance);
		if (wasIdle) this.onStart?.();
	}

	cancel(): void {
		this.#pending = 0;
		this.#visemes.clear();
		if (SystemVoice.available) speechSynthesis.cancel();
	}

	/** The viseme being said now, from the last word boundary; null between words. */
	mouth(): MouthFrame | null {
		return this.#visemes.size > 0 ? this.#visemes.at(performance.now() / 1000) : null;
	}

	#wordStarted(word: string) {
		const lang: VisemeLanguage = this.language.startsWith('de') ? 'de' : 'en';
		const count = alignVisemes({ text: word, lang, duration: 1 }).filter(
			(cue) => cue.viseme !== 'sil'
		).length;
		if (count === 0) return;
		const duration = (count * VISEME_S) / this.rate;
		this.#visemes.clear();
		this.#visemes.add(
			alignVisemes({ text: word, lang, duration }),
			performance.now() / 1000,
			duration
		);
	}

	/** No level is available from speechSynthesis: a gentle movement while speaking. */
	level(): number {
		return this.speaking ? 0.35 + 0.25 * Math.sin(performance.now() / 90) : 0;
	}
}
