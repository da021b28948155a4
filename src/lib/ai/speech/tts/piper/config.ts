import * as v from 'valibot';
import { AiError } from '$lib/ai/errors';
import { BOS, EOS, PAD } from './phonemes';

const scale = v.pipe(v.number(), v.finite(), v.minValue(0));

/**
 * The fields of a Piper voice config (`<voice>.onnx.json`) that piper reads (piper/config.py),
 * with its defaults for the inference scales. Other fields are allowed and ignored.
 */
const PiperConfigSchema = v.object({
	audio: v.object({ sample_rate: v.pipe(v.number(), v.integer(), v.minValue(8000)) }),
	espeak: v.object({ voice: v.pipe(v.string(), v.minLength(1)) }),
	inference: v.optional(
		v.object({
			noise_scale: v.optional(scale, 0.667),
			length_scale: v.optional(scale, 1),
			noise_w: v.optional(scale, 0.8)
		}),
		{}
	),
	phoneme_type: v.optional(v.picklist(['espeak', 'text']), 'espeak'),
	phoneme_id_map: v.pipe(
		v.record(v.string(), v.array(v.pipe(v.number(), v.integer(), v.minValue(0)))),
		v.check(
			(map) => [PAD, BOS, EOS].every((symbol) => (map[symbol]?.length ?? 0) > 0),
			`has no ids for piper's "${PAD}", "${BOS}" and "${EOS}"`
		)
	),
	num_speakers: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 1)
});

export type PiperConfig = v.InferOutput<typeof PiperConfigSchema>;

/**
 * Reads a voice config; anything that is not one says which field is wrong. Only espeak-ng
 * phonemes are supported (every piper-voices voice but a few character-based ones).
 */
export function parsePiperConfig(json: unknown, voice: string): PiperConfig {
	const result = v.safeParse(PiperConfigSchema, json);
	if (!result.success) {
		const issue = result.issues[0];
		const field = v.getDotPath(issue) ?? 'the file';
		throw new AiError(
			`The voice config of ${voice} is not a Piper voice config (${field}: ${issue.message}). ` +
				'Check the voice model setting in Settings → AI, or delete the voice and download it again.',
			'model/corrupt'
		);
	}
	if (result.output.phoneme_type !== 'espeak') {
		throw new AiError(
			`${voice} reads letters, not espeak-ng phonemes; only espeak-ng Piper voices are supported.`,
			'model/unsupported'
		);
	}
	return result.output;
}
