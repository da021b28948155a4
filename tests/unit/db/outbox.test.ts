import { afterEach, describe, expect, it } from 'vitest';
import { untracked } from '$lib/db/outbox';
import { SYNCED_TABLES, TABLES, TABLE_NAMES } from '$lib/db/tables';
import { companionDraft, makeTestDb } from '../../helpers/factories';

describe('the outbox', () => {
	let ctx = makeTestDb();
	afterEach(async () => {
		await ctx.db.delete();
		ctx = makeTestDb();
	});

	it('every repo write to a synced table queues its row in the same transaction', async () => {
		const { repos, db } = ctx;
		const mia = await repos.companions.create(companionDraft());
		const chat = await repos.conversations.create(mia.id, 'chat');
		await repos.messages.add({
			conversationId: chat.id,
			role: 'user',
			content: 'Hallo',
			status: 'complete'
		});
		await repos.companions.update(mia.id, { ...companionDraft(), name: 'Mia B.' });
		const entries = await db.outbox.toArray();
		const named = entries.map(({ table, op }) => `${table} ${op}`);
		expect(named).toContain('companions put');
		expect(named).toContain('conversations put');
		expect(named).toContain('messages put');
		expect(entries.filter((e) => e.table === 'companions' && e.key === mia.id)).toHaveLength(2);
		expect(entries.every((e) => e.at > 0 && e.rev === undefined)).toBe(true);
	});

	it('a delete queues a tombstone with a rev newer than the row it deletes', async () => {
		const { repos, db } = ctx;
		const mia = await repos.companions.create(companionDraft());
		const rowRev = (await db.companions.get(mia.id))!.rev;
		await db.companions.delete(mia.id);
		const tombstone = (await db.outbox.toArray()).find((e) => e.op === 'delete');
		expect(tombstone).toMatchObject({ table: 'companions', key: mia.id });
		expect(tombstone!.rev! > rowRev).toBe(true);
	});

	it('a write that fails queues nothing: the entry shares its transaction', async () => {
		const { db } = ctx;
		await expect(
			db.transaction('rw', db.settings, async () => {
				await db.settings.put({ key: 'a', value: 1 });
				throw new Error('abort');
			})
		).rejects.toThrow('abort');
		expect(await db.outbox.count()).toBe(0);
		expect(await db.settings.count()).toBe(0);
	});

	it('rows applied by sync, device-local tables and clearing a table queue nothing', async () => {
		const { db } = ctx;
		await untracked(db, ['settings'], () => db.settings.put({ key: 'from-b', value: 1 }));
		await db.memoryVectors.put({
			block: 0,
			ids: [],
			vectors: new Int8Array(0),
			scales: new Float32Array(0)
		} as never);
		await db.settings.clear();
		expect(await db.outbox.count()).toBe(0);
		// The same database's ordinary writes are tracked again afterwards.
		await db.settings.put({ key: 'mine', value: 2 });
		expect(await db.outbox.toArray()).toMatchObject([{ table: 'settings', key: 'mine' }]);
	});

	it('queues nothing while sync is not set up, so the queue does not grow for nothing', async () => {
		const { repos, db } = ctx;
		db.trackOutbox = () => false;
		await repos.companions.create(companionDraft());
		expect(await db.outbox.count()).toBe(0);
		db.trackOutbox = () => true;
		await repos.companions.create(companionDraft());
		expect(await db.outbox.count()).toBe(1);
	});

	it('every table is either synced or declared device-local, so none is forgotten', () => {
		// A table added later must choose: add `synced: true` (and a server table, see
		// supabase/migrations) or add it here with the reason it stays on this device.
		const deviceLocal = {
			memoryVectors: 'derived from memories; rebuilt on each device',
			recordingChunks: 'media: uploaded only when the person asks',
			outbox: "sync's own queue",
			syncState: "sync's cursors and session",
			device: "this device's id"
		};
		for (const name of TABLE_NAMES) {
			const synced = SYNCED_TABLES.includes(name);
			expect(synced || name in deviceLocal, `${name} is neither synced nor device-local`).toBe(
				true
			);
			expect(synced && name in deviceLocal, `${name} is both`).toBe(false);
			expect(TABLES[name]).toBeDefined();
		}
	});
});
