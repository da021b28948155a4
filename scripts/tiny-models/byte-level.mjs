// GPT-2 style byte-level alphabet, shared by the tiny LLM and the tiny Whisper tokenizers. Every
// UTF-8 byte maps to one printable character, so a vocabulary holding the 256 byte characters can
// encode any text (German umlauts, emoji, control characters) without an unknown token.

/** @type {string[]} index = byte value */
export const BYTE_TO_CHAR = (() => {
	const printable = [];
	for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
	for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
	for (let b = 0xae; b <= 0xff; b++) printable.push(b);
	const table = new Array(256);
	let shifted = 0;
	for (let b = 0; b < 256; b++) {
		// Printable Latin-1 bytes stand for themselves; the rest are moved past U+00FF, exactly as
		// GPT-2 does, so that the ByteLevel pre-tokenizer and decoder of tokenizers.js agree with us.
		table[b] = String.fromCharCode(printable.includes(b) ? b : 256 + shifted++);
	}
	return table;
})();

const encoder = new TextEncoder();

/**
 * @param {string} text
 * @returns {string} the byte-level spelling of `text` (what the BPE model sees)
 */
export function toByteLevel(text) {
	return Array.from(encoder.encode(text), (b) => BYTE_TO_CHAR[b]).join('');
}

/**
 * A ByteLevel pre-tokenizer/decoder config as it appears in tokenizer.json.
 * @param {boolean} useRegex whether to split on GPT-2's word pattern before BPE
 */
export function byteLevelStep(useRegex) {
	return { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: useRegex };
}

/**
 * An added-token entry for tokenizer.json.
 * @param {number} id
 * @param {string} content
 * @param {boolean} [special]
 */
export function addedToken(id, content, special = true) {
	return {
		id,
		content,
		single_word: false,
		lstrip: false,
		rstrip: false,
		normalized: false,
		special
	};
}

/**
 * The `added_tokens_decoder` map of tokenizer_config.json for the given added tokens.
 * @param {{ id: number, content: string, special: boolean }[]} tokens
 */
export function addedTokensDecoder(tokens) {
	/** @type {Record<string, object>} */
	const out = {};
	for (const t of tokens) {
		out[String(t.id)] = {
			content: t.content,
			lstrip: false,
			normalized: false,
			rstrip: false,
			single_word: false,
			special: t.special
		};
	}
	return out;
}

/**
 * A complete byte-level BPE tokenizer.json: no normalizer, no post-processor, a ByteLevel decoder.
 * @param {Object} parts
 * @param {string[]} parts.vocab model vocabulary, ids in array order
 * @param {[string, string][]} parts.merges BPE merges, highest priority first
 * @param {ReturnType<typeof addedToken>[]} parts.added special tokens, with ids after the vocabulary
 * @param {boolean} parts.useRegex whether the pre-tokenizer splits words first (GPT-2 style)
 */
export function byteLevelTokenizer({ vocab, merges, added, useRegex }) {
	return {
		version: '1.0',
		truncation: null,
		padding: null,
		added_tokens: added,
		normalizer: null,
		pre_tokenizer: byteLevelStep(useRegex),
		post_processor: null,
		decoder: byteLevelStep(useRegex),
		model: {
			type: 'BPE',
			dropout: null,
			unk_token: null,
			continuing_subword_prefix: null,
			end_of_word_suffix: null,
			fuse_unk: false,
			byte_fallback: false,
			ignore_merges: false,
			vocab: Object.fromEntries(vocab.map((token, i) => [token, i])),
			merges
		}
	};
}
