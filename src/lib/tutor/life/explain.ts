/**
 * The glossary's fallback: words of a diary entry above the learner's level that the world's own
 * list lacks (most come from the model's rewrites) are explained by the model, when one is loaded
 * and idle. Its answer is untrusted: only the words asked for, short meanings; the rest is dropped.
 */
import * as v from 'valibot';
import type { ChatTurn } from '$lib/ai/llm/engine';
import { quoted } from '$lib/prompt/quote';
import { parseModelJson } from '$lib/validation';

const AnswerSchema = v.object({
	glossary: v.array(v.object({ word: v.string(), meaning: v.string() }))
});

/** Marks the prompt (a test model could be scripted by it). */
export const EXPLAIN_PROMPT_MARK = 'German glossary';

export function explainPrompt(words: readonly string[]): ChatTurn[] {
	return [
		{
			role: 'system',
			content: `You write a ${EXPLAIN_PROMPT_MARK} for a learner: for each German word, its meaning in English in at most five words. Answer with JSON only: {"glossary": [{"word": the word as given, "meaning": the English meaning}]}.`
		},
		{ role: 'user', content: `The words:\n${quoted(words.join('\n'))}` }
	];
}

/** The meanings the model gave for `words` (lower-case word → meaning); null when unusable. */
export function readExplained(
	answer: string,
	words: readonly string[]
): Map<string, string> | null {
	const read = parseModelJson(answer, AnswerSchema);
	if (!read.ok) return null;
	const asked = new Set(words.map((w) => w.toLowerCase()));
	const meanings = new Map<string, string>();
	for (const { word, meaning } of read.value.glossary) {
		const key = word.trim().toLowerCase();
		const text = meaning.trim();
		if (!asked.has(key) || !text || text.length > 80 || /[<>{}]/u.test(text)) continue;
		meanings.set(key, text);
	}
	return meanings.size ? meanings : null;
}
