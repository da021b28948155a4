// tiny-whisper: a multilingual Whisper contract (onnx/encoder_model.onnx + the merged decoder with
// past_key_values and use_cache_branch) whose greedy transcript is a fixed sentence per language.
// The language token the caller chooses reaches the decoder prompt and is picked up by the script
// head's attention (script-head.mjs); `<|translate|>` outranks it and yields the fallback language.
// Silence (no log-mel bin above a threshold) makes the decoder emit <|endoftext|> at once.
import { addedToken, addedTokensDecoder, byteLevelTokenizer, BYTE_TO_CHAR } from './byte-level.mjs';
import { DataType, encodeModel, GraphBuilder } from './onnx-graph.mjs';
import { createRng } from './prng.mjs';
import { addScriptHead, scriptHeadDim } from './script-head.mjs';
import { allocateScriptTokens, dedupeTexts } from './script-tokens.mjs';
import {
	WHISPER_LANGUAGE_CODES,
	WHISPER_PREPROCESSOR_CONFIG,
	whisperSpecialTokens
} from './whisper-vocab.mjs';

export { WHISPER_LANGUAGE_CODES, WHISPER_PREPROCESSOR_CONFIG };

export const WHISPER_ID = 'kompanion-test/tiny-whisper';

/** Transcripts per language code; Whisper puts a space before the first word. */
export const WHISPER_TRANSCRIPTS = Object.freeze({
	en: ' Hello, my name is Anna and I live in Hamburg.',
	de: ' Hallo, ich heiße Anna und ich wohne in Hamburg.'
});

/**
 * Peak log-mel value (Whisper's normalised scale, where digital silence is -1.5) below which the
 * input counts as silence: measured, a sine under ~2.5e-4 amplitude or white noise under ~5e-4,
 * i.e. roughly -70 dBFS. Anything a microphone picks up as speech is far above it.
 */
export const WHISPER_SILENCE_THRESHOLD = -0.25;

const N_MELS = WHISPER_PREPROCESSOR_CONFIG.feature_size;
const N_FRAMES = WHISPER_PREPROCESSOR_CONFIG.nb_max_frames;
const ENCODER_POSITIONS = 1500;
const D_MODEL = 32;

/**
 * @typedef {Object} TinyWhisperOptions
 * @property {string} [id] default {@link WHISPER_ID}
 * @property {Record<string, string>} [transcripts] language code -> transcript; default {@link WHISPER_TRANSCRIPTS}
 * @property {string} [fallbackLanguage] whose transcript other languages and task "translate" get; default "en"
 * @property {string[]} [heardLanguages] what language detection ranks first, in order, whatever the
 *   audio (the logits after `<|startoftranscript|>` alone); default ["de", "en"]
 * @property {number} [silenceThreshold] default {@link WHISPER_SILENCE_THRESHOLD}
 */

/**
 * Encoder: [batch, 80, 3000] log-mel -> [batch, 1500, 32]. Lane 0 carries the speech flag (0 or 1,
 * the same in every position); the other lanes are a seeded random projection of frame pairs, so
 * the output looks like features without meaning anything.
 * @param {number} silenceThreshold
 * @param {string} seed
 */
function buildEncoder(silenceThreshold, seed) {
	const g = new GraphBuilder('tiny_whisper_encoder');
	const features = g.input('input_features', DataType.FLOAT, ['batch_size', N_MELS, N_FRAMES]);
	const peak = g.op('ReduceMax', [features], { axes: [1, 2], keepdims: 1 });
	// A steep ramp is a step in practice: 1e-4 log-mel units wide.
	const ramp = g.op('Mul', [g.op('Sub', [peak, g.float(silenceThreshold)]), g.float(1e4)]);
	const speech = g.op('Clip', [ramp, g.float(0), g.float(1)]);

	const frames = g.op('Reshape', [
		g.op('Transpose', [features], { perm: [0, 2, 1] }),
		g.int64([0, ENCODER_POSITIONS, 2 * N_MELS])
	]);
	const rng = createRng(`${seed}:encoder`);
	const projection = rng.noise(2 * N_MELS * (D_MODEL - 1), 1 / Math.sqrt(2 * N_MELS));
	const hidden = g.op('Tanh', [
		g.op('MatMul', [frames, g.weight('encoder.proj', [2 * N_MELS, D_MODEL - 1], projection)])
	]);
	const batch = g.op('Slice', [g.op('Shape', [features]), g.int64([0]), g.int64([1])]);
	const laneShape = g.op('Concat', [batch, g.int64([ENCODER_POSITIONS, 1])], { axis: 0 });
	const speechLane = g.op('Expand', [speech, laneShape]);
	const out = g.op('Concat', [speechLane, hidden], { axis: 2 });
	g.output('last_hidden_state', out, DataType.FLOAT, ['batch_size', ENCODER_POSITIONS, D_MODEL]);
	return encodeModel(g, 'Kompanion tiny Whisper encoder: a speech flag plus filler features.');
}

