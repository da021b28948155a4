/**
 * The RLS matrix: for every table of schema public (read from the catalogue, so a table added
 * later is checked without anyone listing it) and for the recordings bucket's objects, every
 * operation (select, insert, update, delete) as the owner, as another signed-in person and as
 * anon. Two kinds of checks:
 * - structure: RLS enabled and forced, an owner-only policy for each operation, to
 *   `authenticated` only, and no privileges for anon;
 * - behaviour: the statements run on Postgres as PostgREST runs them (SET LOCAL ROLE and
 *   request.jwt.claims), and superuser reads afterwards show what really happened.
 * It returns failures instead of throwing, so a test can show that a broken policy is caught.
 */
import type { PGlite } from '@electric-sql/pglite';
import {
	asCaller,
	attempt,
	becomeCaller,
	createUsers,
	publicTables,
	quoteIdent,
	resetData,
	USER_A,
	USER_B,
	type Caller
} from './postgres.ts';

export const OPERATIONS = ['select', 'insert', 'update', 'delete'] as const;
export const WHO = ['owner', 'other', 'anon'] as const;
export type Operation = (typeof OPERATIONS)[number];
export type Who = (typeof WHO)[number];

/** The recordings bucket's objects, checked like a table. */
export const STORAGE_TARGET = 'storage.objects (recordings)';

export interface MatrixFailure {
	target: string;
	operation?: Operation;
	who?: Who;
	/** leak: access that must not exist; denied: the owner cannot use their own rows. */
	kind: 'structure' | 'leak' | 'denied';
	message: string;
}

export interface MatrixReport {
	targets: string[];
	/** targets × operations × who. */
	cells: number;
	/** Individual assertions made (a cell has one or more). */
	checks: number;
	failures: MatrixFailure[];
}

const OWNER: Caller = { role: 'authenticated', sub: USER_A };
const OTHER: Caller = { role: 'authenticated', sub: USER_B };
const ANON: Caller = { role: 'anon' };
const CALLERS: Record<Who, Caller> = { owner: OWNER, other: OTHER, anon: ANON };
const OLD_REV = '000000001-0000-seed';
const NEW_REV = '000000002-0000-test';
const SYNC_COLUMNS = ['user_id', 'id', 'rev', 'deleted', 'data'];
/** An owner-only condition as Postgres deparses it: mentions auth.uid() and user_id. */
const OWNER_ONLY = /auth\.uid\(\)[\s\S]*\buser_id\b|\buser_id\b[\s\S]*auth\.uid\(\)/;
const OWN_FOLDER =
	/storage\.foldername\(name\)[\s\S]*auth\.uid\(\)|auth\.uid\(\)[\s\S]*storage\.foldername\(name\)/;

interface PolicyRow {
	policyname: string;
	roles: string[];
	cmd: string;
	qual: string | null;
	with_check: string | null;
	permissive: string;
}

class Recorder {
	checks = 0;
	failures: MatrixFailure[] = [];

	check(ok: boolean, failure: MatrixFailure): void {
		this.checks++;
		if (!ok) this.failures.push(failure);
	}
}

/**
 * Runs the matrix on a migrated database: every table of schema public and the recordings
 * objects, or only `only` of them (to keep tests of one broken table quick). Empties the tables
 * first and afterwards.
 */
export async function runRlsMatrix(
	db: PGlite,
	{ only }: { only?: readonly string[] } = {}
): Promise<MatrixReport> {
	const recorder = new Recorder();
	const tables = (await publicTables(db)).filter((table) => !only || only.includes(table));
	const storage = !only || only.includes(STORAGE_TARGET);
	await resetData(db);
	await createUsers(db, USER_A, USER_B);
	try {
		for (const table of tables) await checkTable(db, table, recorder);
		if (storage) await checkStorage(db, recorder);
	} finally {
		await resetData(db);
	}
	const targets = storage ? [...tables, STORAGE_TARGET] : tables;
	return {
		targets,
		cells: targets.length * OPERATIONS.length * WHO.length,
		checks: recorder.checks,
		failures: recorder.failures
	};
}

