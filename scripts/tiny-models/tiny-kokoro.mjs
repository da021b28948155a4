// tiny-kokoro: the contract of onnx-community/Kokoro-82M-v1.0-ONNX as kokoro-js loads it
// (StyleTextToSpeech2Model + a character tokenizer over Kokoro's phoneme vocabulary). The graph
// takes input_ids [1, T], style [1, 256] and speed [1] and returns waveform [N]: a fixed number of
// samples per token (a tone per phoneme, silence for pads, spaces and punctuation), divided by the
// speed, scaled by a gain computed from the style vector, so tests can see which vector arrived.
import { DataType, encodeModel, GraphBuilder } from './onnx-graph.mjs';
import { unitVector } from './prng.mjs';

export const KOKORO_ID = 'kompanion-test/tiny-kokoro';
export const KOKORO_SAMPLING_RATE = 24000;
/** 25 ms per token at 24 kHz. */
export const KOKORO_SAMPLES_PER_TOKEN = 600;
export const KOKORO_STYLE_DIM = 256;

/**
 * Kokoro-82M's phoneme vocabulary (its config.json `vocab`): one id per character, with gaps, and
 * `$` (0) as pad, start and end. The tokenizer drops any other character.
 */
export const KOKORO_VOCAB = Object.freeze(
	Object.fromEntries([
		['$', 0],
		...[...';:,.!?'].map((c, i) => [c, i + 1]),
		...[...'—…"()“” \u0303ʣʥʦʨᵝꭧA'].map((c, i) => [c, i + 9]),
		['I', 25],
		['O', 31],
		['Q', 33],
		['S', 35],
		['T', 36],
		['W', 39],
		['Y', 41],
		['ᵊ', 42],
		...[...'abcdef'].map((c, i) => [c, i + 43]),
		...[...'hijklmnopqrstuvwxyzɑɐɒæ'].map((c, i) => [c, i + 50]),
		...[...'βɔɕç'].map((c, i) => [c, i + 75]),
		...[...'ɖðʤə'].map((c, i) => [c, i + 80]),
		...[...'ɚɛɜ'].map((c, i) => [c, i + 85]),
		['ɟ', 90],
		['ɡ', 92],
		['ɥ', 99],
		...[...'ɨɪʝ'].map((c, i) => [c, i + 101]),
		...[...'ɯɰŋɳɲɴø'].map((c, i) => [c, i + 110]),
		...[...'ɸθœ'].map((c, i) => [c, i + 118]),
		['ɹ', 123],
		...[...'ɾɻ'].map((c, i) => [c, i + 125]),
		...[...'ʁɽʂʃʈʧ'].map((c, i) => [c, i + 128]),
		...[...'ʊʋ'].map((c, i) => [c, i + 135]),
		...[...'ʌɣɤ'].map((c, i) => [c, i + 138]),
		...[...'χʎ'].map((c, i) => [c, i + 142]),
		...[...'ʒʔ'].map((c, i) => [c, i + 147]),
		...[...'ˈˌː'].map((c, i) => [c, i + 156]),
		['ʰ', 162],
		['ʲ', 164],
		['↓', 169],
		...[...'→↗↘'].map((c, i) => [c, i + 171]),
		['ᵻ', 177]
	])
);

/** Tokens that are silence: the pad and everything Kokoro treats as a pause. */
const SILENT = new Set(['$', ...';:,.!?—…"()“” ']);
const FADE = 48; // 2 ms raised-cosine ramps, so tones start and stop without clicks

/**
 * Number of waveform samples for `tokenCount` input ids (the tokenizer adds `$` at both ends, so
 * a phoneme string of n characters gives n + 2 ids), as the graph computes it in float32.
 * @param {number} tokenCount
 * @param {number} [speed] kokoro-js's `speed` option
 */
export function kokoroSampleCount(tokenCount, speed = 1) {
	const samples = Math.fround(tokenCount * KOKORO_SAMPLES_PER_TOKEN);
	return Math.floor(Math.fround(samples / Math.fround(speed)));
}

