// tiny-piper: Piper's voice contract (a VITS export run by piper: `input` phoneme ids, `input_lengths`,
// `scales` = [noise_scale, length_scale, noise_w] -> `output` [1, 1, 1, samples]) with a voice config
// (`<voice>.onnx.json`: phoneme_id_map, espeak voice, sample rate, inference scales).
// Every phoneme id has its own seeded duration, which no caller is told: voiced phonemes are tones,
// the word space, punctuation and the sentence ends are silence, the padding between phonemes takes
// no time. So where each word starts can only be found in the waveform, which is what the lip-sync
// figure (bench/lipsync-offset.mjs) needs: an aligner that spreads visemes evenly cannot match it.
import { DataType, encodeModel, GraphBuilder } from './onnx-graph.mjs';
import { hashString, mulberry32 } from './prng.mjs';

export const PIPER_ID = 'kompanion-test/tiny-piper';
/** The voice's file in its folder, as piper-voices names them (`<lang>-<name>-<quality>.onnx`). */
export const PIPER_FILE = 'de_DE-tiny_piper-medium.onnx';
/** What the voice model setting names to speak with the tiny Piper voice (`<repo>/<file>.onnx`). */
export const PIPER_VOICE_PATH = `${PIPER_ID}/${PIPER_FILE}`;
/** The Piper medium voices' rate. */
export const PIPER_SAMPLING_RATE = 22050;
export const PIPER_AMPLITUDE = 0.3;
export const PIPER_ESPEAK_VOICE = 'de';
/** The inference scales of the voice config (piper's defaults). */
export const PIPER_SCALES = Object.freeze({ noise_scale: 0.667, length_scale: 1, noise_w: 0.8 });

const PAD = '_';
const BOS = '^';
const EOS = '$';
const PUNCTUATION = [..."!'(),-.:;?"];
const LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];
// IPA symbols espeak-ng writes (its German output among them), as separate code points after NFD.
const IPA = [
	...'æçðøħŋœǀǁǂǃɐɑɒɓɔɕɖɗɘəɚɛɜɞɟɠɡɢɣɤɥɦɧɨɪɫɬɭɮɯɰɱɲɳɴɵɶɸɹɺɻɽɾʀʁʂʃʄʈʉʊʋʌʍʎʏʐʑʒʔʕʘʙʛʜʝʟʡʢʲˈˌːˑ˞βθχᵻⱱ',
	'\u0303', // combining tilde (nasal vowels)
	'\u0306', // breve
	'\u0327', // cedilla: NFD turns "ç" into "c" + this
	'\u0329', // syllabic
	'\u032a', // dental
	'\u032f', // non-syllabic (diphthong glides)
	'\u0361' // tie bar
];
/** Symbols in id order: the first 14 have the ids they have in piper's own map. */
export const PIPER_SYMBOLS = Object.freeze([
	PAD,
	BOS,
	EOS,
	' ',
	...PUNCTUATION,
	...LETTERS,
	...IPA
]);
/** Marks that change a phoneme rather than add one: short, and voiced, so no gap opens in a word. */
const MODIFIERS = new Set([
	'ˈ',
	'ˌ',
	'ː',
	'ˑ',
	'˞',
	'ʲ',
	...IPA.filter((s) => s >= '\u0300' && s <= '\u036f')
]);
const SILENT = new Set([BOS, EOS, ' ', ...PUNCTUATION]);
const FADE = 66; // 3 ms raised-cosine ramps at 22.05 kHz

/**
 * Seeded duration of a symbol in milliseconds, at length_scale 1: a phoneme 45-140 ms, a modifier
 * 0-25 ms, the word space 90-180 ms of silence, punctuation 150-300 ms, a sentence end 20-60 ms.
 * @param {string} symbol
 */
function durationMs(symbol) {
	const random = mulberry32(hashString(`tiny-piper:duration:${symbol}`));
	/** @type {(low: number, high: number) => number} */
	const between = (low, high) => low + (high - low) * random();
	if (symbol === PAD) return 0;
	if (symbol === ' ') return between(90, 180);
	if (PUNCTUATION.includes(symbol)) return between(150, 300);
	if (symbol === BOS || symbol === EOS) return between(20, 60);
	if (MODIFIERS.has(symbol)) return between(0, 25);
	return between(45, 140);
}

/** Duration of each id, in samples at length_scale 1 (whole samples). */
export const PIPER_DURATIONS = Object.freeze(
	PIPER_SYMBOLS.map((symbol) => Math.round((durationMs(symbol) * PIPER_SAMPLING_RATE) / 1000))
);

/** @param {number} id */
const isVoiced = (id) => !SILENT.has(PIPER_SYMBOLS[id]) && PIPER_SYMBOLS[id] !== PAD;

/**
 * Samples the tiny voice makes for these phoneme ids: each id's duration times `lengthScale`,
 * rounded down, as the graph computes it in float32.
 * @param {readonly number[]} ids
 * @param {number} [lengthScale]
 */
