// tiny-embed: a BERT contract (input_ids, attention_mask, token_type_ids -> last_hidden_state) with
// a lower-casing WordPiece tokenizer and 384-dimensional outputs, like all-MiniLM-L6-v2.
//
// How the weights encode meaning: each token's hidden state is its embedding row, nothing more.
// A row is weight * direction, where the direction is a seeded random unit vector named after the
// token's concept. Every form of a dictionary concept (English and German) shares one direction,
// content words weigh 1, function words 0.05, word pieces and single characters 0.02. Mean pooling
// then yields a weighted bag of concepts, and because random directions in 384 dimensions are nearly
// orthogonal, cosine similarity measures how much content two sentences share, across languages.
import { EMBED_DICTIONARY, EMBED_FUNCTION_WORDS } from './embed-dictionary.mjs';
import { DataType, encodeModel, GraphBuilder } from './onnx-graph.mjs';
import { unitVector } from './prng.mjs';

export const EMBED_ID = 'kompanion-test/tiny-embed';
export const EMBED_HIDDEN_SIZE = 384;
export const EMBED_WEIGHTS = Object.freeze({
	content: 1,
	function: 0.05,
	piece: 0.02,
	special: 0.01
});
export { EMBED_DICTIONARY, EMBED_FUNCTION_WORDS };

const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const LETTERS = [...'abcdefghijklmnopqrstuvwxyzäöüß'];
const DIGITS = [...'0123456789'];
const PUNCTUATION = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'];
// Common endings, so an inflected form the dictionary lacks ("hundes") keeps its stem ("hunde").
const SUFFIXES = ['s', 'e', 'n', 't', 'en', 'er', 'es', 'em', 'st', 'ed', 'ing', 'ly'];

/**
 * @typedef {Object} TinyEmbedOptions
 * @property {string} [id] default {@link EMBED_ID}
 */

/**
 * The vocabulary with each token's concept and weight; ids follow array order.
 * @returns {{ token: string, concept: string, weight: number }[]}
 */
function vocabulary() {
	/** @type {Map<string, { token: string, concept: string, weight: number }>} */
	const entries = new Map();
	/**
	 * @param {string} token
	 * @param {string} concept
	 * @param {number} weight
	 */
	const add = (token, concept, weight) => {
		if (!entries.has(token)) entries.set(token, { token, concept, weight });
	};
	for (const s of SPECIALS)
		add(
			s,
			s === '[CLS]' || s === '[SEP]' ? 'sentence' : s,
			s === '[PAD]' ? 0 : EMBED_WEIGHTS.special
		);
	for (const { concept, en, de } of EMBED_DICTIONARY) {
		for (const form of [...en, ...de]) add(form, `concept:${concept}`, EMBED_WEIGHTS.content);
	}
	for (const word of EMBED_FUNCTION_WORDS) add(word, `function:${word}`, EMBED_WEIGHTS.function);
	for (const c of [...LETTERS, ...DIGITS, ...PUNCTUATION]) add(c, `char:${c}`, EMBED_WEIGHTS.piece);
	for (const c of [...LETTERS, ...DIGITS]) add(`##${c}`, `char:${c}`, EMBED_WEIGHTS.piece);
	for (const s of SUFFIXES) add(`##${s}`, `suffix:${s}`, EMBED_WEIGHTS.piece);
	return [...entries.values()];
}

/**
 * Builds the tiny embedding model's files.
 * @param {TinyEmbedOptions} [options]
 * @returns {import('./tiny-llm.mjs').ModelFiles}
 */
