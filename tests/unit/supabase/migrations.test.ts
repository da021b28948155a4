import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	catalogue,
	createPostgres,
	createUsers,
	MIGRATIONS,
	publicTables,
	USER_A
} from '../../helpers/postgres.ts';
import { SYNCED_TABLES, TABLES, type TableName } from '$lib/db/tables';

let db: PGlite;
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

beforeAll(async () => {
	db = await createPostgres();
	expected = await scenario(async () => {
		await applyMigrationsInTx(0, MIGRATIONS.length);
		return catalogue(db);
	});
}, 60_000);

afterAll(async () => {
	await db?.close();
});

/** Inside an open transaction: each migration's SQL as the CLI would run it. */
async function applyMigrationsInTx(from: number, to: number) {
	for (const migration of MIGRATIONS.slice(from, to)) await db.exec(migration.sql);
}

describe('supabase/migrations', { timeout: 60_000 }, () => {
	it('are timestamped files, more than one, in order', () => {
		expect(MIGRATIONS.length).toBeGreaterThan(1);
		expect(MIGRATIONS.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name).sort());
	});

	it('apply from zero and create a table per synced local table, plus recordings', () => {
		const tables = (expected.rls as { relname: string }[]).map((row) => row.relname).sort();
		const wanted = [...SYNCED_TABLES, 'recordings' as TableName].map(serverName).sort();
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
