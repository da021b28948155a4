import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScenarioRunner, builtInScenarios, findBuiltIn, type Generate } from '$lib/tutor/scenarios';
import { makeTestDb } from '../../../helpers/factories';

const contexts: ReturnType<typeof makeTestDb>[] = [];
function fresh() {
	const ctx = makeTestDb();
	contexts.push(ctx);
	return ctx;
}
afterEach(async () => {
	for (const ctx of contexts.splice(0)) await ctx.db.delete();
});

const bakery = findBuiltIn('de-baeckerei')!;
const where = { companionId: 'lena', conversationId: 'c1' };

describe('ScenarioRunner', () => {
	it('ticks goals by keyword as the learner writes, and stores them', async () => {
		const { repos } = fresh();
		const runner = await ScenarioRunner.start(repos.scenarios, bakery, where);
		expect(await runner.onLearnerMessage('m1', 'Guten Morgen!')).toEqual([]);
		expect(await runner.onLearnerMessage('m2', 'Ich hätte gern zwei Brötchen.')).toEqual(['order']);
		expect(await runner.onLearnerMessage('m3', 'Noch ein Brötchen, bitte.')).toEqual([]);
		const stored = await repos.scenarios.activeRun('c1');
		expect(stored?.goalsMet).toEqual([
			expect.objectContaining({ goalId: 'order', by: 'keywords', messageId: 'm2' })
		]);
		expect(runner.prompt.goalsMet).toEqual(['order']);
		expect(runner.openGoals.map((g) => g.id)).toEqual(['price', 'pay']);
	});

	it('records the LLM judge’s verdict, ignoring ids the scenario does not have', async () => {
		const { repos } = fresh();
		const runner = await ScenarioRunner.start(repos.scenarios, bakery, where);
		expect(await runner.applyJudgement({ met: ['price', 'dance'], by: 'llm' }, 'm4')).toEqual([
			'price'
		]);
		const generate = vi.fn<Generate>().mockResolvedValue('{"met": ["pay"]}');
		const judgement = await runner.judge({
			turns: [{ role: 'user', content: 'Mit Karte, bitte.' }],
			generate
		});
		expect(judgement).toMatchObject({ met: ['pay'], by: 'llm' });
		expect(runner.run.goalsMet.map((t) => [t.goalId, t.by])).toEqual([
			['price', 'llm'],
			['pay', 'llm']
		]);
		expect(await runner.tickByPerson('order')).toEqual(['order']);
		expect(await runner.tickByPerson('nope')).toEqual([]);
	});

	it('resumes the active run of a conversation after a reload', async () => {
		const { repos } = fresh();
		const started = await ScenarioRunner.start(repos.scenarios, bakery, where);
		await started.onLearnerMessage('m1', 'Was kostet das?');
		const resumed = await ScenarioRunner.resume(repos.scenarios, 'c1');
		expect(resumed?.scenario.id).toBe('de-baeckerei');
		expect(resumed?.goalsMet).toEqual(['price']);
		expect(await ScenarioRunner.resume(repos.scenarios, 'c2')).toBeNull();
	});

	it('abandons a run whose stored scenario was deleted', async () => {
		const { repos } = fresh();
		const { source: _s, topic: _t, id: _id, ...content } = bakery;
		const stored = await repos.scenarios.add({ ...content, source: 'generated' });
		const runner = await ScenarioRunner.start(repos.scenarios, stored, where);
		await repos.scenarios.delete(stored.id);
		expect(await ScenarioRunner.resume(repos.scenarios, 'c1')).toBeNull();
		expect(await repos.scenarios.getRun(runner.run.id)).toMatchObject({ status: 'abandoned' });
	});

	it('finishes with a recap and then takes no more ticks', async () => {
		const { repos } = fresh();
		const runner = await ScenarioRunner.start(repos.scenarios, bakery, where);
		await runner.onLearnerMessage('m1', 'Ich hätte gern ein brötchen.');
		const run = await runner.finish({
			corrections: [],
			turns: [{ role: 'user', content: 'Ich hätte gern ein brötchen.' }],
			cardIds: ['card-1'],
			candidates: builtInScenarios('de'),
			played: await repos.scenarios.playedIds('lena'),
			level: 'A1'
		});
		expect(run).toMatchObject({
			status: 'finished',
			recap: {
				newWords: ['das Brötchen'],
				cardIds: ['card-1'],
				suggestedScenarioId: 'de-restaurant'
			}
		});
		expect(await runner.onLearnerMessage('m2', 'Was kostet das?')).toEqual([]);
	});
});
