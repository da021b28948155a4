import { beforeAll, describe, expect, it } from 'vitest';
import { LLM_CORRECTION_JSON, LLM_LEARNER_SENTENCE } from '../../../scripts/tiny-models/index.mjs';
import type { ChatTurn } from '$lib/ai/llm/engine';
import type { Companion } from '$lib/companion/schema';
import { createNodeChecker } from '$lib/tutor/check/node';
import type { TextChecker } from '$lib/tutor/check/checker';
import { estimateLevel } from '$lib/tutor/level/estimate';
import type { WordFacts } from '$lib/tutor/merge';
import { TutorService, type TutorChecker } from '$lib/tutor/service.svelte';
import { companionDraft, makeTestDb, replyOf } from '../../helpers/factories';

let rules: TextChecker;
beforeAll(async () => {
	rules = await createNodeChecker('de');
});

const lena = {
	...companionDraft({
		name: 'Lena',
		languages: ['de'],
		tutor: { enabled: true, cefrLevel: 'A2', corrections: 'gentle', explainIn: 'en' }
	}),
	id: 'lena',
	createdAt: 0,
	updatedAt: 0
} as Companion;

/** The real rules in-process (no worker); spelling looked up the way the app's adapter does. */
function checker(): TutorChecker {
	return {
		supports: (language) => language === 'de',
		preload: async () => undefined,
		check: async (text, { mode, explainIn }) =>
			rules.check(text, { mode, explain: explainIn === 'de' ? 'de' : 'en' }),
		lookup: async (words) => {
			const text = words.join(' ');
			const { edits, flags } = rules.check(text, { mode: 'spoken' });
			const wrong = [...edits, ...flags].map((f) => text.slice(f.start, f.end));
			return new Map<string, WordFacts>(
				words.map((word) => [word, { spelled: !wrong.includes(word), noun: true }])
			);
		}
	};
}

/** An LLM that answers each background call with the next of `answers` ('busy': aborted). */
function llm(answers: string[]) {
	const calls: (readonly ChatTurn[])[] = [];
	return {
		calls,
		generate: async (messages: readonly ChatTurn[]) => {
			calls.push(messages);
			const answer = answers.shift() ?? '';
			if (answer === 'busy') throw new DOMException('The model is busy.', 'AbortError');
			return replyOf(answer);
		}
	};
}

async function setup(answers: string[]) {
	const { repos } = makeTestDb();
	const model = llm(answers);
	const tutor = new TutorService({
		repos,
		llm: model,
		checker: checker(),
		levels: async () => ({
			estimate: (text, language) => {
				const { level, score, features } = estimateLevel(text, { language });
				return { level, score, words: features.words };
			}
		})
	});
	const turn = {
		id: 'm1',
		conversationId: 'c1',
		content: LLM_LEARNER_SENTENCE,
		via: 'text' as const
	};
	return { repos, tutor, model, turn };
}

describe('the tutor beside a conversation', () => {
	it("stores the rules' corrections at once, then merges the LLM pass after the reply", async () => {
		const { repos, tutor, model, turn } = await setup([LLM_CORRECTION_JSON]);
		await tutor.heard(lena, turn);
		const first = await repos.corrections.get('m1');
		expect(first).toMatchObject({ llm: 'pending', mode: 'typed', companionId: 'lena' });
		expect(first!.edits.map((e) => [e.category, e.layer])).toEqual([
			['verb-position', 'rules'],
			['case', 'rules']
		]);
		expect(model.calls).toHaveLength(0); // nothing on the way to the reply

		await tutor.drain(lena, 'c1');
		const merged = await repos.corrections.get('m1');
		expect(merged?.llm).toBe('done');
		expect(merged!.edits.map((e) => [e.category, e.layer])).toEqual([
			['verb-position', 'rules'],
			['case', 'rules'],
			['word-choice', 'llm']
		]);
		expect(merged!.corrected).toBe(
			'Gestern habe ich mit meiner Freundin eine Entscheidung getroffen.'
		);
		// Both sides' levels were rated; the learner's message counts its words.
		const samples = await repos.levelSamples.since('lena', 0);
		expect(samples).toEqual([
			expect.objectContaining({ role: 'learner', messageId: 'm1', words: 9 })
		]);
	});

	it('asks once more after a malformed answer, then skips the pass without showing it', async () => {
		const { repos, tutor, model, turn } = await setup(['Sure! Here it is:', '{"corrected": 1}']);
		await tutor.heard(lena, turn);
		await tutor.drain(lena, 'c1');
		expect(model.calls).toHaveLength(2);
		const record = await repos.corrections.get('m1');
		expect(record?.llm).toBe('skipped');
		expect(record!.edits.every((e) => e.layer === 'rules')).toBe(true);
	});

	it('yields to the next reply and tries again after it', async () => {
		const { repos, tutor, turn } = await setup(['busy', LLM_CORRECTION_JSON]);
		await tutor.heard(lena, turn);
		await tutor.drain(lena, 'c1');
		expect((await repos.corrections.get('m1'))?.llm).toBe('pending');
		await tutor.drain(lena, 'c1');
		expect((await repos.corrections.get('m1'))?.llm).toBe('done');
	});

	it('checks nothing with corrections off, and leaves spoken punctuation alone', async () => {
		const { repos, tutor, turn } = await setup([]);
		const quiet = { ...lena, tutor: { ...lena.tutor, corrections: 'off' as const } };
		await tutor.heard(quiet, turn);
		expect(await repos.corrections.get('m1')).toBeUndefined();

		await tutor.heard(lena, {
			...turn,
			id: 'm2',
			content: 'ich habe gestern einen hund gesehen weil ich zeit hatte',
			via: 'voice'
		});
		const spoken = await repos.corrections.get('m2');
		expect(spoken?.mode).toBe('spoken');
		const categories = [...spoken!.edits, ...spoken!.flags].map((e) => e.category);
		expect(categories).not.toContain('comma');
		expect(categories).not.toContain('capitalisation');
	});

	it('does not check a message far longer than a learner sentence', async () => {
		const { repos, tutor, turn } = await setup([]);
		await tutor.heard(lena, { ...turn, content: `${LLM_LEARNER_SENTENCE} `.repeat(400) });
		expect(await repos.corrections.get('m1')).toBeUndefined();
		expect(await repos.levelSamples.since('lena', 0)).toHaveLength(1);
	});
});
