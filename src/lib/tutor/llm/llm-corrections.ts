import * as v from 'valibot';
import { parseModelJson, type ModelJson } from '$lib/validation';
import { CORRECTION_CATEGORIES, type CorrectionEdit } from '../types';

/** At most this many changes are read from one answer; a longer list is not a minimal correction. */
const MAX_EDITS = 12;

const LlmEditSchema = v.object({
	original: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(200)),
	replacement: v.pipe(v.string(), v.trim(), v.maxLength(200)),
	// An unknown category drops that change, not the answer (see `readLlmCorrections`).
	category: v.string(),
	explanation: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(300)), '')
});

const LlmAnswerSchema = v.object({
	corrected: v.pipe(v.string(), v.maxLength(40_000)),
	edits: v.pipe(v.array(v.unknown()), v.maxLength(50))
});

export interface LlmCorrections {
	edits: CorrectionEdit[];
	/** Changes the answer proposed that could not be placed in the text or named no category. */
	dropped: number;
}

/**
 * Reads the LLM pass's answer for `text`. Malformed answers (no JSON, wrong shape) are not ok:
 * the caller retries once, then skips the pass; they are never shown. Each change is placed by
 * finding its `original` in the text, in order; one that is not there, or overlaps the previous
 * one, or has no known category, is dropped.
 */
export function readLlmCorrections(
	answer: string,
	text: string,
	explainIn: string
): ModelJson<LlmCorrections> {
	const parsed = parseModelJson(answer, LlmAnswerSchema);
	if (!parsed.ok) return parsed;
	const edits: CorrectionEdit[] = [];
	let dropped = 0;
	let from = 0;
	for (const raw of parsed.value.edits.slice(0, MAX_EDITS)) {
		const item = v.safeParse(LlmEditSchema, raw);
		if (!item.success || !isCategory(item.output.category)) {
			dropped++;
			continue;
		}
		const { original, replacement, category, explanation } = item.output;
		const start = text.indexOf(original, from);
		if (start < 0 || original === replacement) {
			dropped++;
			continue;
		}
		edits.push({
			start,
			end: start + original.length,
			original,
			replacement,
			category,
			layer: 'llm',
			explanation: { text: explanation, lang: explainIn }
		});
		from = start + original.length;
	}
	dropped += Math.max(0, parsed.value.edits.length - MAX_EDITS);
	return { ok: true, value: { edits, dropped } };
}

const isCategory = (value: string): value is CorrectionEdit['category'] =>
	(CORRECTION_CATEGORIES as readonly string[]).includes(value);
