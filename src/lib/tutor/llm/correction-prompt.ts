import type { ChatTurn } from '$lib/ai/llm/engine';
import { languageName } from '$lib/companion/languages';
import { quoted } from '$lib/prompt/quote';
import { CORRECTION_CATEGORIES, type InputMode } from '../types';

/**
 * Marks the correction pass's prompt. The tiny test model's tutor script is triggered by it
 * (scripts/tiny-models/tiny-llm.mjs), so e2e runs the real parsing and merging path.
 */
export const CORRECTION_PROMPT_MARK = 'correction sheet';

export interface CorrectionPromptInput {
	text: string;
	mode: InputMode;
	/** The language the learner is learning (the text's language). */
	language: string;
	/** The language the explanations are written in. */
	explainIn: string;
}

/**
 * The LLM pass's prompt: one learner message, the minimal corrections as JSON. The learner's
 * text is quoted as data, so an instruction inside it is not followed.
 */
export function correctionPrompt({
	text,
	mode,
	language,
	explainIn
}: CorrectionPromptInput): ChatTurn[] {
	const system = [
		`You are a ${languageName(language)} teacher filling in a ${CORRECTION_PROMPT_MARK} for one message a learner wrote.`,
		'Correct only real mistakes, with the smallest change that makes the sentence correct and natural. Keep the meaning, the style and every name exactly as written.',
		mode === 'spoken'
			? 'The message was spoken and transcribed: ignore punctuation and capital letters.'
			: 'The message was typed.',
		`Answer with JSON only, no other text: {"corrected": the whole corrected message, "edits": [{"original": the wrong words exactly as in the message, "replacement": the corrected words, "category": one of ${CORRECTION_CATEGORIES.map((c) => `"${c}"`).join(', ')}, "explanation": one short sentence in ${languageName(explainIn)}}]}.`,
		'If the message has no mistakes, answer {"corrected": the message, "edits": []}.'
	].join('\n');
	return [
		{ role: 'system', content: system },
		{ role: 'user', content: `The learner's message:\n${quoted(text)}` }
	];
}
