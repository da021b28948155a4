import { LLM_LIFE_ID, LLM_LIFE_REPLY } from '../../scripts/tiny-models/index.mjs';
import { expect, test } from './fixtures';
import { exportBackup, expectRoundTrip, tablesOf } from './backup';

const LIFE_TABLES = ['tables/lifeSim.json', 'tables/lifeDays.json'];

// The clock is Playwright's: the app opens on a Wednesday, then again on the Saturday after.
// Lena's life is seeded from her id and the day it starts, so these days are always the same:
// Saturday's routine is the Bäckerei Kaya at 09:30, and on Thursday her bike gets a flat tyre, a
// thread step that invites the learner to the bike-repair role-play.
const WEDNESDAY = new Date('2026-05-06T08:00:00Z'); // 10:00 in Berlin
const SATURDAY = new Date('2026-05-09T13:00:00Z'); // 15:00 in Berlin

test('Lena’s life: days appear as time passes, the chat knows today, her invitation starts its role-play; offline; through a backup', async ({
	app,
	page,
	context,
	browser
}) => {
	test.setTimeout(120_000);
	await page.clock.install({ time: WEDNESDAY });
	await app.useTinyModel(LLM_LIFE_ID);
	await app.waitForOfflineReady();

	// Switched on in the editor: her first three days are there at once.
	await app.open('/companions/preset-lena/edit');
	const toggle = page.getByLabel(/Life simulation/);
	await toggle.check();
	await expect(toggle).toBeChecked();
	await app.open('/companions/preset-lena/life');
	const days = page.getByTestId('diary-day');
	await expect(days).toHaveCount(3);
	await expect(days.first()).toHaveAttribute('data-date', '2026-05-06');

	// Three days later the app opens again: the days in between have happened.
	await page.clock.setSystemTime(SATURDAY);
	await app.reload();
	await expect(days).toHaveCount(6);
	const saturday = page.locator('[data-testid="diary-day"][data-date="2026-05-09"]');
	await expect(saturday).toContainText('Bäckerei Kaya');
	await expect(saturday).toContainText('(heute)');
	// The glossary's words become review cards.
	const glossary = page.locator('details.glossary').first();
	await glossary.locator('summary').click();
	await glossary.getByRole('button', { name: 'Add to my cards' }).click();
	await expect(app.toast(/new cards? for your review/)).toBeVisible();

	// The next chat's prompt carries today: the tiny model tells of the bakery only when it does.
	await app.open('/companions/preset-lena/chat');
	await app.send('Was hast du heute gemacht?');
	await expect(app.messages('assistant').last()).toContainText(LLM_LIFE_REPLY, {
		timeout: 30_000
	});

	// Her invitation starts its role-play.
	const invitation = page.getByTestId('life-invitation');
	await expect(invitation).toContainText('Fahrrad');
	await invitation.getByRole('link', { name: 'Practise it' }).click();
	const panel = page.getByTestId('scenario-panel');
	await expect(panel).toHaveAttribute('data-status', 'active');
	await expect(panel.getByRole('heading', { name: 'In der Fahrradwerkstatt' })).toBeVisible();

	// Offline, the diary reads the same.
	await app.open('/companions/preset-lena/life');
	await context.setOffline(true);
	await app.reload();
	await expect(days).toHaveCount(6);
	await expect(saturday).toContainText('Bäckerei Kaya');
	await context.setOffline(false);

	// The person edits her world: a new friend, refused without a name, is there after a reload.
	await page.getByRole('link', { name: 'Her world: people, places, stories' }).click();
	const people = page.getByRole('region', { name: 'People in her life' });
	const add = people.getByRole('button', { name: 'Add to her life' });
	await add.click();
	await expect(people.getByText('The name cannot be empty.')).toBeVisible();
	await people.getByLabel('Name').fill('Lea');
	await people.getByLabel('Relation').last().fill('Nachbarin');
	await people.getByLabel('A trait').last().fill('spielt Cello');
	await add.click();
	await expect(people.getByRole('heading', { name: 'Lea', exact: true })).toBeVisible();
	await app.reload();
	await expect(people.getByRole('heading', { name: 'Lea', exact: true })).toBeVisible();

	// A backup carries the world and every day to another device unchanged.
	await app.open('/settings');
	const backup = await exportBackup(page);
	const tables = tablesOf(backup);
	expect(tables['tables/lifeSim.json']).toHaveLength(1);
	expect(tables['tables/lifeDays.json']).toHaveLength(6);
	await expectRoundTrip(browser, backup, LIFE_TABLES);
});
