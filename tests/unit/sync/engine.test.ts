import type { PGlite } from '@electric-sql/pglite';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SyncEngine, compareTime } from '$lib/sync/engine';
import { SyncError } from '$lib/sync/errors';
import { connect, sessionStorageIn, SupabaseRemote } from '$lib/sync/remote';
import { applyMigrations, createPostgres, resetData } from '../../helpers/postgres.ts';
import {
	startSupabaseStandin,
	type SupabaseStandin
} from '../../helpers/supabase-standin/index.ts';
import { companionDraft, makeTestDb } from '../../helpers/factories';

/**
 * The sync engine between devices (fake-indexeddb databases) through supabase-js and the FAKE
 * Supabase stand-in over real Postgres (PGlite), where RLS decides what each person sees.
 */
let pg: PGlite;
let project: SupabaseStandin;

beforeAll(async () => {
	pg = await createPostgres();
	await applyMigrations(pg);
	project = await startSupabaseStandin({ db: pg });
}, 60_000);

afterAll(async () => {
	await project?.close();
	await pg?.close();
});

const devices: ReturnType<typeof makeTestDb>[] = [];
afterEach(async () => {
	for (const device of devices.splice(0)) await device.db.delete();
	project.reset();
	await resetData(pg);
});

interface Device {
	ctx: ReturnType<typeof makeTestDb>;
	client: SupabaseClient;
	engine: SyncEngine;
}

async function device(email: string, password = 'correct horse'): Promise<Device> {
	const ctx = makeTestDb();
	devices.push(ctx);
	await ctx.db.open();
	const client = connect(
		{ url: project.url, anonKey: project.anonKey },
		sessionStorageIn(ctx.db.syncState),
		{ webSocket: WebSocket }
	);
	const { error } = await client.auth.signInWithPassword({ email, password });
	if (error) throw error;
	const engine = new SyncEngine(ctx.db, new SupabaseRemote(client), ctx.bus, { batch: 50 });
	return { ctx, client, engine };
}

async function person(email: string) {
	await project.createUser(email, 'correct horse');
	return email;
}

