import { afterEach, describe, expect, it } from 'vitest';
import { KompanionDb } from '$lib/db/database';
import { formatRev, parseRev } from '$lib/db/hlc';
import { companionDraft, makeTestDb } from '../../helpers/factories';

const REV = /^[0-9a-z]{9}-[0-9a-z]{4}-[0-9a-z]{16}$/;

describe('row versions on every write', () => {
	let ctx = makeTestDb();
	const others: KompanionDb[] = [];
	afterEach(async () => {
		for (const db of others.splice(0)) db.close();
		await ctx.db.delete();
		ctx = makeTestDb();
	});

	it('every repo write to a synced table stamps a fresh rev from this device', async () => {
		const { repos, db } = ctx;
		const mia = await repos.companions.create(companionDraft());
		expect(mia.rev).toMatch(REV);
		const device = (await db.device.get('this'))!.id;
		expect(parseRev(mia.rev).device).toBe(device);

		const chat = await repos.conversations.create(mia.id, 'chat');
		const chatRev = (await db.conversations.get(chat.id))!.rev;
		await repos.messages.add({
			conversationId: chat.id,
			role: 'user',
			content: 'Hi',
			status: 'complete'
		});
		// Adding a message touches its conversation with Table.update: a new rev there too.
		expect((await db.conversations.get(chat.id))!.rev > chatRev).toBe(true);

		const memory = await repos.memories.add(
			{ kind: 'semantic', namespace: 'shared', text: 'Anna likes tea.', importance: 0.5 },
			'person'
		);
		const memoryRev = (await db.memories.get(memory.id))!.rev;
		await repos.memories.setPinned(memory.id, true);
		expect((await db.memories.get(memory.id))!.rev > memoryRev).toBe(true);

		await repos.profile.save({ name: 'Anna', nativeLanguage: 'en' });
		await db.settings.put({ key: 'presets.seeded', value: true });
		const rows = [
			...(await db.messages.toArray()),
			...(await db.memoryVersions.toArray()),
			...(await db.profile.toArray()),
			...(await db.settings.toArray())
		];
		expect(rows.length).toBeGreaterThanOrEqual(4);
		for (const row of rows) expect(parseRev(row.rev).device).toBe(device);
	});

	it('a row’s rev grows with every write, even after a rev from a clock far ahead', async () => {
		const { repos, db } = ctx;
		const mia = await repos.companions.create(companionDraft());
		// Another device (or this one before its clock was set back) wrote it an hour ahead.
		const ahead = formatRev({ wall: Date.now() + 3_600_000, counter: 3, device: 'bbbbbbbb' });
		await db.companions.update(mia.id, { rev: ahead });
		expect((await db.companions.get(mia.id))!.rev).toBe(ahead); // a given rev is kept

		const edited = await repos.companions.update(mia.id, companionDraft({ name: 'Mia B.' }));
		expect(edited.rev > ahead).toBe(true);
		expect(parseRev(edited.rev).device).not.toBe('bbbbbbbb');
		// And the clock stays past it for every later row.
		expect((await repos.companions.create(companionDraft({ name: 'Jo' }))).rev > ahead).toBe(true);
	});

	it('a row that arrives with a rev keeps it; a copy gets its own', async () => {
		const { repos, db } = ctx;
		const given = formatRev({ wall: 1000, counter: 0, device: 'cccccccc' });
		const mia = await repos.companions.create(companionDraft());
		await db.companions.put({ ...mia, id: 'from-elsewhere', rev: given });
		expect((await db.companions.get('from-elsewhere'))!.rev).toBe(given);
		const copy = await repos.companions.duplicate('from-elsewhere');
		expect(copy.rev).not.toBe(given);
		expect(parseRev(copy.rev).device).not.toBe('cccccccc');
	});

	it('two tabs share this device’s id and never make the same rev for one row', async () => {
		const tabA = ctx.db;
		const tabB = new KompanionDb(tabA.name);
		others.push(tabB);
		const mia = await ctx.repos.companions.create(companionDraft());
		await tabB.open();
		expect(tabB.clock.device).toBe(tabA.clock.device);
		const revs = [mia.rev];
		for (let i = 0; i < 10; i++) {
			const tab = i % 2 ? tabA : tabB;
			await tab.companions.update(mia.id, { name: `Mia ${i}` });
			revs.push((await tab.companions.get(mia.id))!.rev);
		}
		expect(new Set(revs).size).toBe(revs.length);
		expect([...revs].sort()).toEqual(revs);
	});
});