export function buildTinyEmbed({ id = EMBED_ID } = {}) {
	const vocab = vocabulary();
	const V = vocab.length;
	const H = EMBED_HIDDEN_SIZE;
	const table = new Float32Array(V * H);
	vocab.forEach(({ concept, weight }, i) => {
		if (weight === 0) return;
		const direction = unitVector(concept, H);
		for (let j = 0; j < H; j++) table[i * H + j] = weight * direction[j];
	});

	const g = new GraphBuilder('tiny_embed');
	const inputIds = g.input('input_ids', DataType.INT64, ['batch_size', 'sequence_length']);
	const attentionMask = g.input('attention_mask', DataType.INT64, [
		'batch_size',
		'sequence_length'
	]);
	const tokenTypes = g.input('token_type_ids', DataType.INT64, ['batch_size', 'sequence_length']);
	const words = g.op('Gather', [
		g.weight('embeddings.word_embeddings.weight', [V, H], table),
		inputIds
	]);
	// Segment embeddings exist for the contract; they are zero so sentence pairs embed like singles.
	const segments = g.op('Gather', [
		g.weight('embeddings.token_type_embeddings.weight', [2, H], new Float32Array(2 * H)),
		tokenTypes
	]);
	const keep = g.op('Unsqueeze', [
		g.op('Cast', [attentionMask], { to: DataType.FLOAT }),
		g.int64([-1])
	]);
	const hidden = g.op('Mul', [g.op('Add', [words, segments]), keep]);
	g.output('last_hidden_state', hidden, DataType.FLOAT, ['batch_size', 'sequence_length', H]);

	const added = SPECIALS.map((content, i) => ({
		id: i,
		content,
		single_word: false,
		lstrip: false,
		rstrip: false,
		normalized: false,
		special: true
	}));
	/** @param {string} token */
	const special = (token) => ({ id: token, ids: [SPECIALS.indexOf(token)], tokens: [token] });
	/**
	 * @param {'A' | 'B'} sequence
	 * @param {number} typeId
	 */
	const seq = (sequence, typeId) => ({ Sequence: { id: sequence, type_id: typeId } });
	/**
	 * @param {string} token
	 * @param {number} typeId
	 */
	const tok = (token, typeId) => ({ SpecialToken: { id: token, type_id: typeId } });
	return {
		id,
		files: {
			'config.json': {
				architectures: ['BertModel'],
				model_type: 'bert',
				hidden_size: H,
				num_attention_heads: 12,
				num_hidden_layers: 1,
				intermediate_size: 4 * H,
				max_position_embeddings: 512,
				type_vocab_size: 2,
				vocab_size: V,
				pad_token_id: 0,
				torch_dtype: 'float32',
				'transformers.js_config': { dtype: 'fp32' },
				kompanion_tiny_model: { family: 'embed', weights: EMBED_WEIGHTS }
			},
			'tokenizer.json': {
				version: '1.0',
				truncation: null,
				padding: null,
				added_tokens: added,
				normalizer: {
					type: 'Sequence',
					normalizers: [
						{ type: 'NFC' },
						{
							type: 'BertNormalizer',
							clean_text: true,
							handle_chinese_chars: true,
							strip_accents: false,
							lowercase: true
						}
					]
				},
				pre_tokenizer: { type: 'BertPreTokenizer' },
				post_processor: {
					type: 'TemplateProcessing',
					single: [tok('[CLS]', 0), seq('A', 0), tok('[SEP]', 0)],
					pair: [tok('[CLS]', 0), seq('A', 0), tok('[SEP]', 0), seq('B', 1), tok('[SEP]', 1)],
					special_tokens: { '[CLS]': special('[CLS]'), '[SEP]': special('[SEP]') }
				},
				decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
				model: {
					type: 'WordPiece',
					unk_token: '[UNK]',
					continuing_subword_prefix: '##',
					max_input_chars_per_word: 100,
					vocab: Object.fromEntries(vocab.map(({ token }, i) => [token, i]))
				}
			},
			'tokenizer_config.json': {
				clean_up_tokenization_spaces: true,
				cls_token: '[CLS]',
				do_lower_case: true,
				mask_token: '[MASK]',
				model_max_length: 512,
				pad_token: '[PAD]',
				sep_token: '[SEP]',
				strip_accents: false,
				tokenize_chinese_chars: true,
				tokenizer_class: 'BertTokenizer',
				unk_token: '[UNK]'
			},
			'onnx/model.onnx': encodeModel(
				g,
				'Kompanion tiny embedding model: bag of concepts with a German-English dictionary.'
			)
		}
	};
}
