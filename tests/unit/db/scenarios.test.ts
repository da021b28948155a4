import { afterEach, describe, expect, it } from 'vitest';
import type { Scenario } from '$lib/db/rows';
import { ValidationError } from '$lib/errors';
import { makeTestDb } from '../../helpers/factories';

type Ctx = ReturnType<typeof makeTestDb>;
const contexts: Ctx[] = [];
function fresh() {
	const ctx = makeTestDb();
	contexts.push(ctx);
	return ctx;
}
afterEach(async () => {
	for (const ctx of contexts.splice(0)) await ctx.db.delete();
});

const draft = {
	language: 'de',
	title: 'Beim Schuster',
	setting: 'Du bringst deine Schuhe zum Schuster.',
	role: 'Schuster',
	goals: [{ id: 'goal-1', text: 'I can describe the problem.', keywords: ['sohle'] }],
	levelRange: { min: 'A2', max: 'B1' },
	vocabulary: [{ term: 'Sohle', article: 'die' }],
	source: 'custom'
} satisfies Omit<Scenario, 'id' | 'createdAt' | 'updatedAt'>;

describe('stored scenarios', () => {
	it('adds, lists per companion (its own and everyone’s), and deletes', async () => {
		const { repos, emitted } = fresh();
		const everyone = await repos.scenarios.add(draft);
		const lenas = await repos.scenarios.add({ ...draft, title: 'Lenas', companionId: 'lena' });
		await repos.scenarios.add({ ...draft, title: 'Sams', companionId: 'sam' });
		expect((await repos.scenarios.list('lena')).map((s) => s.title)).toEqual([
			'Lenas',
			'Beim Schuster'
		]);
		expect(await repos.scenarios.list()).toHaveLength(3);
		expect((await repos.scenarios.get(lenas.id))?.rev).toBeTruthy();
		await repos.scenarios.delete(everyone.id);
		expect(await repos.scenarios.get(everyone.id)).toBeUndefined();
		expect(emitted).toContain('saved:scenarios');
	});

	it('stores none of a batch when one does not fit, and says why', async () => {
		const { repos } = fresh();
		const good = { ...draft, id: 'a', createdAt: 1, updatedAt: 1 } as Scenario;
		const bad = { ...good, id: 'b', setting: 'x'.repeat(20_000) };
		await expect(repos.scenarios.save([good, bad])).rejects.toThrow(ValidationError);
		await expect(repos.scenarios.save([good, bad])).rejects.toThrow(/cannot be saved.*\(setting\)/);
		expect(await repos.scenarios.list()).toEqual([]);
	});
});

describe('scenario runs', () => {
	const where = { scenarioId: 'de-baeckerei', companionId: 'lena', conversationId: 'c1' };

	it('start active; a second start in the conversation abandons the first', async () => {
		const { repos } = fresh();
		const first = await repos.scenarios.startRun(where);
		expect(first).toMatchObject({ status: 'active', goalsMet: [] });
		expect((await repos.scenarios.activeRun('c1'))?.id).toBe(first.id);
		const second = await repos.scenarios.startRun({ ...where, scenarioId: 'de-restaurant' });
		expect((await repos.scenarios.activeRun('c1'))?.id).toBe(second.id);
		expect(await repos.scenarios.getRun(first.id)).toMatchObject({ status: 'abandoned' });
		expect(await repos.scenarios.activeRun('other')).toBeUndefined();
	});

	it('tick goals once each, keeping the first tick', async () => {
		const { repos } = fresh();
		const run = await repos.scenarios.startRun(where);
		await repos.scenarios.tickGoals(run.id, [
			{ goalId: 'order', at: 5, by: 'keywords', messageId: 'm1' }
		]);
		const after = await repos.scenarios.tickGoals(run.id, [
			{ goalId: 'order', at: 9, by: 'llm' },
			{ goalId: 'price', at: 9, by: 'llm' },
			{ goalId: 'price', at: 10, by: 'person' }
		]);
		expect(after.goalsMet).toEqual([
			{ goalId: 'order', at: 5, by: 'keywords', messageId: 'm1' },
			{ goalId: 'price', at: 9, by: 'llm' }
		]);
		expect((await repos.scenarios.getRun(run.id))?.goalsMet).toHaveLength(2);
	});

	it('finish with a recap; a finished run takes no more ticks', async () => {
		const { repos } = fresh();
		const run = await repos.scenarios.startRun(where);
		const recap = {
			mistakes: [],
			newWords: ['das Brötchen'],
			cardIds: ['k1'],
			suggestedScenarioId: 'de-restaurant'
		};
		const done = await repos.scenarios.finishRun(run.id, recap);
		expect(done).toMatchObject({ status: 'finished', recap });
		expect(done.endedAt).toBeGreaterThan(0);
		const ticked = await repos.scenarios.tickGoals(run.id, [{ goalId: 'order', at: 1, by: 'llm' }]);
		expect(ticked.goalsMet).toEqual([]);
		expect(await repos.scenarios.activeRun('c1')).toBeUndefined();
	});

	it('list a companion’s runs newest first, and what was played', async () => {
		const { repos } = fresh();
		await repos.scenarios.startRun(where);
		await repos.scenarios.startRun({ ...where, conversationId: 'c2', scenarioId: 'de-kino' });
		await repos.scenarios.startRun({ ...where, companionId: 'sam', scenarioId: 'de-post' });
		expect((await repos.scenarios.runsFor('lena')).map((r) => r.scenarioId)).toEqual([
			'de-kino',
			'de-baeckerei'
		]);
		expect(await repos.scenarios.playedIds('lena')).toEqual(new Set(['de-kino', 'de-baeckerei']));
	});

	it('refuse what is not there, and a recap that does not fit', async () => {
		const { repos } = fresh();
		await expect(repos.scenarios.tickGoals('nope', [])).rejects.toThrow(/could not be found/);
		const run = await repos.scenarios.startRun(where);
		await expect(
			repos.scenarios.finishRun(run.id, {
				mistakes: [],
				newWords: Array.from({ length: 101 }, (_, i) => `w${i}`),
				cardIds: []
			})
		).rejects.toThrow(ValidationError);
		expect(await repos.scenarios.getRun(run.id)).toMatchObject({ status: 'active' });
	});
});
