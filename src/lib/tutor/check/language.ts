import type { InputMode } from '../types';
import type { Finding, Templates } from './finding';

/** The files a language's checker needs, by name (the Hunspell pair, word lists). */
export type LanguageFiles = Record<string, Uint8Array>;

/** Reads one of a language's files: from the app's own origin in the browser, from disk in Node. */
export type FileLoader = (language: string, name: string) => Promise<Uint8Array>;

/**
 * A target language for the deterministic layer. Adding one is data plus rules behind this
 * shape: a Hunspell dictionary, its word lists, its rules and explanation templates.
 */
export interface LanguageModule {
	code: string;
	/** Names of the files `create` needs; `FileLoader`s map them to URLs or paths. */
	files: readonly string[];
	templates: Templates;
	/** Builds the language's rules over its loaded files; the rules are then pure and synchronous. */
	create(files: LanguageFiles): Promise<LanguageRuntime>;
}

/** A language's loaded checker. */
export interface LanguageRuntime {
	/** What the rules find in a text. */
	find(text: string, mode: InputMode): Finding[];
	/** Whether the dictionary knows a word (as written, or capitalised at a sentence start). */
	spell(word: string): boolean;
}