describe('sync between two devices of one person', { timeout: 30_000 }, () => {
	it('a companion made and edited on A arrives on B; a delete follows; secrets stay', async () => {
		const anna = await person('anna@example.test');
		const a = await device(anna);
		const b = await device(anna);
		const mia = await a.ctx.repos.companions.create(companionDraft({ name: 'Mia' }));
		await a.ctx.repos.settings.set('llm.endpoint.apiKey', 'sk-secret-of-a');
		const first = await a.engine.run();
		expect(first.pushed).toBeGreaterThan(0);
		expect(await a.ctx.db.outbox.count()).toBe(0);

		await b.engine.run();
		expect((await b.ctx.db.companions.get(mia.id))?.name).toBe('Mia');
		expect(await b.ctx.db.settings.get('llm.endpoint.apiKey')).toBeUndefined();
		const { rows } = await pg.query(
			`select count(*)::int as n from public.settings where id like '%apiKey%'`
		);
		expect(rows).toEqual([{ n: 0 }]);

		await a.ctx.repos.companions.update(mia.id, { ...companionDraft(), name: 'Mia B.' });
		await a.engine.run();
		await b.engine.run();
		expect((await b.ctx.db.companions.get(mia.id))?.name).toBe('Mia B.');
		// B pulled it: nothing goes back from B (applied rows are not queued).
		expect(await b.ctx.db.outbox.count()).toBe(0);

		await b.ctx.db.companions.delete(mia.id);
		await b.engine.run();
		await a.engine.run();
		expect(await a.ctx.db.companions.get(mia.id)).toBeUndefined();
	});

	it('rows written before sync was set up go up once it is (enqueueEverything)', async () => {
		const anna = await person('anna@example.test');
		const a = await device(anna);
		a.ctx.db.trackOutbox = () => false;
		await a.ctx.repos.companions.seedPresets();
		await a.ctx.repos.companions.create(companionDraft({ name: 'Mia' }));
		expect(await a.ctx.db.outbox.count()).toBe(0);
		a.ctx.db.trackOutbox = () => true;
		expect(await a.engine.enqueueEverything()).toBeGreaterThanOrEqual(3);
		await a.engine.run();
		const b = await device(anna);
		await b.engine.run();
		expect((await b.ctx.db.companions.toArray()).map((c) => c.name).sort()).toEqual(
			(await a.ctx.db.companions.toArray()).map((c) => c.name).sort()
		);
	});

	it('both edit one message offline: the later rev wins on both, whoever syncs first', async () => {
		const anna = await person('anna@example.test');
		const a = await device(anna);
		const b = await device(anna);
		const mia = await a.ctx.repos.companions.create(companionDraft());
		const chat = await a.ctx.repos.conversations.create(mia.id, 'chat');
		const message = await a.ctx.repos.messages.add({
			conversationId: chat.id,
			role: 'user',
			content: 'Hallo',
			status: 'complete'
		});
		await a.engine.run();
		await b.engine.run();

		await a.ctx.db.messages.update(message.id, { content: 'Hallo von A' });
		await b.ctx.db.messages.update(message.id, { content: 'Hallo von B' });
		const revA = (await a.ctx.db.messages.get(message.id))!.rev;
		const revB = (await b.ctx.db.messages.get(message.id))!.rev;
		const winner = revA > revB ? 'Hallo von A' : 'Hallo von B';
		// The later writer syncs first; the earlier one's push must not overwrite it.
		const [first, second] = revA > revB ? [a, b] : [b, a];
		await first.engine.run();
		await second.engine.run();
		await first.engine.run();
		expect((await a.ctx.db.messages.get(message.id))!.content).toBe(winner);
		expect((await b.ctx.db.messages.get(message.id))!.content).toBe(winner);
	});

	it("keeps a memory's whole history when both devices edit it", async () => {
		const anna = await person('anna@example.test');
		const a = await device(anna);
		const b = await device(anna);
		const memory = await a.ctx.repos.memories.add(
			{ kind: 'semantic', namespace: 'shared', text: 'Anna lives in Hamburg.', importance: 0.5 },
			'person'
		);
		await a.engine.run();
		await b.engine.run();
		await a.ctx.repos.memories.update(memory.id, { text: 'Anna lives in Bremen.' }, 'person');
		await b.ctx.repos.memories.update(memory.id, { text: 'Anna lives in Kiel.' }, 'person');
		await a.engine.run();
		await b.engine.run();
		await a.engine.run();
		const texts = async (d: Device) =>
			(await d.ctx.db.memoryVersions.where('memoryId').equals(memory.id).toArray())
				.map((version) => version.text)
				.sort();
		expect(await texts(a)).toEqual([
			'Anna lives in Bremen.',
			'Anna lives in Hamburg.',
			'Anna lives in Kiel.'
		]);
		expect(await texts(b)).toEqual(await texts(a));
		expect((await a.ctx.db.memories.get(memory.id))!.text).toBe(
			(await b.ctx.db.memories.get(memory.id))!.text
		);
	});

	it('recordings: details sync once finished, media stay; a delete takes the media along', async () => {
		const anna = await person('anna@example.test');
		const a = await device(anna);
		const b = await device(anna);
		const recordings = a.ctx.repos.recordings;
		await recordings.create({
			id: 'rec-1',
			title: 'Call with Mia',
			mimeType: 'video/webm',
			startedAt: Date.now()
		});
		await recordings.appendChunk('rec-1', 0, new Blob([new Uint8Array(10)]), 1000);
		await a.engine.run();
		await b.engine.run();
		// Still being made: not sent yet.
		expect(await b.ctx.db.recordings.get('rec-1')).toBeUndefined();

		await recordings.finish('rec-1', 'complete', { durationMs: 1000 });
		await a.engine.run();
		await b.engine.run();
		expect(await b.ctx.db.recordings.get('rec-1')).toMatchObject({
			status: 'complete',
			chunkCount: 1
		});
		expect(await b.ctx.db.recordingChunks.count()).toBe(0);
		await expect(b.ctx.repos.recordings.playable('rec-1')).rejects.toMatchObject({
			code: 'recording/elsewhere',
			message: expect.stringMatching(/other device/u)
		});

		await b.ctx.repos.recordings.delete('rec-1');
		await b.engine.run();
		await a.engine.run();
		expect(await a.ctx.db.recordings.get('rec-1')).toBeUndefined();
		expect(await a.ctx.db.recordingChunks.count()).toBe(0);
	});

	it('recording media: uploaded in parts when asked, downloaded on the other device, removed with it', async () => {
		const anna = await person('anna@example.test');
		const a = await device(anna);
		const b = await device(anna);
		await a.ctx.repos.recordings.create({
			id: 'rec-2',
			title: 'Call with Lena',
			mimeType: 'audio/webm',
			startedAt: Date.now()
		});
		const parts = ['eins', 'zwei', 'drei'];
		for (const [seq, text] of parts.entries()) {
			await a.ctx.repos.recordings.appendChunk('rec-2', seq, new Blob([text]), 1000 * (seq + 1));
		}
		await a.ctx.repos.recordings.finish('rec-2', 'complete', { durationMs: 3000 });
		const remote = new SupabaseRemote(a.client);
		const { blobs } = await a.ctx.repos.recordings.playable('rec-2');
		await remote.uploadMedia('rec-2', blobs, 'audio/webm');
		await a.ctx.db.recordings.update('rec-2', { cloudParts: blobs.length });
		await a.engine.run();
		await b.engine.run();
		expect(await b.ctx.db.recordings.get('rec-2')).toMatchObject({ cloudParts: 3 });

		const downloaded = await new SupabaseRemote(b.client).downloadMedia('rec-2', 3);
		expect(await Promise.all(downloaded.map((blob) => blob.text()))).toEqual(parts);
		// Another person cannot read them.
		await person('ben@example.test');
		const ben = await device('ben@example.test');
		const { data: user } = await a.client.auth.getUser();
		const stolen = await ben.client.storage.from('recordings').download(`${user.user!.id}/rec-2/0`);
		expect(stolen.data).toBeNull();

		await a.ctx.repos.recordings.delete('rec-2');
		await a.engine.run();
		const { rows } = await pg.query(`select name from storage.objects where name like '%rec-2%'`);
		expect(rows).toEqual([]);
	});

	it('another person sees none of it', async () => {
		const anna = await person('anna@example.test');
		const ben = await person('ben@example.test');
		const a = await device(anna);
		await a.ctx.repos.companions.create(companionDraft({ name: 'Mia' }));
		await a.engine.run();
		const other = await device(ben);
		// What changed: Ben's view of sync_heads knows nothing of Anna's rows; anon gets nothing.
		const heads = await new SupabaseRemote(other.client).heads();
		expect(Object.values(heads).every((head) => head === null)).toBe(true);
		const anon = await fetch(`${project.url}/rest/v1/sync_heads?select=*`, {
			headers: { apikey: project.anonKey }
		});
		expect(anon.ok).toBe(false);
		const progress = await other.engine.run();
		expect(progress.pulled).toBe(0);
		expect((await other.ctx.db.companions.toArray()).map((c) => c.name)).not.toContain('Mia');
	});

	it('resumes a pull in batches, and skips and reports a bad row while the rest applies', async () => {
		const anna = await person('anna@example.test');
		const a = await device(anna);
		const b = await device(anna);
		for (let i = 0; i < 120; i++) {
			await a.ctx.db.settings.put({ key: `test.${String(i).padStart(3, '0')}`, value: i });
		}
		await a.engine.run();
		// A row no device wrote: its data fails the settings schema.
		const { rows } = await pg.query<{ user_id: string }>(
			`select user_id from public.settings limit 1`
		);
		await pg.query(
			`insert into public.settings (user_id, id, rev, data) values ($1, 'bad', '0zzzzzzzz-0000-ffffffff', '{"key": 7}')`,
			[rows[0].user_id]
		);
		// A known setting with a value of the wrong type.
		await pg.query(
			`insert into public.settings (user_id, id, rev, data) values ($1, 'speech.silenceMs', '0zzzzzzzz-0000-ffffffff', '{"key": "speech.silenceMs", "value": "loud"}')`,
			[rows[0].user_id]
		);
		// Two days that claim the same [companionId+date]: the database refuses the second one.
		const day = (id: string) => ({
			id,
			companionId: 'c1',
			date: '2026-12-01',
			events: [],
			writtenBy: 'generator',
			createdAt: 1,
			updatedAt: 1
		});
		for (const id of ['c1/2026-12-01', 'c1/2026-12-01-copy']) {
			await pg.query(
				`insert into public.life_days (user_id, id, rev, data) values ($1, $2, '0zzzzzzzz-0000-ffffffff', $3)`,
				[rows[0].user_id, id, JSON.stringify(day(id))]
			);
		}
		const progress = await b.engine.run();
		expect(progress.pulled).toBe(121);
		expect(progress.skipped).toMatchObject([
			{ table: 'lifeDays', id: 'c1/2026-12-01-copy' },
			{ table: 'settings', id: 'bad' },
			{ table: 'settings', id: 'speech.silenceMs' }
		]);
		expect(await b.ctx.db.settings.get('speech.silenceMs')).toBeUndefined();
		expect(await b.ctx.db.lifeDays.get('c1/2026-12-01')).toBeDefined();
		expect(await b.ctx.db.settings.where('key').startsWith('test.').count()).toBe(120);
		const cursor = await b.ctx.db.syncState.get('cursor:settings');
		expect(cursor?.value).toMatchObject({ id: expect.any(String) });
		// Nothing new: the next run asks once and pulls nothing.
		project.requests.length = 0;
		expect((await b.engine.run()).pulled).toBe(0);
		expect(project.requests.filter((r) => r.includes('/rest/v1/settings'))).toEqual([]);
	});
});