async function checkTable(db: PGlite, table: string, recorder: Recorder): Promise<void> {
	const t = `public.${quoteIdent(table)}`;
	await checkTableStructure(db, table, recorder);

	const { rows: columns } = await db.query<{ column_name: string }>(
		`select column_name from information_schema.columns
		 where table_schema = 'public' and table_name = $1`,
		[table]
	);
	const names = new Set(columns.map((column) => column.column_name));
	const missing = SYNC_COLUMNS.filter((name) => !names.has(name));
	recorder.check(missing.length === 0, {
		target: table,
		kind: 'structure',
		message: `lacks the sync columns ${missing.join(', ')}: every table in public must be owned per row by user_id`
	});
	if (missing.length > 0) {
		await checkForeignTable(db, table, recorder);
		return;
	}

	// Seed as superuser: two rows of A's (one to change, one to delete) and one of B's.
	for (const [user, id] of [
		[USER_A, 'a-1'],
		[USER_A, 'a-2'],
		[USER_B, 'b-1']
	]) {
		await db.query(`insert into ${t} (user_id, id, rev, data) values ($1, $2, $3, $4)`, [
			user,
			id,
			OLD_REV,
			{ seed: id }
		]);
	}
	// A tombstone and a newer rev: the one update every table accepts, append-only ones included.
	const rowsOfA = `select id, rev, deleted, data from ${t} where user_id = '${USER_A}' order by id`;
	const fail = (operation: Operation, who: Who, kind: MatrixFailure['kind'], message: string) => ({
		target: table,
		operation,
		who,
		kind,
		message
	});

	// The owner can do all four with their own rows.
	await asCaller(db, OWNER, async () => {
		const read = await attempt<{ id: string; user_id: string }>(db, `select id, user_id from ${t}`);
		const ids = read.ok ? read.result.rows.map((row) => row.id).sort() : [];
		recorder.check(read.ok && ids.includes('a-1') && ids.includes('a-2'), {
			...fail('select', 'owner', 'denied', `the owner cannot read their rows (${describe(read)})`)
		});
		recorder.check(!ids.includes('b-1'), fail('select', 'owner', 'leak', `A reads B's row`));
	});
	await asCaller(db, OWNER, async ({ asSuperuser }) => {
		const insert = await attempt(
			db,
			`insert into ${t} (id, rev, data) values ('a-3', $1, '{}') returning user_id`,
			[NEW_REV]
		);
		await asSuperuser();
		const { rows } = await db.query<{ user_id: string }>(
			`select user_id from ${t} where id = 'a-3'`
		);
		recorder.check(insert.ok && rows[0]?.user_id === USER_A, {
			...fail('insert', 'owner', 'denied', `the owner cannot insert a row (${describe(insert)})`)
		});
	});
	await asCaller(db, OWNER, async () => {
		const update = await attempt(
			db,
			`update ${t} set rev = $1, deleted = true where user_id = $2 and id = 'a-1'`,
			[NEW_REV, USER_A]
		);
		recorder.check(update.ok && update.result.affectedRows === 1, {
			...fail(
				'update',
				'owner',
				'denied',
				`the owner cannot update their row (${describe(update)})`
			)
		});
	});
	await asCaller(db, OWNER, async () => {
		const remove = await attempt(db, `delete from ${t} where user_id = $1 and id = 'a-2'`, [
			USER_A
		]);
		recorder.check(remove.ok && remove.result.affectedRows === 1, {
			...fail(
				'delete',
				'owner',
				'denied',
				`the owner cannot delete their row (${describe(remove)})`
			)
		});
	});

	// Another person and anon: nothing of A's, in any way.
	for (const who of ['other', 'anon'] as const) {
		const caller = CALLERS[who];
		const label = who === 'other' ? 'B' : 'anon';
		await asCaller(db, caller, async () => {
			const read = await attempt<{ id: string }>(db, `select id from ${t} where user_id = $1`, [
				USER_A
			]);
			recorder.check(!read.ok || read.result.rows.length === 0, {
				...fail('select', who, 'leak', `${label} reads A's rows: ${rowIds(read)}`)
			});
		});
		await asCaller(db, caller, async ({ asSuperuser }) => {
			const insert = await attempt(
				db,
				`insert into ${t} (user_id, id, rev, data) values ($1, 'planted', $2, '{}')`,
				[USER_A, NEW_REV]
			);
			await asSuperuser();
			const { rows } = await db.query(`select 1 from ${t} where id = 'planted'`);
			recorder.check(!insert.ok && rows.length === 0, {
				...fail('insert', who, 'leak', `${label} inserts a row as A`)
			});
		});
		await asCaller(db, caller, async ({ asSuperuser }) => {
			await attempt(db, `update ${t} set rev = $1, deleted = true`, [NEW_REV]);
			await asSuperuser();
			const after = (await db.query(rowsOfA)).rows;
			recorder.check(JSON.stringify(after) === JSON.stringify(seededRowsOfA()), {
				...fail('update', who, 'leak', `${label} changes A's rows`)
			});
			// Moving one's own row to A ("write as A" through an update).
			if (who === 'other') {
				await becomeCaller(db, caller);
				await attempt(db, `update ${t} set user_id = $1, rev = $2 where id = 'b-1'`, [
					USER_A,
					'000000003-0000-test'
				]);
				await asSuperuser();
				const moved = (
					await db.query(`select 1 from ${t} where user_id = $1 and id = 'b-1'`, [USER_A])
				).rows;
				recorder.check(moved.length === 0, {
					...fail('update', who, 'leak', `B moves a row into A's rows`)
				});
			}
		});
		await asCaller(db, caller, async ({ asSuperuser }) => {
			await attempt(db, `delete from ${t}`);
			await asSuperuser();
			const after = (await db.query(rowsOfA)).rows;
			recorder.check(after.length === 2, {
				...fail('delete', who, 'leak', `${label} deletes A's rows`)
			});
		});
	}
}

