// Whisper's special tokens and feature-extractor settings, as in the multilingual OpenAI checkpoints.

/** Whisper's 99 language codes in token order (`<|en|>` first), as in openai/whisper. */
export const WHISPER_LANGUAGE_CODES = Object.freeze(
	(
		'en zh de es ru ko fr ja pt tr pl ca nl ar sv it id hi fi vi he uk el ms cs ro da hu ta no th ur hr ' +
		'bg lt la mi ml cy sk te fa lv bn sr az sl kn et mk br eu is hy ne mn bs kk sq sw gl mr pa si km sn ' +
		'yo so af oc ka be tg sd gu am yi lo uz fo ht ps tk nn mt sa lb my bo tl mg as tt haw ln ha ba jw su'
	).split(' ')
);

/**
 * The special tokens in Whisper's order. Timestamp tokens (<|0.00|> ...) are left out: they would
 * add 1501 entries that nothing here uses (return_timestamps is not supported by the tiny model).
 * @returns {string[]}
 */
export function whisperSpecialTokens() {
	return [
		'<|endoftext|>',
		'<|startoftranscript|>',
		...WHISPER_LANGUAGE_CODES.map((code) => `<|${code}|>`),
		'<|translate|>',
		'<|transcribe|>',
		'<|startoflm|>',
		'<|startofprev|>',
		'<|nocaptions|>',
		'<|notimestamps|>'
	];
}

/** The feature extractor settings of every Whisper v1/v2 checkpoint (80 mel bins, 30 s windows). */
export const WHISPER_PREPROCESSOR_CONFIG = Object.freeze({
	chunk_length: 30,
	feature_extractor_type: 'WhisperFeatureExtractor',
	feature_size: 80,
	hop_length: 160,
	n_fft: 400,
	n_samples: 480000,
	nb_max_frames: 3000,
	padding_side: 'right',
	padding_value: 0.0,
	processor_class: 'WhisperProcessor',
	return_attention_mask: false,
	sampling_rate: 16000
});
