import { describe, expect, it, vi } from 'vitest';
import type { ChatTurn } from '$lib/ai/llm/engine';
import {
	JUDGE_ATTEMPTS,
	findBuiltIn,
	judgeGoals,
	judgePrompt,
	parseJudgement,
	type Generate
} from '$lib/tutor/scenarios';

const scenario = findBuiltIn('de-baeckerei')!;
const turns = [
	{ role: 'assistant' as const, content: 'Guten Morgen! Was darf es sein?' },
	{ role: 'user' as const, content: 'Ich hätte gern zwei Brötchen. Was kostet das?' }
];
const input = { scenario, goalsMet: [], turns };

/** A model that answers each prompt with the next of `answers`. */
function model(...answers: (string | Error)[]) {
	const prompts: (readonly ChatTurn[])[] = [];
	const generate = vi.fn<Generate>(async (prompt) => {
		prompts.push(prompt);
		const answer = answers.shift();
		if (answer instanceof Error) throw answer;
		return answer ?? '';
	});
	return { generate, prompts };
}

describe('the LLM goal judge', () => {
	it('asks about open goals only, with the conversation quoted as data', () => {
		const [system, user] = judgePrompt({ ...input, goalsMet: ['order'], companionName: 'Lena' });
		expect(system.content).toContain('- price: I can ask what something costs.');
		expect(system.content).not.toContain('- order:');
		expect(system.content).toContain('{"met": ["goal-id", …]}');
		expect(user.content).toContain('"""\nLena: Guten Morgen!');
		expect(user.content).toContain('Learner: Ich hätte gern zwei Brötchen.');
	});

	it('reads a valid answer, also inside a code fence, without duplicates or met goals', () => {
		expect(parseJudgement('{"met": ["order", "price"]}', input)).toEqual({
			ok: true,
			value: ['order', 'price']
		});
		expect(
			parseJudgement('Sure:\n```json\n{"met": ["price", "price", "order"]}\n```', {
				...input,
				goalsMet: ['order']
			})
		).toEqual({ ok: true, value: ['price'] });
		expect(parseJudgement('{"met": []}', input)).toEqual({ ok: true, value: [] });
	});

	it.each([
		['not JSON at all', 'no JSON object'],
		['{"met": ["order",]}', 'malformed'],
		['{"met": "order"}', 'met'],
		['{"goals": ["order"]}', 'met'],
		['{"met": ["order", "dance"]}', 'dance']
	])('rejects %s with a typed error', (answer, says) => {
		const result = parseJudgement(answer, input);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error.name).toBe('ScenarioOutputError');
		expect(result.error.code).toMatch(/^scenario\/bad-output\//);
		expect(result.error.message).toContain(says);
	});

	it('takes the first usable answer', async () => {
		const { generate } = model('{"met": ["price"]}');
		expect(await judgeGoals({ ...input, generate })).toEqual({
			met: ['price'],
			by: 'llm',
			errors: []
		});
		expect(generate).toHaveBeenCalledTimes(1);
	});

	it('retries once after a malformed answer', async () => {
		const { generate, prompts } = model('{"met": [oops', '{"met": ["order"]}');
		const judgement = await judgeGoals({ ...input, generate });
		expect(judgement).toMatchObject({ met: ['order'], by: 'llm' });
		expect(judgement.errors.map((e) => e.reason)).toEqual(['invalid']);
		expect(prompts[1]).toEqual(prompts[0]);
	});

	it('falls back to the keywords over the learner’s turns after two unusable answers', async () => {
		const { generate } = model('{"met": ["dance"]}', new Error('worker crashed'));
		const judgement = await judgeGoals({ ...input, generate });
		expect(generate).toHaveBeenCalledTimes(JUDGE_ATTEMPTS);
		expect(judgement.by).toBe('keywords');
		expect(judgement.met).toEqual(['order', 'price']);
		expect(judgement.errors.map((e) => e.reason)).toEqual(['unknown-goal', 'failed']);
	});

	it('does not judge by what the companion said', async () => {
		const { generate } = model('nonsense', 'nonsense');
		const judgement = await judgeGoals({
			scenario,
			goalsMet: [],
			turns: [{ role: 'assistant', content: 'Zahlen Sie bar oder mit Karte?' }],
			generate
		});
		expect(judgement).toMatchObject({ met: [], by: 'keywords' });
	});

	it('passes an AbortError on (the model is busy): nothing decided, no fallback', async () => {
		const busy = new DOMException('busy', 'AbortError');
		const { generate } = model(busy);
		await expect(judgeGoals({ ...input, generate })).rejects.toBe(busy);
		expect(generate).toHaveBeenCalledTimes(1);
	});

	it('does not ask when every goal is met', async () => {
		const { generate } = model();
		const judgement = await judgeGoals({
			...input,
			goalsMet: scenario.goals.map((g) => g.id),
			generate
		});
		expect(judgement.met).toEqual([]);
		expect(generate).not.toHaveBeenCalled();
	});
});
