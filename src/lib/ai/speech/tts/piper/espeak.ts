import { AiError } from '$lib/ai/errors';
import { parseEspeakOutput, piperPhonemes, type Phonemized } from './phonemes';

/** espeak-ng, loaded: phonemes for a text in one of its voices. */
export interface Espeak {
	phonemize(text: string, voice: string): Phonemized;
}

/**
 * Starts espeak-ng (@echogarden/espeak-ng-emscripten, GPL-3.0: asm.js, no second WebAssembly
 * module) on its data package, fetched by the caller (`data`, ~24 MB, every language). Imported
 * only here, when a Piper voice loads, so the voice worker carries none of it otherwise.
 */
export async function startEspeak(data: ArrayBuffer): Promise<Espeak> {
	const { default: factory } = await import('@echogarden/espeak-ng-emscripten');
	const module = await factory({
		getPreloadedPackage: () => data,
		print: () => undefined,
		printErr: (text) => console.warn('[espeak-ng]', text)
	});
	const worker = new module.eSpeakNGWorker();
	let current = '';
	const decoder = new TextDecoder();

	return {
		phonemize(text, voice) {
			if (voice !== current) {
				if (worker.set_voice(voice) !== 0) {
					throw new AiError(
						`espeak-ng has no voice "${voice}", which this Piper voice's config names.`,
						'model/unsupported'
					);
				}
				current = voice;
			}
			const { ptr } = worker.text_to_phonemes(text, 1);
			const heap = module.HEAPU8;
			let end = ptr;
			while (heap[end] !== 0) end++;
			const raw = decoder.decode(heap.subarray(ptr, end));
			// The glue allocates the result with new[]; free() is what its heap offers.
			module._free(ptr);
			return piperPhonemes(parseEspeakOutput(raw, text));
		}
	};
}
