import type { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { SyncService } from '$lib/sync/service.svelte';
import { applyMigrations, createPostgres, resetData } from '../../helpers/postgres.ts';
import {
	startSupabaseStandin,
	type SupabaseStandin
} from '../../helpers/supabase-standin/index.ts';
import { companionDraft, makeTestDb } from '../../helpers/factories';

/** Settings → Sync's service against the FAKE Supabase stand-in over PGlite. */
let pg: PGlite;
let project: SupabaseStandin;
/** The same project, handing out access tokens that expire at once (a session that ends). */
let shortLived: SupabaseStandin;
const APP = 'http://127.0.0.1:4173/#/settings/sync';

beforeAll(async () => {
	pg = await createPostgres();
	await applyMigrations(pg);
	project = await startSupabaseStandin({ db: pg, jwtSecret: 'a'.repeat(40) });
	shortLived = await startSupabaseStandin({
		db: pg,
		jwtSecret: 'a'.repeat(40),
		accessTokenSeconds: 1
	});
}, 60_000);

afterAll(async () => {
	await shortLived?.close();
	await project?.close();
	await pg?.close();
});

const services: SyncService[] = [];
const contexts: ReturnType<typeof makeTestDb>[] = [];
afterEach(async () => {
	for (const service of services.splice(0)) await service.stop();
	for (const ctx of contexts.splice(0)) await ctx.db.delete();
	project.reset();
	shortLived.reset();
	await resetData(pg);
});

function service(): { sync: SyncService; ctx: ReturnType<typeof makeTestDb> } {
	const ctx = makeTestDb();
	contexts.push(ctx);
	const sync = new SyncService(ctx.db, ctx.bus, { webSocket: WebSocket, redirectTo: () => APP });
	services.push(sync);
	return { sync, ctx };
}

describe('the sync service', { timeout: 30_000 }, () => {
	it('refuses a project address or key that cannot be right, saying what to enter', async () => {
		const { sync, ctx } = service();
		await expect(
			sync.configure({ url: 'supabase', anonKey: project.anonKey })
		).rejects.toMatchObject({ kind: 'config', message: expect.stringMatching(/project URL/u) });
		await expect(sync.configure({ url: project.url, anonKey: 'short' })).rejects.toMatchObject({
			message: expect.stringMatching(/anon \(public\) key/u)
		});
		expect(await ctx.db.syncState.get('config')).toBeUndefined();
	});

	it('signs in by magic link (PKCE, back as ?code= before the hash) and syncs in the background', async () => {
		const { sync, ctx } = service();
		await sync.configure({ url: project.url, anonKey: project.anonKey });
		expect(sync.phase).toBe('signed-out');
		await sync.sendMagicLink('anna@example.test');
		const link = project.magicLink('anna@example.test')!;
		const response = await fetch(link, { redirect: 'manual' });
		const back = new URL(response.headers.get('location')!);
		expect(back.hash).toBe('#/settings/sync');
		await sync.finishMagicLink(back.searchParams.get('code')!);
		expect(sync.email).toBe('anna@example.test');

		// A write is pushed by itself soon after.
		await ctx.repos.companions.create(companionDraft({ name: 'Mia' }));
		await vi.waitFor(
			async () => {
				const { rows } = await pg.query(
					`select 1 from public.companions where data->>'name' = 'Mia'`
				);
				expect(rows).toHaveLength(1);
			},
			{ timeout: 5000, interval: 100 }
		);
		await vi.waitFor(() => expect(sync.lastSyncedAt).toBeGreaterThan(0));
		await vi.waitFor(() => expect(sync.pending).toBe(0));

		// A link used twice is refused with a reason.
		const again = new URL((await fetch(link, { redirect: 'manual' })).headers.get('location')!);
		expect(again.searchParams.get('error_code')).toBe('otp_expired');
	});

	it('a session revoked elsewhere signs this device out with what to do; nothing local is lost', async () => {
		const userId = await shortLived.createUser('ben@example.test', 'correct horse');
		const { sync, ctx } = service();
		await sync.configure({ url: shortLived.url, anonKey: shortLived.anonKey });
		await sync.signIn('ben@example.test', 'correct horse');
		await vi.waitFor(() => expect(sync.lastSyncedAt).toBeGreaterThan(0), { timeout: 5000 });
		await sync.setEnabled(false);
		shortLived.revokeSessions(userId);
		await ctx.repos.companions.create(companionDraft({ name: 'Mia' }));
		// The access token expires (its exp is in whole seconds).
		await new Promise((resolve) => setTimeout(resolve, 2100));
		await sync.syncNow().catch(() => undefined);
		expect(sync.phase).toBe('signed-out');
		expect(sync.error).toMatch(/sign in again/iu);
		expect(await ctx.db.outbox.count()).toBeGreaterThan(0);
		expect((await ctx.db.companions.toArray()).map((c) => c.name)).toContain('Mia');
	});

	it("a recording's media go up when asked and come down on the other device", async () => {
		await project.createUser('anna@example.test', 'correct horse');
		const a = service();
		const b = service();
		for (const { sync } of [a, b]) {
			await sync.configure({ url: project.url, anonKey: project.anonKey });
			await sync.signIn('anna@example.test', 'correct horse');
		}
		const recordings = a.ctx.repos.recordings;
		await recordings.create({ id: 'rec-1', title: 'Call', mimeType: 'audio/webm', startedAt: 1 });
		await recordings.appendChunk('rec-1', 0, new Blob(['hallo ']), 1000);
		await recordings.appendChunk('rec-1', 1, new Blob(['welt']), 2000);
		await recordings.finish('rec-1', 'complete', { durationMs: 2000 });

		await vi.waitFor(async () => expect(await b.ctx.db.recordings.get('rec-1')).toBeDefined(), {
			timeout: 5000
		});
		await expect(b.sync.downloadRecording('rec-1')).rejects.toMatchObject({
			message: expect.stringMatching(/upload it on the device that made it/u)
		});
		await a.sync.uploadRecording('rec-1');
		await vi.waitFor(
			async () => expect(await b.ctx.db.recordings.get('rec-1')).toMatchObject({ cloudParts: 2 }),
			{ timeout: 5000 }
		);
		await b.sync.downloadRecording('rec-1');
		const { blobs } = await b.ctx.repos.recordings.playable('rec-1');
		expect(await new Blob(blobs).text()).toBe('hallo welt');
	});

	it('delete my cloud data empties the server for this person only; the device keeps everything', async () => {
		await project.createUser('anna@example.test', 'correct horse');
		await project.createUser('ben@example.test', 'correct horse');
		const anna = service();
		const ben = service();
		for (const [{ sync }, email] of [
			[anna, 'anna@example.test'],
			[ben, 'ben@example.test']
		] as const) {
			await sync.configure({ url: project.url, anonKey: project.anonKey });
			await sync.signIn(email, 'correct horse');
		}
		await anna.ctx.repos.companions.create(companionDraft({ name: 'Mia' }));
		await ben.ctx.repos.companions.create(companionDraft({ name: 'Bea' }));
		await anna.sync.syncNow();
		await ben.sync.syncNow();
		const count = async (email: string) =>
			(
				await pg.query<{ n: number }>(
					`select count(*)::int as n from public.companions c join auth.users u on u.id = c.user_id
					 where u.email = $1`,
					[email]
				)
			).rows[0].n;
		expect(await count('anna@example.test')).toBeGreaterThan(0);
		await anna.sync.deleteCloudData();
		expect(await count('anna@example.test')).toBe(0);
		expect(await count('ben@example.test')).toBeGreaterThan(0);
		expect(anna.sync.phase).toBe('off');
		expect((await anna.ctx.db.companions.toArray()).map((c) => c.name)).toContain('Mia');
	});

	it('a wrong anon key is refused with a message, and nothing is stored as signed in', async () => {
		await project.createUser('anna@example.test', 'correct horse');
		const { sync } = service();
		// The project's key with its signature changed (mid-way: the last character has spare bits).
		const key = project.anonKey;
		const at = key.length - 10;
		const forged = key.slice(0, at) + (key[at] === 'A' ? 'B' : 'A') + key.slice(at + 1);
		await sync.configure({ url: project.url, anonKey: forged });
		const error = await sync.signIn('anna@example.test', 'correct horse').catch((e: unknown) => e);
		expect(error).toMatchObject({ kind: 'config', message: expect.stringMatching(/anon key/u) });
		expect(sync.email).toBeUndefined();
	});

	it('a wrong password says so', async () => {
		await project.createUser('anna@example.test', 'correct horse');
		const { sync } = service();
		await sync.configure({ url: project.url, anonKey: project.anonKey });
		await expect(sync.signIn('anna@example.test', 'wrong')).rejects.toMatchObject({
			kind: 'auth',
			message: expect.stringMatching(/do not match/u)
		});
	});
});
