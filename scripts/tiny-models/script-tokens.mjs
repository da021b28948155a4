// Turns the fixed answers ("scripts") of the tiny text models into dedicated vocabulary entries.
//
// Why dedicated tokens: the model decides the next token from the previous token alone (a bigram
// chain), which is only unambiguous if no token occurs twice anywhere in any script and no script
// token can ever appear in a prompt. Script tokens are therefore plain BPE vocabulary entries that no
// merge rule produces (the tokenizer never emits them when encoding), and each script is cut into
// pieces that are unique across all scripts and distinct from every other vocabulary string.
import { toByteLevel } from './byte-level.mjs';

/**
 * Splits text into word-like pieces: optional leading whitespace, a word, trailing punctuation.
 * This is roughly how real tokenizers cut text, so streaming and sentence splitting behave alike.
 * @param {string} text
 * @returns {string[]} pieces whose concatenation is exactly `text`
 */
export function splitPieces(text) {
	const pieces = text.match(/\s*[^\s\p{P}\p{S}]+[\p{P}\p{S}]*|\s*[\p{P}\p{S}]+|\s+/gu) ?? [];
	if (pieces.join('') !== text)
		throw new Error(`Cannot split script text: ${JSON.stringify(text)}`);
	return pieces;
}

/**
 * Cuts every text into pieces whose byte-level spellings are unique and not in `reserved`.
 * A piece that collides absorbs the following piece; at the end of a text it merges backwards.
 * @param {string[]} texts distinct script texts, in order
 * @param {Iterable<string>} reserved byte-level strings already in the vocabulary
 * @returns {string[][]} per text, its pieces as byte-level vocabulary strings
 */
export function segmentScripts(texts, reserved) {
	const used = new Set(reserved);
	return texts.map((text) => {
		const pieces = splitPieces(text);
		/** @type {string[]} */
		const out = [];
		let i = 0;
		while (i < pieces.length) {
			let current = pieces[i++];
			while (used.has(toByteLevel(current)) && i < pieces.length) current += pieces[i++];
			while (used.has(toByteLevel(current))) {
				const previous = out.pop();
				if (previous === undefined) {
					throw new Error(
						`Script text collides with another vocabulary entry: ${JSON.stringify(text)}`
					);
				}
				used.delete(toByteLevel(previous));
				current = previous + current;
			}
			out.push(current);
			used.add(toByteLevel(current));
		}
		return out.map(toByteLevel);
	});
}

/**
 * @typedef {Object} ScriptVocabulary
 * @property {string[]} strings the new vocabulary strings, with ids `firstId`, `firstId + 1`, ...
 * @property {number[][]} tokens per text, the ids of its script tokens in order
 */

/**
 * Allocates script tokens for `texts` after the existing vocabulary.
 * @param {string[]} texts distinct script texts
 * @param {Iterable<string>} reserved byte-level strings already in the vocabulary
 * @param {number} firstId the id of the first new token
 * @returns {ScriptVocabulary}
 */
export function allocateScriptTokens(texts, reserved, firstId) {
	const segmented = segmentScripts(texts, reserved);
	/** @type {string[]} */
	const strings = [];
	const tokens = segmented.map((pieces) =>
		pieces.map((piece) => {
			strings.push(piece);
			return firstId + strings.length - 1;
		})
	);
	return { strings, tokens };
}

/**
 * Removes duplicate texts, keeping first occurrences, so two triggers can share one script.
 * @param {string[]} texts
 * @returns {{ distinct: string[], indexOf: (text: string) => number }}
 */
export function dedupeTexts(texts) {
	const distinct = [...new Set(texts)];
	return { distinct, indexOf: (text) => distinct.indexOf(text) };
}
