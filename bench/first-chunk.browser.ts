// How much of a reply the model must generate before the voice has something to say: the words
// streamed until the sentence splitter emits its first chunk, with whole sentences only and with
// the call's first-clause setting, over the sample replies. Words, not tokens: the tokenizer
// depends on the model; docs/performance.md converts with a stated ratio.
import { expect, test } from 'vitest';
import { FIRST_CLAUSE_WORDS, SentenceSplitter } from '$lib/call/sentences';
import { SAMPLE_REPLIES } from './sample-replies';
import { quantile, round } from './stats.mjs';

/** Streams `reply` word by word; returns how many words went in before the first chunk came out. */
function wordsUntilFirstChunk(reply: string, firstClauseWords: number) {
	const splitter = new SentenceSplitter({ firstClauseWords });
	const words = reply.split(/(?<= )/);
	for (const [i, word] of words.entries()) {
		const [first] = splitter.push(word);
		if (first) return { streamed: i + 1, said: first.split(' ').length };
	}
	const [first] = splitter.flush();
	return { streamed: words.length, said: first.split(' ').length };
}

test('first chunk', () => {
	const figures: Record<string, number> = { replies: 0 };
	for (const [mode, clauseWords] of [
		['sentence', 0],
		['clause', FIRST_CLAUSE_WORDS]
	] as const) {
		const runs = Object.values(SAMPLE_REPLIES)
			.flat()
			.map((reply) => wordsUntilFirstChunk(reply, clauseWords));
		figures.replies = runs.length;
		figures[`${mode}_streamedWords_median`] = quantile(
			runs.map((r) => r.streamed),
			0.5
		);
		figures[`${mode}_streamedWords_p90`] = quantile(
			runs.map((r) => r.streamed),
			0.9
		);
		figures[`${mode}_streamedWords_mean`] = round(
			runs.reduce((sum, r) => sum + r.streamed, 0) / runs.length
		);
		figures[`${mode}_saidWords_median`] = quantile(
			runs.map((r) => r.said),
			0.5
		);
	}
	expect(figures.clause_streamedWords_mean).toBeLessThanOrEqual(
		figures.sentence_streamedWords_mean
	);
	console.log(`first chunk: ${JSON.stringify(figures)}`);
});
