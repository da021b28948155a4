import type { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
	applyMigrations,
	asCaller,
	attempt,
	catalogue,
	createPostgres,
	createUsers,
	MIGRATIONS,
	publicTables,
	resetData,
	USER_A,
	type Caller
} from '../../helpers/postgres.ts';
import {
	formatFailures,
	OPERATIONS,
	runRlsMatrix,
	STORAGE_TARGET,
	WHO
} from '../../helpers/postgres-rls-matrix.ts';
import { isSecretSetting, SETTING_KEYS } from '$lib/db/settings';
import { SYNCED_TABLES, TABLES } from '$lib/db/tables';

// One Postgres for the whole file (starting PGlite is the slow part): the migration tests run on
// it bare, each in a transaction that is rolled back; then the migrations are applied for the
// RLS matrix and the sync rules.
let db: PGlite;

beforeAll(async () => {
	db = await createPostgres();
}, 60_000);

afterAll(async () => {
	await db?.close();
});

/** The catalogue after applying every migration once, from zero. */
let expected: Record<string, unknown[]>;

/** Runs `fn` in a transaction that is rolled back, so each scenario starts from a bare database. */
async function scenario<T>(fn: () => Promise<T>): Promise<T> {
	await db.exec('begin');
	try {
		return await fn();
	} finally {
		await db.exec('rollback');
	}
}

/** camelCase local table → snake_case server table. */
const serverName = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Inside an open transaction: each migration's SQL as the CLI would run it. */
async function applyMigrationsInTx(from: number, to: number) {
	for (const migration of MIGRATIONS.slice(from, to)) await db.exec(migration.sql);
}

describe('supabase/migrations', { timeout: 60_000 }, () => {
	beforeAll(async () => {
		expected = await scenario(async () => {
			await applyMigrationsInTx(0, MIGRATIONS.length);
			return catalogue(db);
		});
	}, 60_000);

	it('are timestamped files, more than one, in order', () => {
		expect(MIGRATIONS.length).toBeGreaterThan(1);
		expect(MIGRATIONS.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name).sort());
	});

	it('apply from zero and create a table per synced local table', () => {
		const tables = (expected.rls as { relname: string }[]).map((row) => row.relname).sort();
		const wanted = SYNCED_TABLES.map(serverName).sort();
		expect(tables).toEqual(wanted);
		// Device-local tables never get a server table.
		for (const local of ['outbox', 'device', 'memoryVectors', 'recordingChunks'] as const) {
			expect(TABLES[local]).toBeDefined();
			expect(tables).not.toContain(serverName(local));
		}
	});

	it('enable and force RLS on every table', () => {
		for (const row of expected.rls as { relrowsecurity: boolean; relforcerowsecurity: boolean }[]) {
			expect(row).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
		}
	});

	it('re-applied on top of themselves change nothing and keep the data', async () => {
		await scenario(async () => {
			await applyMigrationsInTx(0, MIGRATIONS.length);
			await createUsers(db, USER_A);
			await db.query(
				`insert into public.companions (user_id, id, rev, data) values ($1, 'c1', '000000001-0000-abcd', '{"name": "Lena"}')`,
				[USER_A]
			);
			await applyMigrationsInTx(0, MIGRATIONS.length);
			expect(await catalogue(db)).toEqual(expected);
			const { rows } = await db.query(`select data from public.companions`);
			expect(rows).toEqual([{ data: { name: 'Lena' } }]);
		});
	});

	for (let applied = 1; applied < MIGRATIONS.length; applied++) {
		it(`from migration ${applied} of ${MIGRATIONS.length} (${MIGRATIONS[applied - 1].name}) the rest reach the same catalogue`, async () => {
			await scenario(async () => {
				await applyMigrationsInTx(0, applied);
				await applyMigrationsInTx(applied, MIGRATIONS.length);
				expect(await catalogue(db)).toEqual(expected);
			});
			// A person who pastes every file again into the SQL editor lands there too.
			await scenario(async () => {
				await applyMigrationsInTx(0, applied);
				await applyMigrationsInTx(0, MIGRATIONS.length);
				expect(await catalogue(db)).toEqual(expected);
			});
		});
	}

	it('leave nothing behind when rolled back (the scenarios above really start bare)', async () => {
		expect(await publicTables(db)).toEqual([]);
	});
});

