/**
 * "Listen" on a card: the text in the companion's own voice, by the same text-to-speech client a
 * call uses (`tts` in lib/ai/speech: the neural voice in its worker, loaded once and kept), else the
 * browser's voice, as a call falls back. Loaded on the first click (import()), so the review
 * screen carries none of the speech code until then.
 */
import { tts, voiceRequest } from '$lib/ai/speech';
import { SystemVoice } from '$lib/call/system-voice';
import type { Companion } from '$lib/companion/schema';
import { AppError, toAppError } from '$lib/errors';

export interface Spoken {
	by: 'neural' | 'system';
	/** Why the browser's voice spoke instead of the companion's, to tell the person. */
	notice?: string;
}

let context: AudioContext | null = null;

/**
 * Says `text` in `companion`'s voice (its first language's voice when `companion` is undefined:
 * the browser's). Resolves when the audio has played; says which voice spoke. A neural voice that
 * cannot load (not downloaded, offline) hands over to the browser's voice.
 */
export async function speak(
	text: string,
	companion: Companion | undefined,
	language: string
): Promise<Spoken> {
	const request = companion ? await voiceRequest(companion.voice, language) : 'system';
	let notice: string | undefined;
	if (request !== 'system') {
		try {
			await tts.ensure(request);
			const { audio, sampleRate } = await tts.call('speak', { text });
			await play(audio, sampleRate);
			return { by: 'neural' };
		} catch (error) {
			if (!SystemVoice.available) throw error;
			notice = `${companion?.name}’s voice could not load (${toAppError(error).message}). The browser’s voice read it instead.`;
		}
	}
	if (!SystemVoice.available) {
		throw new AppError('This browser cannot speak text aloud.', {
			code: 'speech/unavailable',
			expected: true
		});
	}
	new SystemVoice(language).say(text);
	return { by: 'system', ...(notice ? { notice } : {}) };
}

async function play(samples: Float32Array, sampleRate: number): Promise<void> {
	context ??= new AudioContext();
	if (context.state === 'suspended') await context.resume();
	const buffer = context.createBuffer(1, samples.length, sampleRate);
	buffer.copyToChannel(samples as Float32Array<ArrayBuffer>, 0);
	const source = context.createBufferSource();
	source.buffer = buffer;
	source.connect(context.destination);
	await new Promise<void>((done) => {
		source.onended = () => done();
		source.start();
	});
}
