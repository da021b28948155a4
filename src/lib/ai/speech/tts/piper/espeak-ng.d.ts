// The parts of @echogarden/espeak-ng-emscripten (espeak-ng compiled by Emscripten, GPL-3.0) that
// the Piper voice uses; the package ships no types.
declare module '@echogarden/espeak-ng-emscripten' {
	export interface ESpeakNgWorker {
		set_voice(name: string): number;
		/** A pointer to the phonemes (UTF-8, NUL-terminated) of every clause, joined by ` | `. */
		text_to_phonemes(text: string, ipa: number): { ptr: number };
	}
	export interface ESpeakNgModule {
		eSpeakNGWorker: new () => ESpeakNgWorker;
		HEAPU8: Uint8Array;
		_free(pointer: number): void;
	}
	export interface ESpeakNgOptions {
		/** The data package (espeak-ng.data, ~24 MB), already fetched. */
		getPreloadedPackage?: (name: string, size: number) => ArrayBuffer;
		locateFile?: (file: string, prefix: string) => string;
		print?: (text: string) => void;
		printErr?: (text: string) => void;
	}
	const factory: (options?: ESpeakNgOptions) => Promise<ESpeakNgModule>;
	export default factory;
}