/**
 * Merged decoder. The cross-attention cache follows optimum's merged layout: on the first step
 * (use_cache_branch false) it is computed from encoder_hidden_states, afterwards the past copy is
 * passed through, selected by an If node exactly like exported Whisper decoders do.
 * @param {import('./script-head.mjs').ScriptPlan} plan
 * @param {string} seed
 */
function buildDecoder(plan, seed) {
	const D = scriptHeadDim(plan);
	const V = plan.vocabSize;
	const g = new GraphBuilder('tiny_whisper_decoder');
	const inputIds = g.input('input_ids', DataType.INT64, ['batch_size', 'decoder_sequence_length']);
	const encoderStates = g.input('encoder_hidden_states', DataType.FLOAT, [
		'batch_size',
		'encoder_sequence_length',
		D_MODEL
	]);
	const selfShape = ['batch_size', 1, 'past_decoder_sequence_length', D];
	const crossShape = ['batch_size', 1, 'encoder_sequence_length_out', D];
	const pastKey = g.input('past_key_values.0.decoder.key', DataType.FLOAT, selfShape);
	const pastValue = g.input('past_key_values.0.decoder.value', DataType.FLOAT, selfShape);
	const pastCrossKey = g.input('past_key_values.0.encoder.key', DataType.FLOAT, crossShape);
	const pastCrossValue = g.input('past_key_values.0.encoder.value', DataType.FLOAT, crossShape);
	const useCache = g.input('use_cache_branch', DataType.BOOL, [1]);

	const rng = createRng(`${seed}:cross`);
	const wKey = g.weight('decoder.cross_key', [D_MODEL, D], rng.noise(D_MODEL * D, 0.5));
	// Value lane 0 copies encoder lane 0 (the speech flag) and nothing else, so any attention
	// pattern over the encoder positions averages it to exactly that flag.
	const valueWeights = rng.noise(D_MODEL * D, 0.5);
	for (let i = 0; i < D_MODEL; i++) valueWeights[i * D] = i === 0 ? 1 : 0;
	const wValue = g.weight('decoder.cross_value', [D_MODEL, D], valueWeights);

	const reuse = new GraphBuilder('reuse_cross_cache');
	reuse.branchOutput('reuse_key', pastCrossKey, DataType.FLOAT);
	reuse.branchOutput('reuse_value', pastCrossValue, DataType.FLOAT);
	const compute = new GraphBuilder('compute_cross_cache');
	const axis1 = compute.int64([1]);
	compute.branchOutput(
		'computed_key',
		compute.op('Unsqueeze', [compute.op('MatMul', [encoderStates, wKey]), axis1]),
		DataType.FLOAT
	);
	compute.branchOutput(
		'computed_value',
		compute.op('Unsqueeze', [compute.op('MatMul', [encoderStates, wValue]), axis1]),
		DataType.FLOAT
	);
	const [crossKey, crossValue] = g.opN('If', [useCache], 2, {
		then_branch: reuse.build(),
		else_branch: compute.build()
	});

	const query = g.weight('decoder.cross_query', [D, 1], rng.noise(D, 0.5));
	const scores = g.op('Transpose', [g.op('MatMul', [crossKey, query])], { perm: [0, 1, 3, 2] });
	const attended = g.op('MatMul', [g.op('Softmax', [scores], { axis: -1 }), crossValue]);
	const speech = g.op('Squeeze', [
		g.op('Slice', [attended, g.int64([0]), g.int64([1]), g.int64([-1])]),
		g.int64([3])
	]);

	const head = addScriptHead(g, plan, { inputIds, pastKey, pastValue, speech }, `${seed}:bigram`);
	g.output('logits', head.logits, DataType.FLOAT, ['batch_size', 'decoder_sequence_length', V]);
	const presentShape = ['batch_size', 1, 'total_decoder_sequence_length', D];
	g.output('present.0.decoder.key', head.presentKey, DataType.FLOAT, presentShape);
	g.output('present.0.decoder.value', head.presentValue, DataType.FLOAT, presentShape);
	g.output('present.0.encoder.key', crossKey, DataType.FLOAT, crossShape);
	g.output('present.0.encoder.value', crossValue, DataType.FLOAT, crossShape);
	return encodeModel(g, 'Kompanion tiny Whisper decoder: a fixed transcript per language token.');
}

/**
 * Builds the tiny Whisper's files.
 * @param {TinyWhisperOptions} [options]
 * @returns {import('./tiny-llm.mjs').ModelFiles}
 */
