// Entry point of the tiny-model generator: builds the stand-in models and writes them below an
// output root in the folder layout transformers.js loads (`<root>/<id>/config.json`, `onnx/...`).
// See docs/tiny-models.md for what each model does.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTinyEmbed } from './tiny-embed.mjs';
import { buildTinyKokoro } from './tiny-kokoro.mjs';
import {
	DEFAULT_LLM_SCRIPTS,
	LLM_LEARNER_SENTENCE,
	LLM_LIFE_ID,
	LLM_LIFE_INVALID_DAY,
	LLM_LIFE_REPLY,
	LLM_LONG_ID,
	LLM_LONG_REPLY,
	buildTinyLlm
} from './tiny-llm.mjs';
import { buildTinyPiper } from './tiny-piper.mjs';
import { buildTinyTts } from './tiny-tts.mjs';
import { buildTinyWhisper } from './tiny-whisper.mjs';
import { writeModel } from './write.mjs';

export * from './tiny-embed.mjs';
export * from './tiny-kokoro.mjs';
export * from './tiny-llm.mjs';
export * from './tiny-piper.mjs';
export * from './tiny-tts.mjs';
export * from './tiny-whisper.mjs';
export { serialise, writeModel } from './write.mjs';

/** The Whisper variant that hears the learner sentence with its mistakes. */
export const WHISPER_LEARNER_ID = 'kompanion-test/tiny-whisper-learner';

const HERE = dirname(fileURLToPath(import.meta.url));
const STAMP_FILE = '.tiny-models-stamp.json';

/** The default output root, relative to the repository root. */
export const DEFAULT_MODELS_DIR = join(
	HERE,
	'..',
	'..',
	'tests',
	'fixtures',
	'.generated',
	'models'
);

/** @returns {import('./tiny-llm.mjs').ModelFiles[]} the default models, in memory */
export function buildAllTinyModels() {
	return [
		buildTinyLlm(),
		buildTinyLlm({
			id: LLM_LONG_ID,
			scripts: [
				{ text: LLM_LONG_REPLY },
				...DEFAULT_LLM_SCRIPTS.filter((script) => 'trigger' in script && script.trigger)
			]
		}),
		// The life simulation's: the rewrite first (its prompt also says JSON), then the default
		// triggers (so memory formation and corrections answer as usual), then Lena's bakery.
		buildTinyLlm({
			id: LLM_LIFE_ID,
			scripts: [
				{ trigger: 'diary rewrite', text: LLM_LIFE_INVALID_DAY },
				...DEFAULT_LLM_SCRIPTS.filter((script) => 'trigger' in script && script.trigger),
				{ trigger: 'Bäckerei Kaya', text: LLM_LIFE_REPLY },
				...DEFAULT_LLM_SCRIPTS.filter((script) => !('trigger' in script && script.trigger))
			]
		}),
		buildTinyWhisper(),
		// A learner who makes mistakes (the tutor's call test): German heard as the learner sentence.
		buildTinyWhisper({
			id: WHISPER_LEARNER_ID,
			transcripts: { de: ` ${LLM_LEARNER_SENTENCE}`, en: ' Hello, my name is Anna.' },
			fallbackLanguage: 'en'
		}),
		buildTinyEmbed(),
		buildTinyTts(),
		buildTinyKokoro(),
		buildTinyPiper()
	];
}

/**
 * A hash of the generator's own source. The output is a pure function of it (no randomness, no
 * clock), so an equal hash means the files on disk are already what a run would write.
 * @returns {Promise<string>}
 */
export async function generatorHash() {
	const hash = createHash('sha256');
	const files = (await readdir(HERE)).filter((name) => name.endsWith('.mjs')).sort();
	for (const name of files) {
		hash.update(name);
		hash.update(await readFile(join(HERE, name)));
	}
	return hash.digest('hex');
}

/**
 * @typedef {Object} GenerateResult
 * @property {boolean} skipped true when an up-to-date copy was already there
 * @property {{ path: string, bytes: number }[]} files every model file (written or found)
 * @property {number} milliseconds time spent
 */

/**
 * Writes the default models below `outDir`, unless the stamp from an earlier run with the same
 * generator source is present and every file it lists still exists with its recorded size.
 * @param {string} [outDir] default {@link DEFAULT_MODELS_DIR}
 * @param {{ force?: boolean }} [options] `force` rewrites even when up to date
 * @returns {Promise<GenerateResult>}
 */
export async function generateTinyModels(outDir = DEFAULT_MODELS_DIR, { force = false } = {}) {
	const started = performance.now();
	const hash = await generatorHash();
	const stampPath = join(outDir, STAMP_FILE);
	if (!force) {
		const previous = await readStamp(stampPath);
		const files = previous?.files.map((file) => ({
			path: join(outDir, file.path),
			bytes: file.bytes
		}));
		if (previous?.hash === hash && files && (await filesIntact(files))) {
			return { skipped: true, files, milliseconds: performance.now() - started };
		}
	}
	/** @type {{ path: string, bytes: number }[]} */
	const files = [];
	for (const model of buildAllTinyModels()) files.push(...(await writeModel(outDir, model)));
	await mkdir(outDir, { recursive: true });
	// Paths in the stamp are relative, so the whole folder is byte-identical wherever it is made.
	const stamped = files.map((file) => ({ path: relative(outDir, file.path), bytes: file.bytes }));
	await writeFile(stampPath, `${JSON.stringify({ hash, files: stamped }, null, 2)}\n`);
	return { skipped: false, files, milliseconds: performance.now() - started };
}

/**
 * @param {string} path
 * @returns {Promise<{ hash: string, files: { path: string, bytes: number }[] } | null>}
 */
async function readStamp(path) {
	try {
		return JSON.parse(await readFile(path, 'utf8'));
	} catch (error) {
		// A missing or torn stamp only means "regenerate".
		if (error instanceof SyntaxError || isMissing(error)) return null;
		throw error;
	}
}

/**
 * @param {unknown} error
 * @returns {boolean} whether a file operation failed because the file does not exist
 */
function isMissing(error) {
	return /** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT';
}

/**
 * @param {{ path: string, bytes: number }[]} files
 * @returns {Promise<boolean>}
 */
async function filesIntact(files) {
	for (const file of files) {
		try {
			if ((await stat(file.path)).size !== file.bytes) return false;
		} catch (error) {
			if (isMissing(error)) return false;
			throw error;
		}
	}
	return true;
}
