import type { PGlite } from '@electric-sql/pglite';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
	applyMigrations,
	createPostgres,
	publicTables,
	resetData
} from '../../helpers/postgres.ts';
import {
	startSupabaseStandin,
	type SupabaseStandin
} from '../../helpers/supabase-standin/index.ts';

let db: PGlite;
let project: SupabaseStandin;

beforeAll(async () => {
	db = await createPostgres();
	await applyMigrations(db);
	project = await startSupabaseStandin({ db });
}, 60_000);

afterAll(async () => {
	await project?.close();
	await db?.close();
});

afterEach(async () => {
	project.reset();
	await resetData(db);
});

interface Session {
	access_token: string;
	refresh_token: string;
	user: { id: string };
}

async function call(
	path: string,
	init: { method?: string; token?: string; body?: unknown; prefer?: string; apikey?: string } = {}
) {
	const headers: Record<string, string> = { apikey: init.apikey ?? project.anonKey };
	if (init.token) headers.authorization = `Bearer ${init.token}`;
	if (init.prefer) headers.prefer = init.prefer;
	if (init.body !== undefined) headers['content-type'] = 'application/json';
	const response = await fetch(project.url + path, {
		method: init.method ?? 'GET',
		headers,
		body: init.body === undefined ? undefined : JSON.stringify(init.body)
	});
	const text = await response.text();
	const type = response.headers.get('content-type') ?? '';
	return {
		status: response.status,
		headers: response.headers,
		body: type.includes('json') && text ? (JSON.parse(text) as unknown) : text
	};
}

async function signUpAndIn(email: string): Promise<Session> {
	await project.createUser(email, 'correct horse battery');
	const response = await call('/auth/v1/token?grant_type=password', {
		method: 'POST',
		body: { email, password: 'correct horse battery' }
	});
	expect(response.status).toBe(200);
	return response.body as Session;
}

const rev = (n: number) => `00000000${n}-0000-abcd`;
const upsert = 'return=representation,resolution=merge-duplicates';

