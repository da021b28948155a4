/**
 * The browser's own speech synthesis, for companions set to "Browser voice" and as the fallback
 * when a neural voice cannot load. Sentences queue in the browser; cancel() stops them.
 */
export class SystemVoice {
	#pending = 0;
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
		utterance.onend = done;
		utterance.onerror = done;
		speechSynthesis.speak(utterance);
		if (wasIdle) this.onStart?.();
	}

	cancel(): void {
		this.#pending = 0;
		if (SystemVoice.available) speechSynthesis.cancel();
	}

	/** No level is available from speechSynthesis: a gentle movement while speaking. */
	level(): number {
		return this.speaking ? 0.35 + 0.25 * Math.sin(performance.now() / 90) : 0;
	}
}