export function piperSampleCount(ids, lengthScale = 1) {
	const scale = Math.fround(lengthScale);
	return ids.reduce((sum, id) => sum + Math.floor(Math.fround(PIPER_DURATIONS[id] * scale)), 0);
}

/**
 * @typedef {Object} TinyPiperOptions
 * @property {string} [id] default {@link PIPER_ID}
 * @property {string} [file] default {@link PIPER_FILE}
 */

/**
 * Builds the tiny Piper voice: `<file>` (the ONNX model) and `<file>.json` (its config).
 * @param {TinyPiperOptions} [options]
 * @returns {import('./tiny-llm.mjs').ModelFiles}
 */
export function buildTinyPiper({ id = PIPER_ID, file = PIPER_FILE } = {}) {
	const V = PIPER_SYMBOLS.length;
	const frequencies = Float32Array.from(PIPER_SYMBOLS, (_, i) => 110 * 2 ** ((i % 24) / 12));
	const amplitudes = Float32Array.from(PIPER_SYMBOLS, (_, i) =>
		isVoiced(i) ? PIPER_AMPLITUDE : 0
	);

	const g = new GraphBuilder('tiny_piper');
	const input = g.input('input', DataType.INT64, [1, 'phonemes']);
	g.input('input_lengths', DataType.INT64, [1]);
	const scales = g.input('scales', DataType.FLOAT, [3]);

	// Each id's duration in samples, times length_scale (scales[1]), rounded down.
	const ids = g.op('Reshape', [input, g.int64([-1])]);
	const lengthScale = g.op('Gather', [scales, g.int64(1)]);
	const durations = g.op('Floor', [
		g.op('Mul', [
			g.op('Gather', [g.weight('durations', [V], Float32Array.from(PIPER_DURATIONS)), ids]),
			lengthScale
		])
	]);
	const ends = g.op('CumSum', [durations, g.int64(0)]);
	const starts = g.op('Sub', [ends, durations]);
	const total = g.op('Cast', [g.op('ReduceSum', [durations], { keepdims: 0 })], {
		to: DataType.INT64
	});
	const n = g.op('Cast', [g.op('Range', [g.int64(0), total, g.int64(1)])], { to: DataType.FLOAT });

	// Sample n belongs to phoneme k = how many phonemes end at or before it.
	const ended = g.op(
		'Cast',
		[
			g.op('GreaterOrEqual', [
				g.op('Unsqueeze', [n, g.int64([1])]),
				g.op('Unsqueeze', [ends, g.int64([0])])
			])
		],
		{ to: DataType.FLOAT }
	);
	const k = g.op('Cast', [g.op('ReduceSum', [ended, g.int64([1])], { keepdims: 0 })], {
		to: DataType.INT64
	});
	const offset = g.op('Sub', [n, g.op('Gather', [starts, k])]);
	const length = g.op('Gather', [durations, k]);
	const token = g.op('Gather', [ids, k]);
	const frequency = g.op('Gather', [g.weight('frequencies', [V], frequencies), token]);
	const amplitude = g.op('Gather', [g.weight('amplitudes', [V], amplitudes), token]);

	// A tone with short linear fades at both ends of the phoneme.
	const envelope = g.op('Clip', [
		g.op('Div', [
			g.op('Min', [offset, g.op('Sub', [g.op('Sub', [length, offset]), g.float(1)])]),
			g.float(FADE)
		]),
		g.float(0),
		g.float(1)
	]);
	const phase = g.op('Mul', [
		g.op('Mul', [frequency, offset]),
		g.float((2 * Math.PI) / PIPER_SAMPLING_RATE)
	]);
	const wave = g.op('Mul', [g.op('Mul', [amplitude, envelope]), g.op('Sin', [phase])]);
	g.output('output', g.op('Reshape', [wave, g.int64([1, 1, 1, -1])]), DataType.FLOAT, [
		1,
		1,
		1,
		'samples'
	]);
	const onnx = encodeModel(g, 'Kompanion tiny Piper: a seeded duration and tone per phoneme id.');

	return {
		id,
		files: {
			[file]: onnx,
			// The fields piper reads (piper/config.py), shaped as in piper-voices' configs.
			[`${file}.json`]: {
				audio: { sample_rate: PIPER_SAMPLING_RATE, quality: 'medium' },
				espeak: { voice: PIPER_ESPEAK_VOICE },
				inference: PIPER_SCALES,
				phoneme_type: 'espeak',
				phoneme_map: {},
				phoneme_id_map: Object.fromEntries(PIPER_SYMBOLS.map((symbol, i) => [symbol, [i]])),
				num_symbols: V,
				num_speakers: 1,
				speaker_id_map: {},
				piper_version: '1.0.0',
				language: { code: 'de_DE', family: 'de', region: 'DE', name_english: 'German' },
				dataset: 'tiny-piper',
				kompanion_tiny_model: {
					family: 'piper',
					durations: 'seeded per phoneme id (PIPER_DURATIONS); pad 0, space and punctuation silent'
				}
			}
		}
	};
}