describe('sync when things go wrong', { timeout: 30_000 }, () => {
	it('a 500, an HTML page and a dropped connection keep the outbox; the next run resumes', async () => {
		const anna = await person('anna@example.test');
		const a = await device(anna);
		await a.ctx.repos.companions.create(companionDraft({ name: 'Mia' }));
		const pending = await a.ctx.db.outbox.count();

		project.injectFault({ path: /\/rest\/v1\/companions/u, kind: 'status', status: 500 });
		await expect(a.engine.run()).rejects.toMatchObject({ kind: 'server' });
		project.injectFault({
			path: /\/rest\/v1\/companions/u,
			kind: 'status',
			status: 200,
			contentType: 'text/html',
			body: '<!doctype html><title>Sign in to the captive portal</title>'
		});
		const html = await a.engine.run().catch((error: unknown) => error);
		expect(html).toBeInstanceOf(SyncError);
		expect(html).toMatchObject({ kind: 'config', message: expect.stringMatching(/project URL/u) });
		project.injectFault({ path: /\/rest\/v1\/companions/u, kind: 'drop' });
		await expect(a.engine.run()).rejects.toMatchObject({ kind: 'network' });
		expect(await a.ctx.db.outbox.count()).toBe(pending);

		await a.engine.run();
		expect(await a.ctx.db.outbox.count()).toBe(0);
		const { rows } = await pg.query(`select data->>'name' as name from public.companions`);
		expect(rows).toContainEqual({ name: 'Mia' });
	});

	it('a revoked session is an auth error with what to do, and nothing is lost', async () => {
		const anna = await person('anna@example.test');
		const a = await device(anna);
		await a.ctx.repos.companions.create(companionDraft({ name: 'Mia' }));
		const { data } = await a.client.auth.getUser();
		project.revokeSessions(data.user!.id);
		// The access token still works until it expires; a forged expired one stands in for that.
		const expired = new SupabaseRemote(
			connect(
				{ url: project.url, anonKey: project.anonKey },
				sessionStorageIn(a.ctx.db.syncState),
				{
					webSocket: WebSocket,
					fetch: (input, init) => {
						const headers = new Headers(init?.headers);
						headers.set(
							'authorization',
							`Bearer ${project.sign({ sub: data.user!.id, role: 'authenticated', exp: 1 })}`
						);
						return fetch(input, { ...init, headers });
					}
				}
			)
		);
		const engine = new SyncEngine(a.ctx.db, expired, a.ctx.bus);
		const error = await engine.run().catch((e: unknown) => e);
		expect(error).toMatchObject({
			kind: 'auth',
			message: expect.stringMatching(/sign in again/iu)
		});
		expect(await a.ctx.db.outbox.count()).toBeGreaterThan(0);
	});

	it('orders server times to the microsecond', () => {
		expect(
			compareTime('2026-12-07T10:00:00.123456+00:00', '2026-12-07T10:00:00.123455+00:00')
		).toBe(1);
		expect(compareTime('2026-12-07T10:00:00.1+00:00', '2026-12-07T10:00:00.100000+00:00')).toBe(0);
		expect(compareTime('2026-12-07T09:00:00+00:00', '2026-12-07T10:00:00.000001+01:00')).toBe(-1);
	});
});
