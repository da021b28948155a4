import type { Recognition } from '$lib/call/recognition';
import { toAppError } from '$lib/errors';

export type CaptionsStatus = 'off' | 'loading' | 'on' | 'error';

/**
 * Captions of what this person says, made on this device: the same voice activity detection and
 * Whisper as a companion call (`call/recognition.ts`), on this person's own microphone only. Each
 * finished sentence goes to `onCaption`, which shares it over the data channel. Optional: a guest
 * joins at once and turns captions on later (the model downloads then).
 */
export class Captions {
	status = $state<CaptionsStatus>('off');
	error = $state('');
	#recognition: Recognition | null = null;
	#abort: AbortController | null = null;
	#count = 0;

	constructor(private readonly makeRecognition: () => Promise<Recognition>) {}

	async start(
		mic: MediaStream,
		language: string,
		onCaption: (id: string, text: string) => void
	): Promise<void> {
		if (this.status === 'loading' || this.status === 'on') return;
		this.status = 'loading';
		this.error = '';
		const abort = (this.#abort = new AbortController());
		try {
			const recognition = (this.#recognition = await this.makeRecognition());
			await recognition.listen(mic, {
				signal: abort.signal,
				onEvent: (event) => {
					if (event.type !== 'speech-end') return;
					const id = `c${++this.#count}`;
					recognition.transcribe(event.audio, [language]).then(
						({ text }) => {
							if (!abort.signal.aborted && text.trim()) onCaption(id, text.trim());
						},
						(error: unknown) => this.#fail(error)
					);
				},
				onStopped: (error) => this.#fail(error)
			});
			if (!abort.signal.aborted) this.status = 'on';
		} catch (error) {
			this.#fail(error);
		}
	}

	async stop(): Promise<void> {
		this.#abort?.abort();
		this.#abort = null;
		const recognition = this.#recognition;
		this.#recognition = null;
		if (this.status !== 'error') this.status = 'off';
		await recognition?.close();
	}

	#fail(error: unknown) {
		const appError = toAppError(error);
		console.warn('[call] captions stopped:', appError);
		this.error = `Captions stopped: ${appError.message}`;
		this.status = 'error';
		void this.stop();
	}
}