/** The direction in style space the tiny model listens to: a seeded unit vector. */
export const KOKORO_STYLE_DIRECTION = unitVector('tiny-kokoro:style', KOKORO_STYLE_DIM);

/**
 * The gain a style vector gives the waveform, which is also its peak (every voiced token's tone
 * peaks at exactly 1): `0.3 + 0.2 * tanh(4 * style · direction)`, so always between 0.1 and 0.5;
 * 0.3 for a zero vector. Kokoro's voices differ along the direction (for a short sentence Heart
 * gives about 0.21, Emma about 0.33).
 * @param {ArrayLike<number>} style
 */
export function kokoroStyleGain(style) {
	let projection = 0;
	for (let i = 0; i < KOKORO_STYLE_DIM; i++) projection += style[i] * KOKORO_STYLE_DIRECTION[i];
	return 0.3 + 0.2 * Math.tanh(4 * projection);
}

/**
 * The tone of a voiced token: two octaves of semitones from 110 Hz, cycling through the ids, with
 * short fades, normalised so its peak is exactly 1.
 * @param {number} id
 * @returns {Float32Array}
 */
function tone(id) {
	const L = KOKORO_SAMPLES_PER_TOKEN;
	const frequency = 110 * 2 ** ((id % 24) / 12);
	const samples = new Float32Array(L);
	for (let i = 0; i < L; i++) {
		const edge = Math.min(i, L - 1 - i);
		const envelope = edge < FADE ? 0.5 - 0.5 * Math.cos((Math.PI * edge) / FADE) : 1;
		samples[i] = envelope * Math.sin((2 * Math.PI * frequency * i) / KOKORO_SAMPLING_RATE);
	}
	const peak = samples.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
	return samples.map((v) => v / peak);
}

/**
 * @typedef {Object} TinyKokoroOptions
 * @property {string} [id] default {@link KOKORO_ID}
 */

/**
 * Builds the tiny Kokoro's files. `onnx/model.onnx` and `onnx/model_quantized.onnx` hold the same
 * fp32 graph: kokoro-js asks for the dtype the app passes (q8 by default), which transformers.js
 * turns into the `_quantized` file name.
 * @param {TinyKokoroOptions} [options]
 * @returns {import('./tiny-llm.mjs').ModelFiles}
 */
