import { AppError } from '$lib/errors';
import type { FileLoader } from './language';
// dictionary-de exports only its Node entry, so its files are imported by path. Vite copies them
// into the build as assets of the app's own origin: the dictionary never comes from the network.
import deAff from '../../../../node_modules/dictionary-de/index.aff?url';
import deDic from '../../../../node_modules/dictionary-de/index.dic?url';
import deNouns from './de/data/nouns.txt?url';
import deVerbs from './de/data/verbs.txt?url';

const URLS: Record<string, Record<string, string>> = {
	de: { aff: deAff, dic: deDic, nouns: deNouns, verbs: deVerbs }
};

/** Every file a language's checker loads, for keeping them offline. */
export const CHECK_FILE_URLS: Record<string, readonly string[]> = Object.fromEntries(
	Object.entries(URLS).map(([language, files]) => [language, Object.values(files)])
);

/** The browser (the check worker): the files as assets of the app's own origin. */
export const browserFiles: FileLoader = async (language, name) => {
	const url = URLS[language]?.[name];
	if (!url) throw new Error(`No file “${name}” for language “${language}”.`);
	const response = await fetch(url);
	if (!response.ok) {
		throw new AppError(
			`The ${language} dictionary could not be loaded (${response.status}); corrections are off until the app is reloaded online once.`,
			{ code: 'tutor/dictionary-unavailable', expected: true }
		);
	}
	return new Uint8Array(await response.arrayBuffer());
};
