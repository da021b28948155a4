import type { PGlite } from '@electric-sql/pglite';
import type { BrowserContext, Page } from '@playwright/test';
import { applyMigrations, createPostgres } from '../helpers/postgres.ts';
import { startSupabaseStandin, type SupabaseStandin } from '../helpers/supabase-standin/index.ts';
import { App, expect, expectClean, guardContext, test, type Guard } from './fixtures';

/**
 * Sync between two devices of one person (two browser contexts) through the FAKE Supabase
 * stand-in (tests/helpers/supabase-standin: PostgREST, GoTrue and Storage as SQL on real Postgres,
 * PGlite, with RLS doing the access control) on loopback. One path per flow; the conflict,
 * error and batching rules are tested in Node (tests/unit/sync).
 */
let pg: PGlite;
let project: SupabaseStandin;
const PASSWORD = 'correct horse battery';

test.beforeAll(async () => {
	pg = await createPostgres();
	await applyMigrations(pg);
	project = await startSupabaseStandin({ db: pg });
	await project.createUser('anna@example.test', PASSWORD);
	await project.createUser('ben@example.test', PASSWORD);
});

test.afterAll(async () => {
	await project?.close();
	await pg?.close();
});

/** Settings → Sync as a person fills it in. */
async function signIn(app: App, email: string) {
	const { page } = app;
	await app.open('/settings/sync');
	await page.getByLabel('Project URL').fill(project.url);
	await page.getByLabel('Anon (public) key').fill(project.anonKey);
	await page.getByRole('button', { name: 'Save project' }).click();
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
	await expect(page.getByLabel('Sync this device')).toBeChecked();
	await expect(page.getByTestId('sync-pending')).toHaveText('0 changes');
}

async function device(context: BrowserContext, guards: Guard[]): Promise<App> {
	guards.push(await guardContext(context));
	const page: Page = await context.newPage();
	return new App(page);
}

test("two devices of one person: edits, a delete, a memory's history and an offline conflict cross; another person sees none of it", async ({
	app,
	browser,
	guard
}) => {
	test.setTimeout(120_000);
	const guards: Guard[] = [];
	const contexts = [await browser.newContext(), await browser.newContext()];
	try {
		const a = app;
		const b = await device(contexts[0], guards);
		await signIn(a, 'anna@example.test');
		await signIn(b, 'anna@example.test');

		// A renames Lena; B, open on the home page, shows it without being asked (polling, 1 s).
		await b.open('/');
		await a.open('/companions/preset-lena/edit');
		await a.page.getByLabel('Name').fill('Lena aus Köln');
		await a.page.getByRole('button', { name: 'Save changes' }).click();
		await expect(b.card('Lena aus Köln')).toBeVisible();

		// B deletes Sam; A no longer lists him.
		await a.open('/');
		await expect(a.card('Sam')).toBeVisible();
		await b.card('Sam').getByRole('button', { name: 'Delete' }).click();
		await b.page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
		await expect(a.card('Sam')).toHaveCount(0);
		await expect(a.card('Lena aus Köln')).toBeVisible();

		// A memory edited on A arrives on B with its whole history.
		await a.open('/companions/preset-lena/memory');
		await a.page.getByRole('button', { name: 'Add a memory' }).click();
		const form = a.page.getByTestId('memory-editor');
		await form.getByLabel('What to remember').fill('I grew up in Hamburg.');
		await form.getByRole('button', { name: 'Remember this' }).click();
		// The one shared memory (while edited, its text is in the form, not on the item).
		const memoryOnA = a.page.getByTestId('memory-section-shared').getByTestId('memory');
		await memoryOnA.getByRole('button', { name: 'Edit' }).click();
		await memoryOnA.getByLabel('What to remember').fill('I grew up in Hamburg and live in Berlin.');
		await memoryOnA.getByRole('button', { name: 'Save memory' }).click();
		await expect(memoryOnA).toContainText('v2');
		await b.open('/companions/preset-lena/memory');
		const memoryOnB = b.page.getByTestId('memory-section-shared').getByTestId('memory');
		await expect(memoryOnB).toContainText('live in Berlin');
		await memoryOnB.getByRole('button', { name: 'History' }).click();
		await expect(memoryOnB.getByTestId('memory-version')).toHaveCount(2);

		// Both edit Lena offline; back online, the later edit (B's) is what both keep.
		for (const [device, deviceGuard] of [
			[a, guard],
			[b, guards[0]]
		] as const) {
			await device.open('/companions/preset-lena/edit');
			deviceGuard.allow(/ERR_INTERNET_DISCONNECTED/u);
			await device.page.context().setOffline(true);
		}
		for (const [device, description] of [
			[a, 'Geändert auf A, offline.'],
			[b, 'Geändert auf B, offline, danach.']
		] as const) {
			await device.page.getByLabel('Description').fill(description);
			await device.page.getByRole('button', { name: 'Save changes' }).click();
			await expect(device.toast(/was saved/u)).toBeVisible();
		}
		for (const device of [a, b]) await device.page.context().setOffline(false);
		for (const device of [a, b]) {
			await device.open('/');
			await expect(device.card('Lena aus Köln')).toContainText('Geändert auf B, offline, danach.');
		}

		// Ben, on his own device, gets none of Anna's rows.
		const c = await device(contexts[1], guards);
		await signIn(c, 'ben@example.test');
		await expect(c.page.getByTestId('sync-status')).toHaveText('idle');
		await c.open('/');
		await expect(c.card('Lena')).toBeVisible();
		await expect(c.card('Lena aus Köln')).toHaveCount(0);
		await expect(c.card('Sam')).toBeVisible();
		const { rows } = await pg.query<{ n: number }>(
			`select count(*)::int as n from public.companions c join auth.users u on u.id = c.user_id
			 where u.email = 'ben@example.test' and c.data->>'name' = 'Lena aus Köln'`
		);
		expect(rows).toEqual([{ n: 0 }]);
	} finally {
		for (const context of contexts) await context.close();
		for (const guard of guards) expectClean(guard);
	}
});
