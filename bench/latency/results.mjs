// The benchmark's results cache: one JSON file per configuration under .cache/latency, written
// after every measurement, so an interrupted run resumes where it stopped.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const RESULTS_DIR = join(here, '..', '..', '.cache', 'latency');

/**
 * @typedef {Object} Config
 * @property {string} path what runs the models, e.g. `node-cpu` (onnxruntime-node, 2 threads)
 * @property {string} stt `whisper-tiny` | `whisper-base`
 * @property {string} voice `vits` | `kokoro`
 * @property {number} promptTokens the prompt the LLM prefills
 * @property {number} silenceMs the end-of-turn silence
 */

/** @param {Config} config */
export function configKey(config) {
	return `${config.path}.${config.stt}.${config.voice}.p${config.promptTokens}.s${config.silenceMs}`;
}

/** @param {string} key @returns {Promise<Record<string, any>>} */
export async function readResults(key) {
	return readFile(join(RESULTS_DIR, `${key}.json`), 'utf8').then(JSON.parse, () => ({}));
}

/** @param {string} key @param {Record<string, any>} results */
export async function writeResults(key, results) {
	await mkdir(RESULTS_DIR, { recursive: true });
	await writeFile(join(RESULTS_DIR, `${key}.json`), `${JSON.stringify(results, null, 2)}\n`);
}
