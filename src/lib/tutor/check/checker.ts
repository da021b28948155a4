import { AppError } from '$lib/errors';
import type { CheckResult } from '../types';
import type { CheckOptions } from './finding';
import type { FileLoader, LanguageFiles } from './language';
import { LANGUAGES } from './registry';
import { buildResult } from './result';

export class UnsupportedLanguageError extends AppError {
	override name = 'UnsupportedLanguageError';
	constructor(language: string) {
		super(`Corrections are not available for “${language}” yet; they work for German (de).`, {
			code: 'tutor/unsupported-language',
			expected: true
		});
	}
}

export interface TextChecker {
	language: string;
	/** How long loading the dictionary and word lists took, in ms. */
	loadMs: number;
	check(text: string, options: Omit<CheckOptions, 'language'>): CheckResult;
	/**
	 * Whether the dictionary knows each word: for checking another layer's corrections (a
	 * "correction" that introduces an unknown word is dropped).
	 */
	spell(words: readonly string[]): boolean[];
}

/** Loads a language's dictionary and rules once; checking is then synchronous and pure. */
export async function createChecker(language: string, load: FileLoader): Promise<TextChecker> {
	const module = LANGUAGES[language];
	if (!module) throw new UnsupportedLanguageError(language);
	const started = performance.now();
	const entries = await Promise.all(
		module.files.map(async (name) => [name, await load(language, name)] as const)
	);
	const runtime = await module.create(Object.fromEntries(entries) as LanguageFiles);
	const loadMs = performance.now() - started;
	return {
		language,
		loadMs,
		check(text, { mode, explain = 'en' }) {
			return buildResult(text, runtime.find(text, mode), module.templates, explain);
		},
		spell: (words) => words.map((word) => runtime.spell(word))
	};
}
