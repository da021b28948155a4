/**
 * Real Postgres for the Supabase migrations and their tests: PGlite (Postgres compiled to
 * WebAssembly, in-process, no system package), with the test-only bootstrap that recreates the
 * pieces of Supabase the migrations rely on (roles, auth.uid(), storage). One instance per test
 * file; `resetData` between tests.
 */
import { PGlite, type Results } from '@electric-sql/pglite';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SUPABASE_DIR = join(import.meta.dirname, '..', '..', 'supabase');
const MIGRATIONS_DIR = join(SUPABASE_DIR, 'migrations');
const BOOTSTRAP = join(SUPABASE_DIR, 'tests', 'bootstrap', 'supabase-auth-storage.test-only.sql');

export interface Migration {
	name: string;
	sql: string;
}

/** supabase/migrations/*.sql in the order they apply (by their timestamp prefix). */
export const MIGRATIONS: readonly Migration[] = readdirSync(MIGRATIONS_DIR)
	.filter((name) => /^\d{14}_[\w-]+\.sql$/.test(name))
	.sort()
	.map((name) => ({ name, sql: readFileSync(join(MIGRATIONS_DIR, name), 'utf8') }));

/** A fresh Postgres with Supabase's auth and storage pieces, and no migration applied. */
export async function createPostgres(): Promise<PGlite> {
	const db = await PGlite.create();
	await db.exec(readFileSync(BOOTSTRAP, 'utf8'));
	return db;
}

/** Applies migrations `from` (inclusive) to `to` (exclusive), each in its own transaction. */
export async function applyMigrations(db: PGlite, from = 0, to = MIGRATIONS.length): Promise<void> {
	for (const migration of MIGRATIONS.slice(from, to)) {
		try {
			await db.transaction((tx) => tx.exec(migration.sql).then(() => undefined));
		} catch (error) {
			throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, {
				cause: error
			});
		}
	}
}

/** A person (or nobody) making requests, as PostgREST would run them. */
export type Caller = { role: 'authenticated'; sub: string } | { role: 'anon' };

export const USER_A = '00000000-0000-4000-8000-00000000000a';
export const USER_B = '00000000-0000-4000-8000-00000000000b';

/** Rows in auth.users for the test people (every sync row references its owner). */
export async function createUsers(db: PGlite, ...ids: string[]): Promise<void> {
	for (const id of ids) {
		await db.query(
			`insert into auth.users (id, aud, role, email) values ($1, 'authenticated', 'authenticated', $2)
			 on conflict (id) do nothing`,
			[id, `${id}@example.test`]
		);
	}
}

/** What `SET LOCAL ROLE` plus `request.jwt.claims` make of a transaction, as PostgREST does. */
export async function becomeCaller(db: Pick<PGlite, 'query'>, caller: Caller): Promise<void> {
	const claims = caller.role === 'anon' ? { role: 'anon' } : { sub: caller.sub, role: caller.role };
	await db.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
	await db.query(`set local role ${caller.role}`);
}

/**
 * Runs `fn` as `caller` inside a transaction that is always rolled back, so every check starts
 * from the same rows. `asSuperuser` inside it switches back to see what really happened.
 */
export async function asCaller<T>(
	db: PGlite,
	caller: Caller,
	fn: (tools: { asSuperuser: () => Promise<void> }) => Promise<T>
): Promise<T> {
	await db.exec('begin');
	try {
		await becomeCaller(db, caller);
		return await fn({
			asSuperuser: async () => {
				await db.exec('reset role');
			}
		});
	} finally {
		await db.exec('rollback');
	}
}

/** The SQLSTATE of a Postgres error, or undefined for anything else. */
export function sqlState(error: unknown): string | undefined {
	const code = (error as { code?: unknown } | null)?.code;
	return typeof code === 'string' ? code : undefined;
}

/** Runs a statement inside a transaction and returns its result or the error it raised. */
export async function attempt<T>(
	db: Pick<PGlite, 'query'>,
	sql: string,
	params: unknown[] = []
): Promise<{ ok: true; result: Results<T> } | { ok: false; error: Error; code?: string }> {
	// A failed statement aborts its transaction; the checks that follow in the same transaction
	// need it usable, so each attempt runs in its own savepoint.
	await db.query('savepoint attempt');
	try {
		const result = await db.query<T>(sql, params);
		await db.query('release savepoint attempt');
		return { ok: true, result };
	} catch (error) {
		await db.query('rollback to savepoint attempt');
		return { ok: false, error: error as Error, code: sqlState(error) };
	}
}

/** The tables of schema public, from the catalogue. */
export async function publicTables(db: PGlite): Promise<string[]> {
	const { rows } = await db.query<{ name: string }>(
		`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
		 where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`
	);
	return rows.map((row) => row.name);
}

/** Empties every table of schema public, storage.objects and auth.users. */
export async function resetData(db: PGlite): Promise<void> {
	const tables = await publicTables(db);
	const list = [...tables.map((name) => `public.${quoteIdent(name)}`), 'storage.objects'];
	await db.exec(`truncate ${list.join(', ')}, auth.users cascade`);
}

export function quoteIdent(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Everything the migrations create, as comparable JSON: tables and columns, constraints, indexes,
 * RLS flags, policies (storage's too), triggers, functions, grants and the recordings bucket.
 */
export async function catalogue(db: PGlite): Promise<Record<string, unknown[]>> {
	const sections: Record<string, string> = {
		columns: `select table_name, column_name, data_type, column_default, is_nullable, collation_name
			from information_schema.columns where table_schema = 'public' order by 1, 2`,
		constraints: `select conrelid::regclass::text as tbl, conname, pg_get_constraintdef(oid) as def
			from pg_constraint where connamespace = 'public'::regnamespace order by 1, 2`,
		indexes: `select tablename, indexname, indexdef from pg_indexes
			where schemaname = 'public' order by 1, 2`,
		rls: `select relname, relrowsecurity, relforcerowsecurity from pg_class
			where relnamespace = 'public'::regnamespace and relkind = 'r' order by 1`,
		comments: `select c.relname, obj_description(c.oid, 'pg_class') as comment from pg_class c
			where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' order by 1`,
		policies: `select schemaname, tablename, policyname, permissive, roles::text[] as roles, cmd,
			qual, with_check from pg_policies order by 1, 2, 3`,
		triggers: `select tgrelid::regclass::text as tbl, tgname, pg_get_triggerdef(oid) as def
			from pg_trigger where not tgisinternal order by 1, 2`,
		functions: `select p.proname, pg_get_functiondef(p.oid) as def from pg_proc p
			where p.pronamespace = 'public'::regnamespace order by 1`,
		grants: `select table_name, grantee, privilege_type from information_schema.role_table_grants
			where table_schema = 'public' order by 1, 2, 3`,
		buckets: `select id, name, public from storage.buckets order by 1`
	};
	const result: Record<string, unknown[]> = {};
	for (const [name, sql] of Object.entries(sections)) {
		result[name] = (await db.query(sql)).rows;
	}
	return result;
}
