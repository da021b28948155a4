import { llm } from '$lib/ai/llm';
import { isAbortError } from '$lib/errors';
import type { InputMode } from '$lib/tutor/check';
import { correctionPrompt } from '$lib/tutor/llm/correction-prompt';
import { readLlmCorrections } from '$lib/tutor/llm/llm-corrections';
import { mergeLayers, type WordFacts } from '$lib/tutor/merge';

const CORRECTION_TOKENS = 400;

/**
 * The tutor's correction of one German sentence, as a companion in a call runs it for a guest:
 * the deterministic layer (`tutor/check`) and the LLM pass (its prompt quotes the sentence as
 * data), merged as in a chat with the tutor. At background priority: the companion's answers in
 * the call come first; a pass the model had to give up, or whose answer is unusable, shows nothing.
 */
export async function correctWithLlm(
	text: string,
	mode: InputMode,
	explainIn: string
): Promise<string | null> {
	const { checkClient, checkText } = await import('$lib/tutor/check');
	const rules = await checkText(text, {
		mode,
		language: 'de',
		explain: explainIn === 'de' ? 'de' : 'en'
	});
	let answer: string;
	try {
		const reply = await llm.generate(correctionPrompt({ text, mode, language: 'de', explainIn }), {
			background: true,
			maxTokens: CORRECTION_TOKENS,
			temperature: 0
		});
		answer = reply.text;
	} catch (error) {
		if (isAbortError(error)) return rules.corrected === text ? null : rules.corrected;
		throw error;
	}
	const read = readLlmCorrections(answer, text, explainIn);
	if (!read.ok) return rules.corrected === text ? null : rules.corrected;
	const merged = await mergeLayers({
		text,
		mode,
		rules,
		llm: read.value.edits,
		lookup: async (words) => {
			const known = await checkClient().spellWords(words, 'de');
			return new Map<string, WordFacts>(words.map((word, i) => [word, { spelled: known[i] }]));
		}
	});
	return merged.corrected;
}