export function buildTinyWhisper({
	id = WHISPER_ID,
	transcripts = WHISPER_TRANSCRIPTS,
	fallbackLanguage = 'en',
	heardLanguages = ['de', 'en'],
	silenceThreshold = WHISPER_SILENCE_THRESHOLD
} = {}) {
	const languages = Object.keys(transcripts);
	for (const code of [...languages, ...heardLanguages]) {
		if (!WHISPER_LANGUAGE_CODES.includes(code))
			throw new Error(`Unknown Whisper language: ${code}`);
	}
	if (!(fallbackLanguage in transcripts))
		throw new Error(`No transcript for fallback ${fallbackLanguage}`);

	const { distinct, indexOf } = dedupeTexts(languages.map((code) => transcripts[code]));
	const specialNames = whisperSpecialTokens();
	// Script tokens sit below the special tokens: _decode_asr treats ids above <|notimestamps|> as timestamps.
	const scriptVocab = allocateScriptTokens(
		distinct,
		[...BYTE_TO_CHAR, ...specialNames],
		BYTE_TO_CHAR.length
	);
	const modelVocab = [...BYTE_TO_CHAR, ...scriptVocab.strings];
	const specials = specialNames.map((content, i) => addedToken(modelVocab.length + i, content));
	/** @param {string} name */
	const idOf = (name) => modelVocab.length + specialNames.indexOf(name);
	const fallback = indexOf(transcripts[fallbackLanguage]);

	/** @type {import('./script-head.mjs').ScriptPlan} */
	const plan = {
		vocabSize: modelVocab.length + specials.length,
		scripts: scriptVocab.tokens,
		triggers: [
			{ tokenId: idOf('<|translate|>'), script: fallback },
			...languages.map((code) => ({
				tokenId: idOf(`<|${code}|>`),
				script: indexOf(transcripts[code])
			}))
		],
		defaultScript: fallback,
		eosId: idOf('<|endoftext|>'),
		// Language detection reads the logits after <|startoftranscript|> over the language tokens.
		bias: heardLanguages.map((code, rank) => ({
			from: idOf('<|startoftranscript|>'),
			to: idOf(`<|${code}|>`),
			logit: 10 - rank
		}))
	};
	const eot = plan.eosId;
	const langToId = Object.fromEntries(
		WHISPER_LANGUAGE_CODES.map((code) => [`<|${code}|>`, idOf(`<|${code}|>`)])
	);
	const seed = id;
	return {
		id,
		files: {
			'config.json': {
				architectures: ['WhisperForConditionalGeneration'],
				model_type: 'whisper',
				is_encoder_decoder: true,
				d_model: D_MODEL,
				encoder_layers: 1,
				encoder_attention_heads: 1,
				encoder_ffn_dim: D_MODEL,
				decoder_layers: 1,
				decoder_attention_heads: 1,
				decoder_ffn_dim: D_MODEL,
				num_mel_bins: N_MELS,
				max_source_positions: ENCODER_POSITIONS,
				max_target_positions: 448,
				vocab_size: plan.vocabSize,
				bos_token_id: eot,
				eos_token_id: eot,
				pad_token_id: eot,
				decoder_start_token_id: idOf('<|startoftranscript|>'),
				torch_dtype: 'float32',
				use_cache: true,
				'transformers.js_config': { dtype: 'fp32' },
				kompanion_tiny_model: {
					family: 'whisper',
					transcripts: { ...transcripts },
					fallbackLanguage,
					heardLanguages,
					silenceThreshold
				}
			},
			'generation_config.json': {
				bos_token_id: eot,
				eos_token_id: eot,
				pad_token_id: eot,
				decoder_start_token_id: idOf('<|startoftranscript|>'),
				is_multilingual: true,
				lang_to_id: langToId,
				task_to_id: { translate: idOf('<|translate|>'), transcribe: idOf('<|transcribe|>') },
				no_timestamps_token_id: idOf('<|notimestamps|>'),
				max_initial_timestamp_index: 50,
				max_length: 448,
				suppress_tokens: []
			},
			'preprocessor_config.json': WHISPER_PREPROCESSOR_CONFIG,
			'tokenizer.json': byteLevelTokenizer({
				vocab: modelVocab,
				merges: [],
				added: specials,
				useRegex: true
			}),
			'tokenizer_config.json': {
				added_tokens_decoder: addedTokensDecoder(specials),
				bos_token: '<|endoftext|>',
				clean_up_tokenization_spaces: false,
				eos_token: '<|endoftext|>',
				errors: 'replace',
				model_max_length: 448,
				pad_token: '<|endoftext|>',
				processor_class: 'WhisperProcessor',
				tokenizer_class: 'WhisperTokenizer',
				unk_token: '<|endoftext|>'
			},
			'onnx/encoder_model.onnx': buildEncoder(silenceThreshold, seed),
			'onnx/decoder_model_merged.onnx': buildDecoder(plan, seed)
		}
	};
}