function seededRowsOfA() {
	return [
		{ id: 'a-1', rev: OLD_REV, deleted: false, data: { seed: 'a-1' } },
		{ id: 'a-2', rev: OLD_REV, deleted: false, data: { seed: 'a-2' } }
	];
}

async function checkTableStructure(db: PGlite, table: string, recorder: Recorder): Promise<void> {
	const { rows } = await db.query<{ relrowsecurity: boolean; relforcerowsecurity: boolean }>(
		`select relrowsecurity, relforcerowsecurity from pg_class
		 where relnamespace = 'public'::regnamespace and relname = $1`,
		[table]
	);
	recorder.check(rows[0]?.relrowsecurity === true, {
		target: table,
		kind: 'structure',
		message: 'row level security is not enabled'
	});
	recorder.check(rows[0]?.relforcerowsecurity === true, {
		target: table,
		kind: 'structure',
		message: 'row level security is not forced'
	});
	const policies = (
		await db.query<PolicyRow>(
			`select policyname, roles::text[] as roles, cmd, qual, with_check, permissive
			 from pg_policies where schemaname = 'public' and tablename = $1`,
			[table]
		)
	).rows;
	for (const policy of policies) {
		const ok =
			policy.roles.length === 1 &&
			policy.roles[0] === 'authenticated' &&
			[policy.qual, policy.with_check].every((text) => text === null || OWNER_ONLY.test(text));
		recorder.check(ok, {
			target: table,
			kind: 'structure',
			message: `policy "${policy.policyname}" is not owner-only for authenticated (roles ${policy.roles.join(', ')}; using ${policy.qual}; check ${policy.with_check})`
		});
	}
	for (const operation of OPERATIONS) {
		const found = policies.some(
			(policy) =>
				policy.permissive === 'PERMISSIVE' &&
				(policy.cmd === operation.toUpperCase() || policy.cmd === 'ALL')
		);
		recorder.check(found, {
			target: table,
			operation,
			kind: 'structure',
			message: `no ${operation} policy`
		});
	}
	const anonGrants = (
		await db.query<{ privilege_type: string }>(
			`select privilege_type from information_schema.role_table_grants
			 where table_schema = 'public' and table_name = $1 and grantee in ('anon', 'PUBLIC')`,
			[table]
		)
	).rows;
	recorder.check(anonGrants.length === 0, {
		target: table,
		who: 'anon',
		kind: 'structure',
		message: `anon holds ${anonGrants.map((grant) => grant.privilege_type).join(', ')}`
	});
}

