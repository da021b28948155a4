import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError, ValidationError, NotFoundError } from '$lib/errors';
import { PRESETS } from '$lib/companion/presets';
import { companionDraft, makeTestDb } from '../../helpers/factories';

describe('CompanionRepo', () => {
	let ctx = makeTestDb();
	afterEach(async () => {
		await ctx.db.delete();
		ctx = makeTestDb();
	});

	it('seeds the built-in companions once, even when one is deleted later', async () => {
		expect(await ctx.repos.companions.seedPresets()).toBe(PRESETS.length);
		const names = (await ctx.repos.companions.list()).map((c) => c.name);
		expect(names).toEqual(['Lena', 'Sam']);
		const lena = (await ctx.repos.companions.list())[0];
		expect(lena.tutor).toMatchObject({ enabled: true, cefrLevel: 'A2' });
		expect(lena.languages[0]).toBe('de');

		await ctx.repos.companions.remove(lena.id);
		expect(await ctx.repos.companions.seedPresets()).toBe(0);
		expect((await ctx.repos.companions.list()).map((c) => c.name)).toEqual(['Sam']);
		expect(ctx.emitted).toEqual(['saved:companions']); // seeding is not a person's save
	});

	it('creates, edits, duplicates and deletes a companion', async () => {
		const created = await ctx.repos.companions.create(companionDraft({ name: '  Mia  ' }));
		expect(created.name).toBe('Mia');
		expect(created.createdAt).toBe(created.updatedAt);

		const edited = await ctx.repos.companions.update(created.id, {
			...companionDraft(),
			name: 'Mia Sophie',
			languages: ['de']
		});
		expect(edited).toMatchObject({ id: created.id, name: 'Mia Sophie', languages: ['de'] });
		expect(edited.updatedAt).toBeGreaterThan(created.updatedAt);

		const copy = await ctx.repos.companions.duplicate(created.id);
		expect(copy.id).not.toBe(created.id);
		expect(copy.name).toBe('Mia Sophie (copy)');
		expect(copy.languages).toEqual(['de']);

		await ctx.repos.companions.remove(created.id);
		expect((await ctx.repos.companions.list()).map((c) => c.id)).toEqual([copy.id]);
		await expect(ctx.repos.companions.require(created.id)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('refuses a save based on an older version, keeping the newer one, until told to overwrite', async () => {
		const mia = await ctx.repos.companions.create(companionDraft({ persona: 'Version 1.' }));
		// Tab A saves first; tab B's form still holds the rev it loaded.
		const fromA = await ctx.repos.companions.update(
			mia.id,
			companionDraft({ persona: 'From tab A.' }),
			mia.rev
		);
		expect(fromA.rev > mia.rev).toBe(true);
		const stale = ctx.repos.companions.update(
			mia.id,
			companionDraft({ persona: 'From tab B.' }),
			mia.rev
		);
		const error = await stale.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ConflictError);
		expect(error).toMatchObject({ code: 'data/conflict', expected: true });
		expect((error as ConflictError<typeof fromA>).latest).toEqual(fromA);
		expect((await ctx.repos.companions.require(mia.id)).persona).toBe('From tab A.');
		ctx.emitted.length = 0;

		// The person keeps theirs: saved over the version they have now seen.
		const kept = await ctx.repos.companions.update(
			mia.id,
			companionDraft({ persona: 'From tab B.' }),
			fromA.rev
		);
		expect(kept).toMatchObject({ persona: 'From tab B.' });
		expect(await ctx.repos.companions.require(mia.id)).toEqual(kept);
		expect(ctx.emitted).toEqual(['saved:companions']);
	});

	it('numbers copies and keeps them within the name limit, even from a 40-character name', async () => {
		const long = await ctx.repos.companions.create(companionDraft({ name: 'L'.repeat(40) }));
		const first = await ctx.repos.companions.duplicate(long.id);
		const second = await ctx.repos.companions.duplicate(long.id);
		const ofCopy = await ctx.repos.companions.duplicate(first.id);
		expect(first.name).toBe(`${'L'.repeat(33)} (copy)`);
		expect(second.name).toBe(`${'L'.repeat(31)} (copy 2)`);
		expect(ofCopy.name).toBe(`${'L'.repeat(31)} (copy 3)`);
		const names = (await ctx.repos.companions.list()).map((c) => c.name);
		expect(new Set(names).size).toBe(4);
		expect(names.every((name) => name.length <= 40)).toBe(true);
		// A copy can be edited and saved like any companion (the name passes validation).
		await expect(
			ctx.repos.companions.update(first.id, companionDraft({ name: first.name }))
		).resolves.toMatchObject({ name: first.name });
	});

	it('rejects invalid drafts with field messages and stores nothing', async () => {
		const attempt = ctx.repos.companions.create(
			companionDraft({ name: '   ', persona: 'x'.repeat(2001) })
		);
		const error = await attempt.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ValidationError);
		const fields = (error as ValidationError).byField();
		expect(fields.name).toBe('Please give your companion a name.');
		expect(fields.persona).toBe(
			'The persona is too long: 2001 characters, at most 2000. Please shorten it.'
		);
		expect(await ctx.db.companions.count()).toBe(0);
	});

	it('deleting a companion removes its conversations and private memories, keeps shared ones', async () => {
		const mia = await ctx.repos.companions.create(companionDraft());
		const other = await ctx.repos.companions.create(companionDraft({ name: 'Other' }));
		const chat = await ctx.repos.conversations.create(mia.id, 'chat');
		const otherChat = await ctx.repos.conversations.create(other.id, 'chat');
		await ctx.repos.messages.add({
			conversationId: chat.id,
			role: 'user',
			content: 'Hi',
			status: 'complete'
		});
		await ctx.repos.messages.add({
			conversationId: otherChat.id,
			role: 'user',
			content: 'Yo',
			status: 'complete'
		});
		const base = {
			importance: 0.5,
			pinned: false,
			version: 1,
			createdBy: 'model' as const,
			createdAt: 1,
			updatedAt: 1
		};
		await ctx.db.memories.bulkAdd([
			{ ...base, id: 'm1', kind: 'episodic', namespace: `companion:${mia.id}`, text: 'We talked.' },
			{ ...base, id: 'm2', kind: 'semantic', namespace: 'shared', text: 'Name is Anna.' }
		]);

		// The tutor's rows about Mia's conversations go with them; the other companion's stay.
		for (const [companionId, conversationId, messageId] of [
			[mia.id, chat.id, 'mm1'],
			[other.id, otherChat.id, 'om1']
		]) {
			await ctx.repos.corrections.put({
				messageId,
				conversationId,
				companionId,
				language: 'de',
				mode: 'typed',
				text: 'Ich habe',
				corrected: 'Ich habe',
				edits: [],
				flags: [],
				llm: 'off'
			});
			await ctx.repos.levelSamples.add({
				companionId,
				conversationId,
				language: 'de',
				role: 'learner',
				level: 'A1',
				score: 1,
				words: 2
			});
			await ctx.repos.scenarios.startRun({
				scenarioId: 'de-baeckerei',
				companionId,
				conversationId
			});
		}

		await ctx.repos.companions.remove(mia.id);

		for (const table of ['corrections', 'levelSamples', 'scenarioRuns'] as const)
			expect(
				(await ctx.db[table].toArray()).map((row) => row.companionId),
				table
			).toEqual([other.id]);
		expect(await ctx.db.conversations.toCollection().primaryKeys()).toEqual([otherChat.id]);
		expect((await ctx.db.messages.toArray()).map((m) => m.content)).toEqual(['Yo']);
		expect(await ctx.db.memories.toCollection().primaryKeys()).toEqual(['m2']);
	});
});
