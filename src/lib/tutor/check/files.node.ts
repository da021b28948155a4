import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileLoader } from './language';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const hunspellDe = dirname(require.resolve('dictionary-de'));

const PATHS: Record<string, Record<string, string>> = {
	de: {
		aff: join(hunspellDe, 'index.aff'),
		dic: join(hunspellDe, 'index.dic'),
		nouns: join(here, 'de/data/nouns.txt'),
		verbs: join(here, 'de/data/verbs.txt')
	}
};

/** Node (tests, bench): the dictionary from node_modules, the word lists from the source tree. */
export const nodeFiles: FileLoader = async (language, name) => {
	const path = PATHS[language]?.[name];
	if (!path) throw new Error(`No file “${name}” for language “${language}”.`);
	return new Uint8Array(await readFile(path));
};
