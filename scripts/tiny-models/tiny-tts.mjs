// tiny-tts: a VITS contract (input_ids, attention_mask -> waveform) with a character tokenizer.
// Every token becomes exactly SAMPLES_PER_TOKEN samples: letters, digits and unknown characters a
// short tone (amplitude 0.3, pitch depending on the character), spaces and punctuation silence.
// The weights are the sound itself: one row of samples per vocabulary entry, looked up and laid
// end to end, so the output length is a pure function of the token count.
import { DataType, encodeModel, GraphBuilder } from './onnx-graph.mjs';

export const TTS_ID = 'kompanion-test/tiny-tts';
export const TTS_SAMPLING_RATE = 16000;
/** 0.06 s per character at 16 kHz. */
export const TTS_SAMPLES_PER_TOKEN = 960;
export const TTS_AMPLITUDE = 0.3;

const VOICED = [...'abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ0123456789'];
const SILENT = [...' .,!?;:\'"-()…'];
export const TTS_VOCAB = Object.freeze(['<pad>', '<unk>', ...SILENT, ...VOICED]);
const FADE = 64; // 4 ms raised-cosine ramps, so tones start and stop without clicks

/**
 * @typedef {Object} TinyTtsOptions
 * @property {string} [id] default {@link TTS_ID}
 */

/**
 * Number of waveform samples for a text of `tokenCount` tokens (one token per character; a batch is
 * padded to its longest text, and padding is silent).
 * @param {number} tokenCount
 */
export function ttsSampleCount(tokenCount) {
	return tokenCount * TTS_SAMPLES_PER_TOKEN;
}

/**
 * The tone of a voiced token: two octaves of semitones from 110 Hz, cycling through the alphabet,
 * so neighbouring letters differ in pitch and upper and lower case sound alike.
 * @param {string} token
 */
function toneFrequency(token) {
	if (token === '<unk>') return 110;
	const index = VOICED.indexOf(token.toLowerCase());
	return 110 * 2 ** ((index % 24) / 12);
}

/**
 * Builds the tiny TTS model's files.
 * @param {TinyTtsOptions} [options]
 * @returns {import('./tiny-llm.mjs').ModelFiles}
 */
export function buildTinyTts({ id = TTS_ID } = {}) {
	const V = TTS_VOCAB.length;
	const L = TTS_SAMPLES_PER_TOKEN;
	const table = new Float32Array(V * L);
	TTS_VOCAB.forEach((token, row) => {
		if (token === '<pad>' || SILENT.includes(token)) return;
		const frequency = toneFrequency(token);
		for (let i = 0; i < L; i++) {
			const edge = Math.min(i, L - 1 - i);
			const envelope = edge < FADE ? 0.5 - 0.5 * Math.cos((Math.PI * edge) / FADE) : 1;
			table[row * L + i] =
				TTS_AMPLITUDE * envelope * Math.sin((2 * Math.PI * frequency * i) / TTS_SAMPLING_RATE);
		}
	});

	const g = new GraphBuilder('tiny_tts');
	const inputIds = g.input('input_ids', DataType.INT64, ['batch_size', 'sequence_length']);
	const attentionMask = g.input('attention_mask', DataType.INT64, [
		'batch_size',
		'sequence_length'
	]);
	const frames = g.op('Gather', [g.weight('decoder.token_waveforms', [V, L], table), inputIds]);
	const keep = g.op('Unsqueeze', [
		g.op('Cast', [attentionMask], { to: DataType.FLOAT }),
		g.int64([-1])
	]);
	const waveform = g.op('Reshape', [g.op('Mul', [frames, keep]), g.int64([0, -1])]);
	g.output('waveform', waveform, DataType.FLOAT, ['batch_size', 'num_samples']);

	const specials = ['<pad>', '<unk>'].map((content, i) => ({
		id: i,
		content,
		single_word: false,
		lstrip: false,
		rstrip: false,
		normalized: false,
		special: true
	}));
	return {
		id,
		files: {
			'config.json': {
				architectures: ['VitsModel'],
				model_type: 'vits',
				sampling_rate: TTS_SAMPLING_RATE,
				hidden_size: 16,
				vocab_size: V,
				pad_token_id: 0,
				torch_dtype: 'float32',
				'transformers.js_config': { dtype: 'fp32' },
				kompanion_tiny_model: { family: 'tts', samplesPerToken: L, amplitude: TTS_AMPLITUDE }
			},
			'tokenizer.json': {
				version: '1.0',
				truncation: null,
				padding: null,
				added_tokens: specials,
				// NFC first, so a decomposed "ü" (u + combining diaeresis) is still one known character.
				normalizer: { type: 'NFC' },
				pre_tokenizer: null,
				post_processor: null,
				decoder: null,
				// A BPE model without merges splits text into single characters; unknown ones become <unk>.
				model: {
					type: 'BPE',
					dropout: null,
					unk_token: '<unk>',
					continuing_subword_prefix: null,
					end_of_word_suffix: null,
					fuse_unk: false,
					byte_fallback: false,
					ignore_merges: false,
					vocab: Object.fromEntries(TTS_VOCAB.map((token, i) => [token, i])),
					merges: []
				}
			},
			'tokenizer_config.json': {
				add_blank: false,
				clean_up_tokenization_spaces: false,
				normalize: false,
				pad_token: '<pad>',
				tokenizer_class: 'VitsTokenizer',
				unk_token: '<unk>'
			},
			'onnx/model.onnx': encodeModel(g, 'Kompanion tiny TTS: a fixed-length tone per character.')
		}
	};
}
