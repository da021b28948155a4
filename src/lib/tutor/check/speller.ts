import { loadModule, type HunspellFactory } from 'hunspell-asm';

/** A spelling dictionary: Hunspell here, any other behind the same two calls. */
export interface Speller {
	spell(word: string): boolean;
	suggest(word: string): string[];
}

/** The bytes of a Hunspell dictionary: its affix rules and its word list. */
export interface HunspellFiles {
	aff: Uint8Array;
	dic: Uint8Array;
}

let factory: Promise<HunspellFactory> | null = null;

/**
 * Hunspell compiled to WebAssembly (hunspell-asm; its wasm is inlined in its JavaScript, so it
 * loads from the app's own bundle). Results are cached: a chat repeats its words.
 */
export async function createHunspell({ aff, dic }: HunspellFiles, name: string): Promise<Speller> {
	factory ??= loadModule();
	const hunspell = await factory;
	const affPath = hunspell.mountBuffer(aff, `${name}.aff`);
	const dicPath = hunspell.mountBuffer(dic, `${name}.dic`);
	const instance = hunspell.create(affPath, dicPath);
	const known = new Map<string, boolean>();
	return {
		spell(word) {
			let ok = known.get(word);
			if (ok === undefined) {
				ok = instance.spell(word);
				if (known.size > 50_000) known.clear();
				known.set(word, ok);
			}
			return ok;
		},
		suggest: (word) => instance.suggest(word)
	};
}