describe(
	'Supabase stand-in (a FAKE PostgREST, GoTrue and Storage over real Postgres)',
	{ timeout: 30_000 },
	() => {
		it('signs in with a password and refuses a wrong one', async () => {
			const session = await signUpAndIn('a@example.test');
			expect(session.access_token.split('.')).toHaveLength(3);
			const wrong = await call('/auth/v1/token?grant_type=password', {
				method: 'POST',
				body: { email: 'a@example.test', password: 'wrong' }
			});
			expect(wrong).toMatchObject({
				status: 400,
				body: { error_code: 'invalid_credentials', msg: 'Invalid login credentials' }
			});
		});

		it('upserts, then pulls by cursor in pages, as sync will', async () => {
			const a = await signUpAndIn('a@example.test');
			const pushed = await call('/rest/v1/messages?on_conflict=user_id,id', {
				method: 'POST',
				token: a.access_token,
				prefer: upsert,
				body: [1, 2, 3].map((n) => ({ id: `m${n}`, rev: rev(n), data: { content: `hello ${n}` } }))
			});
			expect(pushed.status).toBe(201);
			const rows = pushed.body as { user_id: string; updated_at: string }[];
			expect(rows.map((row) => row.user_id)).toEqual([a.user.id, a.user.id, a.user.id]);
			// Postgres formats the timestamps, microseconds included, as PostgREST returns them.
			expect(rows[0].updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+00:00$/);

			const first = await call(
				'/rest/v1/messages?select=id,updated_at&order=updated_at.asc,id.asc&limit=2',
				{ token: a.access_token }
			);
			const page = first.body as { id: string; updated_at: string }[];
			expect(page.map((row) => row.id)).toEqual(['m1', 'm2']);
			const last = page[1];
			const cursor = new URLSearchParams({
				select: 'id',
				or: `(updated_at.gt.${last.updated_at},and(updated_at.eq.${last.updated_at},id.gt.${last.id}))`,
				order: 'updated_at.asc,id.asc',
				limit: '2'
			});
			const next = await call(`/rest/v1/messages?${cursor}`, { token: a.access_token });
			expect(next.body).toEqual([{ id: 'm3' }]);
			expect(next.headers.get('content-range')).toBe('0-0/*');
			const counted = await call('/rest/v1/messages?select=id&limit=1', {
				method: 'HEAD',
				token: a.access_token,
				prefer: 'count=exact'
			});
			expect(counted.headers.get('content-range')).toBe('0-0/3');
		});

		it('keeps the newer rev when an older push arrives', async () => {
			const a = await signUpAndIn('a@example.test');
			const push = (n: number, content: string) =>
				call('/rest/v1/companions', {
					method: 'POST',
					token: a.access_token,
					prefer: upsert,
					body: { id: 'c1', rev: rev(n), data: { name: content } }
				});
			await push(2, 'Lena');
			const stale = await push(1, 'Old Lena');
			expect(stale).toMatchObject({ status: 201, body: [] });
			const stored = await call('/rest/v1/companions?id=eq.c1&select=data', {
				token: a.access_token
			});
			expect(stored.body).toEqual([{ data: { name: 'Lena' } }]);
		});

		it("lets Postgres's RLS decide: B sees, changes and plants nothing of A's", async () => {
			const a = await signUpAndIn('a@example.test');
			const b = await signUpAndIn('b@example.test');
			await call('/rest/v1/memories', {
				method: 'POST',
				token: a.access_token,
				body: { id: 'mem1', rev: rev(1), data: { text: 'likes tea' } }
			});
			expect((await call('/rest/v1/memories', { token: b.access_token })).body).toEqual([]);

			const planted = await call('/rest/v1/memories', {
				method: 'POST',
				token: b.access_token,
				body: { user_id: a.user.id, id: 'mem2', rev: rev(1), data: {} }
			});
			expect(planted.status).toBe(403);
			expect(planted.body).toEqual({
				code: '42501',
				message: 'new row violates row-level security policy for table "memories"',
				details: null,
				hint: null
			});

			const patched = await call('/rest/v1/memories?id=eq.mem1', {
				method: 'PATCH',
				token: b.access_token,
				prefer: 'return=representation',
				body: { rev: rev(2), deleted: true }
			});
			const removed = await call(`/rest/v1/memories?user_id=eq.${a.user.id}`, {
				method: 'DELETE',
				token: b.access_token,
				prefer: 'return=representation'
			});
			expect([patched.body, removed.body]).toEqual([[], []]);
			const mine = await call('/rest/v1/memories?select=id,deleted', { token: a.access_token });
			expect(mine.body).toEqual([{ id: 'mem1', deleted: false }]);

			// The owner can.
			const tombstoned = await call('/rest/v1/memories?id=eq.mem1', {
				method: 'PATCH',
				token: a.access_token,
				body: { rev: rev(2), deleted: true }
			});
			const deleted = await call('/rest/v1/memories?id=eq.mem1', {
				method: 'DELETE',
				token: a.access_token,
				prefer: 'return=representation'
			});
			expect(tombstoned.status).toBe(204);
			expect(deleted.body).toMatchObject([{ id: 'mem1', deleted: true }]);
		});

		it('gives anon (the key without a session) nothing', async () => {
			const read = await call('/rest/v1/messages');
			const write = await call('/rest/v1/messages', {
				method: 'POST',
				body: { id: 'm1', rev: rev(1), data: {} }
			});
			expect([read.status, write.status]).toEqual([401, 401]);
			expect(read.body).toMatchObject({ code: '42501', details: null, hint: null });
		});

		it("answers with PostgREST's error bodies and statuses", async () => {
			const a = await signUpAndIn('a@example.test');
			const missing = await call('/rest/v1/nope', { token: a.access_token });
			expect(missing).toMatchObject({ status: 404, body: { code: 'PGRST205' } });
			await call('/rest/v1/memory_versions', {
				method: 'POST',
				token: a.access_token,
				body: { id: 'v1', rev: rev(1), data: { text: 'likes tea' } }
			});
			const rewrite = await call('/rest/v1/memory_versions?id=eq.v1', {
				method: 'PATCH',
				token: a.access_token,
				body: { rev: rev(2), data: { text: 'likes coffee' } }
			});
			expect(rewrite).toMatchObject({
				status: 400,
				body: {
					code: '23514',
					hint: "Add a new version instead; only a version's tombstone can be set."
				}
			});
			const badRev = await call('/rest/v1/companions', {
				method: 'POST',
				token: a.access_token,
				body: { id: 'c1', rev: 'yesterday', data: {} }
			});
			expect(badRev).toMatchObject({ status: 400, body: { code: '23514' } });
			const badFilter = await call('/rest/v1/companions?id=like', { token: a.access_token });
			expect(badFilter).toMatchObject({ status: 400, body: { code: 'PGRST100' } });
		});

		it('refuses expired and forged tokens and wrong keys', async () => {
			const a = await signUpAndIn('a@example.test');
			const past = Math.floor(Date.now() / 1000) - 60;
			const expired = project.sign({ sub: a.user.id, role: 'authenticated', exp: past });
			const [, payload] = a.access_token.split('.');
			const forged = `${a.access_token.split('.')[0]}.${payload}.${'x'.repeat(43)}`;
			const results = await Promise.all([
				call('/rest/v1/messages', { token: expired }),
				call('/rest/v1/messages', { token: forged }),
				call('/rest/v1/messages', { apikey: 'not-a-key' })
			]);
			expect(
				results.map((r) => [
					r.status,
					(r.body as { code?: string; message?: string }).code ??
						(r.body as { message: string }).message
				])
			).toEqual([
				[401, 'PGRST303'],
				[401, 'PGRST301'],
				[401, 'Invalid API key']
			]);
		});

		it('refreshes a session once per refresh token, and not after it was revoked', async () => {
			const a = await signUpAndIn('a@example.test');
			const refresh = (token: string) =>
				call('/auth/v1/token?grant_type=refresh_token', {
					method: 'POST',
					body: { refresh_token: token }
				});
			const renewed = await refresh(a.refresh_token);
			expect(renewed.status).toBe(200);
			expect(await refresh(a.refresh_token)).toMatchObject({
				status: 400,
				body: { error_code: 'refresh_token_already_used' }
			});
			project.revokeSessions(a.user.id);
			expect(await refresh((renewed.body as Session).refresh_token)).toMatchObject({
				status: 400,
				body: { error_code: 'refresh_token_not_found' }
			});
		});

		it('can answer with a 500 HTML page or drop the connection, for error-path tests', async () => {
			project.injectFault({ kind: 'status', status: 500, path: /^\/rest\// });
			const html = await call('/rest/v1/messages');
			expect(html.status).toBe(500);
			expect(html.headers.get('content-type')).toBe('text/html');
			project.injectFault({ kind: 'drop' });
			await expect(call('/rest/v1/messages')).rejects.toThrow();
			// Faults are used up: the next request is served.
			expect((await call('/rest/v1/messages')).status).toBe(401);
		});

		it("stores recording parts in each person's own folder, and nowhere else", async () => {
			const a = await signUpAndIn('a@example.test');
			const b = await signUpAndIn('b@example.test');
			const bytes = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3]);
			const object = (token: string, path: string, init: RequestInit = {}) =>
				fetch(`${project.url}/storage/v1/object/${path}`, {
					...init,
					headers: {
						apikey: project.anonKey,
						authorization: `Bearer ${token}`,
						...(init.headers as Record<string, string>)
					}
				});
			const json = { 'content-type': 'application/json' };
			const part = `recordings/${a.user.id}/rec-1/part-0000`;
			const upload = await object(a.access_token, part, {
				method: 'POST',
				headers: { 'content-type': 'video/webm' },
				body: bytes
			});
			expect(upload.status).toBe(200);
			expect(await upload.json()).toMatchObject({ Key: part });

			const again = await object(a.access_token, part, { method: 'POST', body: bytes });
			expect([again.status, await again.json()]).toEqual([
				400,
				{ statusCode: '409', error: 'Duplicate', message: 'The resource already exists' }
			]);

			// What storage-js sends for a Blob: a multipart form with the file and cacheControl.
			const form = new FormData();
			form.append('cacheControl', '3600');
			form.append('', new Blob([bytes], { type: 'audio/webm' }));
			const secondPart = `recordings/${a.user.id}/rec-1/part-0001`;
			const multipart = await object(a.access_token, secondPart, { method: 'POST', body: form });
			expect(multipart.status).toBe(200);
			const second = await object(a.access_token, secondPart);
			expect(second.headers.get('content-type')).toBe('audio/webm');
			expect(new Uint8Array(await second.arrayBuffer())).toEqual(bytes);

			const download = await object(a.access_token, part);
			expect(download.headers.get('content-type')).toBe('video/webm');
			expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);

			const listed = await object(a.access_token, 'list/recordings', {
				method: 'POST',
				headers: json,
				body: JSON.stringify({ prefix: `${a.user.id}/rec-1` })
			});
			expect(((await listed.json()) as { name: string }[]).map((entry) => entry.name)).toEqual([
				'part-0000',
				'part-0001'
			]);

			// B cannot read, plant into, overwrite or delete from A's folder.
			expect((await object(b.access_token, part)).status).toBe(404);
			const planted = await object(b.access_token, `recordings/${a.user.id}/rec-2/part-0000`, {
				method: 'POST',
				body: bytes
			});
			expect([planted.status, await planted.json()]).toEqual([
				403,
				{
					statusCode: '403',
					error: 'Unauthorized',
					message: 'new row violates row-level security policy'
				}
			]);
			const replaced = await object(b.access_token, part, {
				method: 'PUT',
				body: new Uint8Array([0])
			});
			expect(replaced.status).toBe(403);
			const removed = await object(b.access_token, 'recordings', {
				method: 'DELETE',
				headers: json,
				body: JSON.stringify({ prefixes: [`${a.user.id}/rec-1/part-0000`] })
			});
			expect(await removed.json()).toEqual([]);
			const still = await object(a.access_token, part);
			expect(new Uint8Array(await still.arrayBuffer())).toEqual(bytes);

			// A can.
			const deleted = await object(a.access_token, 'recordings', {
				method: 'DELETE',
				headers: json,
				body: JSON.stringify({ prefixes: [`${a.user.id}/rec-1/part-0000`] })
			});
			expect(await deleted.json()).toMatchObject([{ name: `${a.user.id}/rec-1/part-0000` }]);
			expect((await object(a.access_token, part)).status).toBe(404);
		});

		it('holds the RLS matrix over HTTP too: every table from the catalogue, every operation, every caller', async () => {
			const a = await signUpAndIn('a@example.test');
			const b = await signUpAndIn('b@example.test');
			const tables = await publicTables(db);
			const leaks: string[] = [];
			let checks = 0;
			const check = (ok: boolean, what: string) => {
				checks++;
				if (!ok) leaks.push(what);
			};
			const rowsOf = async (table: string) =>
				(await call(`/rest/v1/${table}?select=id,rev,deleted&order=id`, { token: a.access_token }))
					.body as { id: string; rev: string; deleted: boolean }[];
			for (const table of tables) {
				const seeded = await call(`/rest/v1/${table}`, {
					method: 'POST',
					token: a.access_token,
					prefer: 'return=representation',
					body: [
						{ id: 'a-1', rev: rev(1), data: {} },
						{ id: 'a-2', rev: rev(1), data: {} }
					]
				});
				check(seeded.status === 201, `${table}: A cannot insert (${seeded.status})`);
				const before = await rowsOf(table);
				check(before.length === 2, `${table}: A cannot read her rows`);

				for (const [who, token] of [
					['B', b.access_token],
					['anon', undefined]
				] as const) {
					const read = await call(`/rest/v1/${table}`, { token });
					check(
						Array.isArray(read.body) ? read.body.length === 0 : read.status === 401,
						`${table}: ${who} reads A's rows`
					);
					const planted = await call(`/rest/v1/${table}`, {
						method: 'POST',
						token,
						body: { user_id: a.user.id, id: 'planted', rev: rev(2), data: {} }
					});
					check(
						planted.status === (who === 'B' ? 403 : 401),
						`${table}: ${who} inserts as A (${planted.status})`
					);
					await call(`/rest/v1/${table}?user_id=eq.${a.user.id}`, {
						method: 'PATCH',
						token,
						body: { rev: rev(3), deleted: true }
					});
					const patchedByOther = await rowsOf(table);
					check(
						JSON.stringify(patchedByOther) === JSON.stringify(before),
						`${table}: ${who} changes A's rows`
					);
					await call(`/rest/v1/${table}?user_id=eq.${a.user.id}`, { method: 'DELETE', token });
					const deletedByOther = await rowsOf(table);
					check(
						JSON.stringify(deletedByOther) === JSON.stringify(before),
						`${table}: ${who} deletes A's rows`
					);
				}

				const patched = await call(`/rest/v1/${table}?id=eq.a-1`, {
					method: 'PATCH',
					token: a.access_token,
					prefer: 'return=representation',
					body: { rev: rev(4), deleted: true }
				});
				check((patched.body as unknown[]).length === 1, `${table}: A cannot update her row`);
				const removed = await call(`/rest/v1/${table}?id=eq.a-2`, {
					method: 'DELETE',
					token: a.access_token,
					prefer: 'return=representation'
				});
				check((removed.body as unknown[]).length === 1, `${table}: A cannot delete her row`);
			}
			console.info(
				`RLS matrix over HTTP: ${tables.length} tables × 4 operations × 3 callers = ${tables.length * 12} cells, ${checks} checks, ${leaks.length} failures`
			);
			expect(leaks).toEqual([]);
			expect(tables.length).toBeGreaterThanOrEqual(15);
		});

		it('signs up with a password, once per address', async () => {
			const signUp = (password: string) =>
				call('/auth/v1/signup', {
					method: 'POST',
					body: { email: 'new@example.test', password }
				});
			const first = await signUp('correct horse battery');
			expect(first.status).toBe(200);
			expect((first.body as Session).user.id).toMatch(/^[0-9a-f-]{36}$/);
			expect(await signUp('correct horse battery')).toMatchObject({
				status: 422,
				body: { error_code: 'user_already_exists' }
			});
			expect(await signUp('short')).toMatchObject({
				status: 422,
				body: { error_code: 'weak_password' }
			});
		});

		it('signs in by magic link in the PKCE flow, the app keeping its hash route', async () => {
			const verifier = randomBytes(32).toString('base64url');
			const challenge = createHash('sha256').update(verifier).digest('base64url');
			const app = 'http://127.0.0.1:4173/#/settings/sync';
			const sent = await call(`/auth/v1/otp?redirect_to=${encodeURIComponent(app)}`, {
				method: 'POST',
				body: {
					email: 'm@example.test',
					create_user: true,
					code_challenge: challenge,
					code_challenge_method: 's256'
				}
			});
			expect(sent).toMatchObject({ status: 200, body: {} });
			const link = project.magicLink('m@example.test');
			expect(link).toMatch(/\/auth\/v1\/verify\?token=pkce_/);

			const opened = await fetch(link!, { redirect: 'manual' });
			expect(opened.status).toBe(303);
			const landed = new URL(opened.headers.get('location')!);
			expect(landed.hash).toBe('#/settings/sync');
			const code = landed.searchParams.get('code')!;

			const exchange = (codeVerifier: string) =>
				call('/auth/v1/token?grant_type=pkce', {
					method: 'POST',
					body: { auth_code: code, code_verifier: codeVerifier }
				});
			expect(await exchange('not-the-verifier')).toMatchObject({
				status: 400,
				body: { error_code: 'bad_code_verifier' }
			});
			const session = await exchange(verifier);
			expect(session.status).toBe(200);
			const { access_token } = session.body as Session;
			expect((await call('/rest/v1/profile', { token: access_token })).body).toEqual([]);
			// Each code and each link works once.
			expect(await exchange(verifier)).toMatchObject({
				status: 404,
				body: { error_code: 'flow_state_not_found' }
			});
			const again = await fetch(link!, { redirect: 'manual' });
			expect(new URL(again.headers.get('location')!).searchParams.get('error_code')).toBe(
				'otp_expired'
			);
		});
	}
);