/** A table without the sync columns: all that can be checked is that nobody can read it. */
async function checkForeignTable(db: PGlite, table: string, recorder: Recorder): Promise<void> {
	const t = `public.${quoteIdent(table)}`;
	const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from ${t}`);
	if (rows[0].n === 0) {
		await db.query(`insert into ${t} default values`).catch(() => undefined);
	}
	for (const who of ['other', 'anon'] as const) {
		await asCaller(db, CALLERS[who], async () => {
			const read = await attempt(db, `select * from ${t}`);
			recorder.check(!read.ok || read.result.rows.length === 0, {
				target: table,
				operation: 'select',
				who,
				kind: 'leak',
				message: `${who} reads rows of a table no user owns`
			});
		});
	}
}

async function checkStorage(db: PGlite, recorder: Recorder): Promise<void> {
	const target = STORAGE_TARGET;
	const policies = (
		await db.query<PolicyRow>(
			`select policyname, roles::text[] as roles, cmd, qual, with_check, permissive
			 from pg_policies where schemaname = 'storage' and tablename = 'objects'`
		)
	).rows;
	const ours = policies.filter((policy) =>
		[policy.qual, policy.with_check].some((text) => text?.includes("'recordings'"))
	);
	for (const policy of policies) {
		const ok =
			!policy.roles.includes('anon') &&
			!policy.roles.includes('public') &&
			[policy.qual, policy.with_check].every(
				(text) => text === null || (OWN_FOLDER.test(text) && text.includes("'recordings'"))
			);
		recorder.check(ok, {
			target,
			kind: 'structure',
			message: `policy "${policy.policyname}" is not limited to the caller's own folder in recordings`
		});
	}
	for (const operation of OPERATIONS) {
		recorder.check(
			ours.some((policy) => policy.cmd === operation.toUpperCase() || policy.cmd === 'ALL'),
			{ target, operation, kind: 'structure', message: `no ${operation} policy for recordings` }
		);
	}
	const { rows: bucket } = await db.query<{ public: boolean }>(
		`select public from storage.buckets where id = 'recordings'`
	);
	recorder.check(bucket[0]?.public === false, {
		target,
		kind: 'structure',
		message: 'the recordings bucket is missing or public'
	});

	const objectsOfA = `select name, metadata from storage.objects
		where bucket_id = 'recordings' and name like '${USER_A}/%' order by name`;
	const seeded = [`${USER_A}/rec-1/part-0`, `${USER_A}/rec-2/part-0`, `${USER_B}/rec-1/part-0`];
	for (const name of seeded) {
		await db.query(
			`insert into storage.objects (bucket_id, name, metadata) values ('recordings', $1, $2)`,
			[name, { seed: name }]
		);
	}
	const seededOfA = JSON.stringify((await db.query(objectsOfA)).rows);
	// The Storage API lifts its guard against direct deletes for the requests it serves.
	const allowDelete = () => db.query(`select set_config('storage.can_delete', 'true', true)`);
	const fail = (operation: Operation, who: Who, kind: MatrixFailure['kind'], message: string) => ({
		target,
		operation,
		who,
		kind,
		message
	});

	await asCaller(db, OWNER, async () => {
		const read = await attempt<{ name: string }>(db, `select name from storage.objects`);
		const names = read.ok ? read.result.rows.map((row) => row.name) : [];
		recorder.check(names.length === 2, {
			...fail('select', 'owner', 'denied', `the owner reads ${names.length} of 2 objects`)
		});
		recorder.check(
			names.every((name) => name.startsWith(`${USER_A}/`)),
			fail('select', 'owner', 'leak', `A reads B's objects`)
		);
	});
	await asCaller(db, OWNER, async () => {
		const insert = await attempt(
			db,
			`insert into storage.objects (bucket_id, name) values ('recordings', $1)`,
			[`${USER_A}/rec-3/part-0`]
		);
		recorder.check(insert.ok, {
			...fail('insert', 'owner', 'denied', `the owner cannot upload (${describe(insert)})`)
		});
	});
	await asCaller(db, OWNER, async () => {
		const update = await attempt(
			db,
			`update storage.objects set metadata = '{"changed": true}' where name = $1`,
			[`${USER_A}/rec-1/part-0`]
		);
		recorder.check(update.ok && update.result.affectedRows === 1, {
			...fail(
				'update',
				'owner',
				'denied',
				`the owner cannot update an object (${describe(update)})`
			)
		});
	});
	await asCaller(db, OWNER, async () => {
		await allowDelete();
		const remove = await attempt(db, `delete from storage.objects where name = $1`, [
			`${USER_A}/rec-2/part-0`
		]);
		recorder.check(remove.ok && remove.result.affectedRows === 1, {
			...fail(
				'delete',
				'owner',
				'denied',
				`the owner cannot delete an object (${describe(remove)})`
			)
		});
	});

	for (const who of ['other', 'anon'] as const) {
		const caller = CALLERS[who];
		const label = who === 'other' ? 'B' : 'anon';
		await asCaller(db, caller, async () => {
			const read = await attempt(db, `select name from storage.objects where name like $1`, [
				`${USER_A}/%`
			]);
			recorder.check(!read.ok || read.result.rows.length === 0, {
				...fail('select', who, 'leak', `${label} reads A's objects`)
			});
		});
		await asCaller(db, caller, async ({ asSuperuser }) => {
			const insert = await attempt(
				db,
				`insert into storage.objects (bucket_id, name) values ('recordings', $1)`,
				[`${USER_A}/planted/part-0`]
			);
			await asSuperuser();
			const { rows } = await db.query(`select 1 from storage.objects where name like '%planted%'`);
			recorder.check(!insert.ok && rows.length === 0, {
				...fail('insert', who, 'leak', `${label} uploads into A's folder`)
			});
		});
		await asCaller(db, caller, async ({ asSuperuser }) => {
			await attempt(db, `update storage.objects set metadata = '{"by": "intruder"}'`);
			await becomeCaller(db, caller);
			// Renaming A's object into one's own folder would take it.
			await attempt(db, `update storage.objects set name = $1 where name = $2`, [
				`${USER_B}/taken/part-0`,
				`${USER_A}/rec-1/part-0`
			]);
			await asSuperuser();
			const after = JSON.stringify((await db.query(objectsOfA)).rows);
			recorder.check(after === seededOfA, {
				...fail('update', who, 'leak', `${label} changes or takes A's objects`)
			});
		});
		await asCaller(db, caller, async ({ asSuperuser }) => {
			await allowDelete();
			await attempt(db, `delete from storage.objects`);
			await asSuperuser();
			const after = (await db.query(objectsOfA)).rows;
			recorder.check(after.length === 2, {
				...fail('delete', who, 'leak', `${label} deletes A's objects`)
			});
		});
	}
}

function describe(outcome: { ok: boolean; error?: Error; code?: string }): string {
	return outcome.ok ? 'no rows affected' : `${outcome.code ?? ''} ${outcome.error?.message}`.trim();
}

function rowIds(outcome: Awaited<ReturnType<typeof attempt<{ id: string }>>>): string {
	return outcome.ok ? outcome.result.rows.map((row) => row.id).join(', ') : '';
}

/** One line per failure, for test output. */
export function formatFailures(failures: readonly MatrixFailure[]): string {
	return failures
		.map(
			(failure) =>
				`${failure.kind}: ${failure.target}${failure.operation ? ` ${failure.operation}` : ''}` +
				`${failure.who ? ` as ${failure.who}` : ''}: ${failure.message}`
		)
		.join('\n');
}