export function buildTinyKokoro({ id = KOKORO_ID } = {}) {
	const L = KOKORO_SAMPLES_PER_TOKEN;
	const V = Math.max(...Object.values(KOKORO_VOCAB)) + 1;
	const table = new Float32Array(V * L);
	for (const [token, row] of Object.entries(KOKORO_VOCAB)) {
		if (!SILENT.has(token)) table.set(tone(row), row * L);
	}

	const g = new GraphBuilder('tiny_kokoro');
	const inputIds = g.input('input_ids', DataType.INT64, [1, 'sequence_length']);
	const style = g.input('style', DataType.FLOAT, [1, KOKORO_STYLE_DIM]);
	const speed = g.input('speed', DataType.FLOAT, [1]);

	// Output length: floor(T * L / speed) samples.
	const ids = g.op('Reshape', [inputIds, g.int64([-1])]);
	const tokenCount = g.op('Shape', [ids]);
	const lastToken = g.op('Sub', [tokenCount, g.int64([1])]);
	const length = g.op('Floor', [
		g.op('Div', [
			g.op('Mul', [g.op('Cast', [tokenCount], { to: DataType.FLOAT }), g.float([L])]),
			speed
		])
	]);
	const samples = g.op('Range', [
		g.int64(0),
		g.op('Squeeze', [g.op('Cast', [length], { to: DataType.INT64 }), g.int64([0])]),
		g.int64(1)
	]);

	// Output sample n plays source position u = n * speed: token k = floor(u / L), sample
	// p = floor(u) - k * L of that token's row in the table.
	const u = g.op('Mul', [g.op('Cast', [samples], { to: DataType.FLOAT }), speed]);
	const k = g.op('Floor', [g.op('Div', [u, g.float([L])])]);
	const p = g.op('Sub', [g.op('Floor', [u]), g.op('Mul', [k, g.float([L])])]);
	const position = g.op('Min', [
		g.op('Cast', [k], { to: DataType.INT64 }),
		g.op('Reshape', [lastToken, g.int64([])])
	]);
	const offset = g.op('Cast', [g.op('Clip', [p, g.float(0), g.float(L - 1)])], {
		to: DataType.INT64
	});
	const token = g.op('Gather', [ids, position]);
	const index = g.op('Add', [g.op('Mul', [token, g.int64(L)]), offset]);
	const sound = g.op('Gather', [g.weight('decoder.token_waveforms', [V * L], table), index]);

	// Style gain, as kokoroStyleGain: 0.3 + 0.2 * tanh(4 * style · direction).
	const direction = g.weight(
		'style.direction',
		[KOKORO_STYLE_DIM, 1],
		Float32Array.from(KOKORO_STYLE_DIRECTION)
	);
	const projection = g.op('Reshape', [g.op('MatMul', [style, direction]), g.int64([])]);
	const gain = g.op('Add', [
		g.float(0.3),
		g.op('Mul', [g.float(0.2), g.op('Tanh', [g.op('Mul', [projection, g.float(4)])])])
	]);
	g.output('waveform', g.op('Mul', [sound, gain]), DataType.FLOAT, ['num_samples']);
	const onnx = encodeModel(g, 'Kompanion tiny Kokoro: a fixed-length tone per phoneme.');

	const vocabChars = Object.keys(KOKORO_VOCAB).join('');
	return {
		id,
		files: {
			// The real repository's config.json holds only the model type; the rest is ours.
			'config.json': {
				model_type: 'style_text_to_speech_2',
				architectures: ['StyleTextToSpeech2Model'],
				sampling_rate: KOKORO_SAMPLING_RATE,
				style_dim: KOKORO_STYLE_DIM,
				vocab_size: V,
				kompanion_tiny_model: {
					family: 'kokoro',
					samplesPerToken: L,
					styleGain: '0.3 + 0.2 * tanh(4 * style · style.direction)'
				}
			},
			'tokenizer.json': {
				version: '1.0',
				truncation: null,
				padding: null,
				added_tokens: [
					{
						id: 0,
						content: '$',
						single_word: false,
						lstrip: false,
						rstrip: false,
						normalized: false,
						special: true
					}
				],
				// Characters outside the vocabulary are dropped (the model type has no unknown token).
				normalizer: { type: 'Replace', pattern: { Regex: `[^${vocabChars}]` }, content: '' },
				// One token per character.
				pre_tokenizer: {
					type: 'Split',
					pattern: { Regex: '' },
					behavior: 'Isolated',
					invert: false
				},
				post_processor: {
					type: 'TemplateProcessing',
					single: [
						{ SpecialToken: { id: '$', type_id: 0 } },
						{ Sequence: { id: 'A', type_id: 0 } },
						{ SpecialToken: { id: '$', type_id: 0 } }
					],
					pair: [
						{ SpecialToken: { id: '$', type_id: 0 } },
						{ Sequence: { id: 'A', type_id: 0 } },
						{ SpecialToken: { id: '$', type_id: 0 } },
						{ Sequence: { id: 'B', type_id: 1 } },
						{ SpecialToken: { id: '$', type_id: 1 } }
					],
					special_tokens: { $: { id: '$', ids: [0], tokens: ['$'] } }
				},
				decoder: null,
				// No `type`: a plain character-to-id map, as in the real tokenizer.json.
				model: { vocab: KOKORO_VOCAB }
			},
			'tokenizer_config.json': {
				model_max_length: 512,
				pad_token: '$',
				tokenizer_class: 'PreTrainedTokenizer',
				unk_token: '$'
			},
			'onnx/model.onnx': onnx,
			'onnx/model_quantized.onnx': onnx
		}
	};
}
