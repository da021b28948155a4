import { afterEach, describe, expect, it } from 'vitest';
import { manualCard } from '$lib/tutor/review/factories';
import { Scheduler } from '$lib/tutor/review/scheduler';
import { ReviewSession } from '$lib/tutor/review/session.svelte';
import { MINUTE_MS } from '$lib/tutor/review/types';
import { makeTestDb } from '../../../helpers/factories';

const T0 = new Date(2026, 0, 5, 12, 0).getTime();
const contexts: ReturnType<typeof makeTestDb>[] = [];
afterEach(async () => {
	for (const ctx of contexts.splice(0)) await ctx.db.delete();
});

async function sitting(limits = { newPerDay: 20, maxPerDay: 200 }) {
	const ctx = makeTestDb();
	contexts.push(ctx);
	let now = T0;
	await ctx.repos.vocabulary.addMany([
		manualCard({ term: 'Brötchen', article: 'das', plural: 'Brötchen', translation: 'roll' }, T0),
		{
			...manualCard({ term: 'Bäcker', article: 'der', plural: 'Bäcker', translation: 'baker' }, T0),
			createdAt: T0 + 1
		}
	]);
	const session = new ReviewSession({
		repos: ctx.repos,
		limits: () => limits,
		scheduler: new Scheduler({ fuzz: false }),
		now: () => now
	});
	await session.load();
	return { ...ctx, session, later: (ms: number) => (now += ms) };
}

describe('a review sitting', () => {
	it('asks, grades the typed answer, rates, stores and moves on', async () => {
		const { session, repos } = await sitting();
		expect(session.card?.term).toBe('Brötchen');
		expect(session.check('das Broetchen')).toMatchObject({ correct: true, verdict: 'variant' });
		expect(session.suggested).toBe(3);
		expect(session.previews.map(({ intervalMs }) => intervalMs)).toContain(10 * MINUTE_MS);
		await session.rate(3);
		expect(session.card?.term).toBe('Bäcker');
		expect(session.answered).toBe(false);
		const [log] = await repos.vocabulary.reviewLog();
		expect(log).toMatchObject({ rating: 3, via: 'typed', answer: 'das Broetchen' });
		expect(session.current).toMatchObject({
			status: 'ready',
			value: { due: 1, canUndo: true, total: 2 }
		});
	});

	it('undo shows the card again first, as it was', async () => {
		const { session, repos } = await sitting();
		const first = session.card!;
		session.reveal();
		await session.rate(1);
		expect(session.card?.term).toBe('Bäcker');
		const restored = await session.undo();
		expect(restored).toMatchObject({ id: first.id, due: first.due, fsrs: first.fsrs });
		expect(session.card?.id).toBe(first.id);
		expect(await repos.vocabulary.lastReview()).toBeUndefined();
	});

	it('stops at the daily limit, and says when the next learning step is due', async () => {
		const { session, later } = await sitting({ newPerDay: 1, maxPerDay: 200 });
		expect(session.current).toMatchObject({
			value: { queue: { heldBack: 1, limitReached: 'new' } }
		});
		session.reveal();
		await session.rate(3);
		expect(session.card).toBeNull();
		expect(session.current).toMatchObject({
			status: 'ready',
			value: { nextDue: T0 + 10 * MINUTE_MS, queue: { limitReached: 'new' } }
		});
		later(10 * MINUTE_MS);
		await session.load();
		// The card in its learning steps comes back; the held-back new card does not.
		expect(session.card?.term).toBe('Brötchen');
	});
});