describe('with the migrations applied', () => {
	beforeAll(async () => {
		await applyMigrations(db);
	}, 60_000);

	afterEach(async () => {
		// Undo whatever a test broke: re-applying the migrations restores every policy and flag.
		await applyMigrations(db);
		await resetData(db);
	}, 60_000);

	// Under a loaded 2-core machine one matrix run takes seconds.
	describe('RLS matrix on real Postgres', { timeout: 60_000 }, () => {
		it('finds 0 leaks: every table × operation × caller, storage included', async () => {
			const report = await runRlsMatrix(db);
			console.info(
				`RLS matrix: ${report.targets.length} targets × ${OPERATIONS.length} operations × ${WHO.length} callers = ${report.cells} cells, ${report.checks} checks, ${report.failures.length} failures`
			);
			expect(formatFailures(report.failures)).toBe('');
			expect(report.targets).toContain('messages');
			expect(report.targets).toContain(STORAGE_TARGET);
			expect(report.targets).toHaveLength((await publicTables(db)).length + 1);
			expect(report.checks).toBeGreaterThan(report.cells);
		});

		it('reports a leak when RLS is disabled on one table', async () => {
			await db.exec('alter table public.messages disable row level security');
			const { failures } = await runRlsMatrix(db);
			const text = formatFailures(failures);
			expect(text).toContain('structure: messages: row level security is not enabled');
			expect(text).toContain(`leak: messages select as other: B reads A's rows: a-1, a-2`);
			expect(text).toContain(`leak: messages update as other`);
			expect(text).toContain(`leak: messages delete as other`);
			expect(text).toContain(`leak: messages insert as other`);
			expect(failures.every((failure) => failure.target === 'messages')).toBe(true);
		});

		it('reports a dropped policy', async () => {
			await db.exec('drop policy "owner can delete" on public.memories');
			const { failures } = await runRlsMatrix(db, { only: ['memories'] });
			expect(formatFailures(failures)).toBe(
				[
					'structure: memories delete: no delete policy',
					'denied: memories delete as owner: the owner cannot delete their row (no rows affected)'
				].join('\n')
			);
		});

		it('reports a policy that lets anyone in', async () => {
			await db.exec(`
			drop policy "owner can select" on public.companions;
			create policy "owner can select" on public.companions for select to authenticated using (true);
		`);
			const text = formatFailures((await runRlsMatrix(db, { only: ['companions'] })).failures);
			expect(text).toContain('structure: companions: policy "owner can select" is not owner-only');
			expect(text).toContain(`leak: companions select as other: B reads A's rows: a-1, a-2`);
			expect(text).toContain(`leak: companions select as owner: A reads B's row`);
		});

		it('reports anon let in by a grant and a policy', async () => {
			await db.exec(`
			grant select on public.vocabulary to anon;
			create policy "anon reads" on public.vocabulary for select to anon using (true);
		`);
			try {
				const text = formatFailures((await runRlsMatrix(db, { only: ['vocabulary'] })).failures);
				expect(text).toContain('structure: vocabulary as anon: anon holds SELECT');
				expect(text).toContain(`leak: vocabulary select as anon: anon reads A's rows: a-1, a-2`);
			} finally {
				await db.exec('drop policy "anon reads" on public.vocabulary');
			}
		});

		it("reports a storage policy that opens other people's folders", async () => {
			await db.exec(`
			drop policy "kompanion recordings: owner can select" on storage.objects;
			create policy "kompanion recordings: owner can select" on storage.objects
				for select to authenticated using (bucket_id = 'recordings');
		`);
			const text = formatFailures((await runRlsMatrix(db, { only: [STORAGE_TARGET] })).failures);
			expect(text).toContain(
				`structure: ${STORAGE_TARGET}: policy "kompanion recordings: owner can select"`
			);
			expect(text).toContain(`leak: ${STORAGE_TARGET} select as other: B reads A's objects`);
		});

		it('reports a new table that nobody secured, without being told about it', async () => {
			await db.exec(
				`create table public.life_sim_days (user_id uuid, id text, rev text, deleted boolean default false, data jsonb)`
			);
			try {
				const text = formatFailures((await runRlsMatrix(db)).failures);
				expect(text).toContain('structure: life_sim_days: row level security is not enabled');
				expect(text).toContain('structure: life_sim_days select: no select policy');
				expect(text).toContain(`leak: life_sim_days select as other: B reads A's rows`);
				expect(text).toContain('leak: life_sim_days select as anon');
			} finally {
				await db.exec('drop table public.life_sim_days');
			}
		});

		it('reports a table without an owner column', async () => {
			await db.exec(`create table public.notes (body text)`);
			try {
				const text = formatFailures((await runRlsMatrix(db, { only: ['notes'] })).failures);
				expect(text).toContain(
					'structure: notes: lacks the sync columns user_id, id, rev, deleted, data'
				);
				expect(text).toContain('leak: notes select as other');
			} finally {
				await db.exec('drop table public.notes');
			}
		});
	});

	describe('sync rules the database enforces', { timeout: 30_000 }, () => {
		const A: Caller = { role: 'authenticated', sub: USER_A };
		const upsert = `insert into public.messages as m (id, rev, data, deleted) values ($1, $2, $3, $4)
		on conflict (user_id, id) do update
		set rev = excluded.rev, data = excluded.data, deleted = excluded.deleted`;
		const read = async (id: string) =>
			(
				await db.query<{ rev: string; data: unknown; deleted: boolean; updated_at: Date }>(
					`select rev, data, deleted, updated_at from public.messages where id = $1`,
					[id]
				)
			).rows[0];

		it('the server sets updated_at, the pull cursor, whatever a device sends', async () => {
			await createUsers(db, USER_A);
			await asCaller(db, A, async () => {
				await db.query(
					`insert into public.messages (id, rev, data, updated_at) values ('m1', '000000001-0000-abcd', '{}', '2000-01-01')`
				);
				expect((await read('m1')).updated_at.getFullYear()).toBeGreaterThan(2020);
			});
		});

		it('last writer by rev wins: older and repeated pushes change nothing', async () => {
			await createUsers(db, USER_A);
			await asCaller(db, A, async () => {
				await db.query(upsert, ['m1', '000000002-0000-abcd', { content: 'second' }, false]);
				const stored = await read('m1');
				const older = await db.query(upsert, [
					'm1',
					'000000001-0000-efgh',
					{ content: 'first' },
					false
				]);
				const again = await db.query(upsert, [
					'm1',
					'000000002-0000-abcd',
					{ content: 'second' },
					false
				]);
				expect([older.affectedRows, again.affectedRows]).toEqual([0, 0]);
				expect(await read('m1')).toEqual(stored);
				await db.query(upsert, ['m1', '000000003-0000-efgh', { content: 'third' }, false]);
				const newer = await read('m1');
				expect(newer.data).toEqual({ content: 'third' });
				expect(newer.updated_at.getTime()).toBeGreaterThanOrEqual(stored.updated_at.getTime());
				// A delete is a tombstone with a newer rev.
				await db.query(upsert, ['m1', '000000004-0000-abcd', {}, true]);
				expect(await read('m1')).toMatchObject({ deleted: true, rev: '000000004-0000-abcd' });
			});
		});

		it('a memory version never changes once stored, but can be tombstoned', async () => {
			await createUsers(db, USER_A);
			await asCaller(db, A, async () => {
				await db.query(
					`insert into public.memory_versions (id, rev, data) values ('v1', '000000001-0000-abcd', '{"text": "likes tea"}')`
				);
				const rewrite = await attempt(
					db,
					`update public.memory_versions set rev = '000000002-0000-abcd', data = '{"text": "likes coffee"}'`
				);
				expect(rewrite).toMatchObject({ ok: false, code: '23514' });
				const tombstone = await attempt(
					db,
					`update public.memory_versions set rev = '000000002-0000-abcd', deleted = true`
				);
				expect(tombstone.ok && tombstone.result.affectedRows).toBe(1);
			});
		});

		it('refuses settings that are secrets, and only those', async () => {
			await createUsers(db, USER_A);
			await asCaller(db, A, async () => {
				const outcomes = [];
				for (const key of [...SETTING_KEYS, 'avatar.did.apiKey', 'sync.session.refreshToken']) {
					const insert = await attempt(
						db,
						`insert into public.settings (id, rev, data) values ($1, '000000001-0000-abcd', '{}')`,
						[key]
					);
					const secret = isSecretSetting(key) || !SETTING_KEYS.includes(key as never);
					outcomes.push({ key, secret, refused: !insert.ok && insert.code === '23514' });
				}
				expect(outcomes.filter((o) => o.secret !== o.refused)).toEqual([]);
				expect(outcomes.some((o) => o.secret)).toBe(true);
			});
		});

		it('refuses malformed rows: a rev that is no clock reading, a body that is no object', async () => {
			await createUsers(db, USER_A);
			await asCaller(db, A, async () => {
				const badRev = await attempt(
					db,
					`insert into public.companions (id, rev, data) values ('c1', '2026-12-06', '{}')`
				);
				const badData = await attempt(
					db,
					`insert into public.companions (id, rev, data) values ('c1', '000000001-0000-abcd', '[1]')`
				);
				expect([
					badRev.ok,
					badData.ok,
					badRev.ok || badRev.code,
					badData.ok || badData.code
				]).toEqual([false, false, '23514', '23514']);
			});
		});

		it('deleting the account deletes its rows', async () => {
			await createUsers(db, USER_A);
			await asCaller(db, A, async ({ asSuperuser }) => {
				await db.query(
					`insert into public.companions (id, rev, data) values ('c1', '000000001-0000-abcd', '{}')`
				);
				await asSuperuser();
				await db.query(`delete from auth.users where id = $1`, [USER_A]);
				expect((await db.query(`select * from public.companions`)).rows).toEqual([]);
			});
		});
	});
});
