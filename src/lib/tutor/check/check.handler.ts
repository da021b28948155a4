import { AppError } from '$lib/errors';
import type { Handlers } from '$lib/workers/server';
import type { CheckProtocol } from './check.protocol';
import { createChecker, type TextChecker } from './checker';
import type { FileLoader } from './language';

/** A sentence that takes every rule's path once, so the first real check does not pay for JIT. */
const WARM_UP: Record<string, string> = {
	de: 'Gestern ich habe eine Buch gekauft, weil ich habe hunger und Zeitt.'
};

function badInput(message: string): AppError {
	return new AppError(message, { code: 'tutor/bad-check-request', expected: false });
}

/**
 * The check worker's handlers, free of Worker globals: the tests drive them with plain objects.
 * Each language's checker is created once; a failed load is forgotten so the next call retries.
 */
export function createCheckHandlers(files: FileLoader): Handlers<CheckProtocol> {
	const checkers = new Map<string, Promise<TextChecker>>();

	function checker(language: string): Promise<TextChecker> {
		let loading = checkers.get(language);
		if (!loading) {
			loading = createChecker(language, files).then((loaded) => {
				const sample = WARM_UP[language];
				if (sample) loaded.check(sample, { mode: 'typed' });
				return loaded;
			});
			loading.catch(() => checkers.delete(language));
			checkers.set(language, loading);
		}
		return loading;
	}

	return {
		async load({ language }) {
			const loaded = await checker(language);
			return { language, loadMs: loaded.loadMs };
		},
		async check({ text, mode, language, explain }, { signal }) {
			if (typeof text !== 'string') throw badInput('The text to check is missing.');
			if (mode !== 'typed' && mode !== 'spoken') throw badInput(`Unknown input mode “${mode}”.`);
			const loaded = await checker(language);
			signal.throwIfAborted();
			const started = performance.now();
			const result = loaded.check(text, { mode, explain });
			return { ...result, ms: performance.now() - started };
		},
		async spell({ words, language }) {
			if (!Array.isArray(words) || words.some((w) => typeof w !== 'string')) {
				throw badInput('The words to look up must be a list of strings.');
			}
			const loaded = await checker(language);
			return { known: loaded.spell(words) };
		}
	};
}
