import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '$lib/errors';
import type { MemoryRef } from '$lib/events';
import { companionDraft, makeTestDb } from '../../helpers/factories';

type Ctx = ReturnType<typeof makeTestDb>;
const contexts: Ctx[] = [];
function fresh() {
	const ctx = makeTestDb();
	const changes: { upserted: readonly MemoryRef[]; removed: readonly string[] }[] = [];
	ctx.bus.on('memory:changed', (change) => changes.push(change));
	contexts.push(ctx);
	return { ...ctx, changes };
}
afterEach(async () => {
	for (const ctx of contexts.splice(0)) await ctx.db.delete();
});

const fact = {
	kind: 'semantic' as const,
	namespace: 'shared',
	text: 'Anna lives in Hamburg.',
	importance: 0.8
};

describe('memories', () => {
	it('keeps every version with why and by whom, newest first', async () => {
		const { repos, changes } = fresh();
		const memory = await repos.memories.add(fact, 'model');
		expect(memory).toMatchObject({ version: 1, createdBy: 'model', pinned: false });
		await repos.memories.update(memory.id, { text: 'Anna lives in Berlin now.' }, 'model');
		const edited = await repos.memories.update(
			memory.id,
			{ text: 'Anna lives in Berlin.', importance: 0.9 },
			'person'
		);
		expect(edited).toMatchObject({ version: 3, text: 'Anna lives in Berlin.', importance: 0.9 });

		const history = await repos.memories.versions(memory.id);
		expect(history.map((v) => [v.version, v.reason, v.by, v.text])).toEqual([
			[3, 'edited', 'person', 'Anna lives in Berlin.'],
			[2, 'updated', 'model', 'Anna lives in Berlin now.'],
			[1, 'created', 'model', 'Anna lives in Hamburg.']
		]);
		expect(changes.map((c) => c.upserted.map((m) => m.text))).toEqual([
			['Anna lives in Hamburg.'],
			['Anna lives in Berlin now.'],
			['Anna lives in Berlin.']
		]);
	});

	it('an update that changes nothing makes no version', async () => {
		const { repos } = fresh();
		const memory = await repos.memories.add(fact, 'model');
		const same = await repos.memories.update(memory.id, { text: `  ${fact.text} ` }, 'model');
		expect(same.version).toBe(1);
		expect(await repos.memories.versions(memory.id)).toHaveLength(1);
	});

	it('refuses empty, oversized and misplaced memories with a clear message', async () => {
		const { repos, db } = fresh();
		await expect(repos.memories.add({ ...fact, text: '   ' }, 'person')).rejects.toThrow(
			'Write what should be remembered.'
		);
		await expect(repos.memories.add({ ...fact, text: 'x'.repeat(501) }, 'model')).rejects.toThrow(
			ValidationError
		);
		await expect(
			repos.memories.add({ ...fact, namespace: 'companion:../etc' }, 'model')
		).rejects.toThrow(/namespace/);
		await expect(repos.memories.add({ ...fact, importance: 2 }, 'model')).rejects.toThrow(
			'Importance is between 0 and 1.'
		);
		expect(await db.memories.count()).toBe(0);
	});

	it('forgets a memory with its history; pinning is not a new version', async () => {
		const { repos, db, changes, emitted } = fresh();
		const memory = await repos.memories.add(fact, 'person');
		await repos.memories.update(memory.id, { importance: 0.3 }, 'person');
		await repos.memories.setPinned(memory.id, true);
		expect(await repos.memories.get(memory.id)).toMatchObject({ pinned: true, version: 2 });
		expect((await repos.memories.get(memory.id))?.pinnedAt).toBeGreaterThan(0);
		expect(await repos.memories.pinned(['shared'])).toHaveLength(1);
		expect(await repos.memories.pinned(['companion:other'])).toHaveLength(0);
		await repos.memories.setPinned(memory.id, false);
		expect(await repos.memories.pinned(['shared'])).toHaveLength(0);
		expect((await repos.memories.get(memory.id))?.pinnedAt).toBeUndefined();
		await repos.memories.setPinned(memory.id, true);

		await repos.memories.remove([memory.id], 'person');
		expect(await db.memories.count()).toBe(0);
		expect(await db.memoryVersions.count()).toBe(0);
		expect(changes.at(-1)).toEqual({ upserted: [], removed: [memory.id] });
		expect(emitted).toContain('saved:memories');
	});

	it('lists by namespace, finds mentions ignoring case and accents, and the latest episode', async () => {
		const { repos } = fresh();
		const lena = await repos.companions.create(companionDraft({ name: 'Lena' }));
		const ns = `companion:${lena.id}`;
		await repos.memories.add({ ...fact, text: 'Anna works for Müller GmbH.' }, 'model');
		await repos.memories.add(
			{ kind: 'episodic', namespace: ns, text: 'We talked about work.', importance: 0.4 },
			'model'
		);
		const second = await repos.memories.add(
			{
				kind: 'episodic',
				namespace: ns,
				text: 'We practised ordering coffee.',
				importance: 0.4,
				sourceConversationId: 'c2'
			},
			'model'
		);
		await repos.memories.add(
			{ ...fact, namespace: 'companion:other', text: 'Private to someone else.' },
			'model'
		);

		const listed = await repos.memories.list(['shared', ns]);
		expect(listed.map((m) => m.text)).toEqual([
			'We practised ordering coffee.',
			'We talked about work.',
			'Anna works for Müller GmbH.'
		]);
		expect((await repos.memories.mentioning('MULLER', ['shared', ns])).map((m) => m.text)).toEqual([
			'Anna works for Müller GmbH.'
		]);
		expect((await repos.memories.latestEpisode(lena.id))?.id).toBe(second.id);
		expect((await repos.memories.latestEpisode(lena.id, 'c2'))?.text).toBe('We talked about work.');
		expect((await repos.memories.episodeFor('c2'))?.id).toBe(second.id);
		expect(
			(await repos.memories.mostImportant(['shared', ns], 2)).map((m) => m.importance)
		).toEqual([0.8, 0.4]);
	});

	it('deleting a companion forgets its private memories and keeps the shared ones', async () => {
		const { repos, db, changes } = fresh();
		const mia = await repos.companions.create(companionDraft());
		const shared = await repos.memories.add(fact, 'model');
		const own = await repos.memories.add(
			{ ...fact, kind: 'procedural', namespace: `companion:${mia.id}`, text: 'Fewer corrections.' },
			'model'
		);
		await repos.companions.remove(mia.id);
		expect(await db.memories.toCollection().primaryKeys()).toEqual([shared.id]);
		expect(changes.at(-1)).toEqual({ upserted: [], removed: [own.id] });
	});
});
