import { expectAccessible, expectNoSideScroll } from './a11y';
import { callFromCard, fakeDevices } from './call-helpers';
import { expect, test, type App } from './fixtures';

// Every page, as a new person meets it, at desktop size and at phone size: no serious or critical
// accessibility findings (axe-core) and no sideways scrolling. A new page joins by adding a line.

interface PageSpec {
	name: string;
	/** Gets to the page and waits until its content is on screen. */
	open: (app: App) => Promise<void>;
}

/** Opens a hash route and waits for its main heading (visible or not, like the call's). */
const route =
	(path: string, heading: string | RegExp): PageSpec['open'] =>
	async (app) => {
		await app.open(path);
		await expect(app.page.getByRole('heading', { level: 1, name: heading })).toBeAttached();
	};

const PAGES: PageSpec[] = [
	{ name: 'home', open: route('/', 'Your companions') },
	{ name: 'new companion', open: route('/companions/new', 'New companion') },
	{ name: 'edit companion', open: route('/companions/preset-lena/edit', 'Edit Lena') },
	{ name: 'chat', open: route('/companions/preset-lena/chat', 'Lena') },
	{
		name: 'call',
		open: async (app) => {
			await callFromCard(app, 'Lena');
			const controls = app.page.getByRole('toolbar', { name: 'Call controls' });
			await expect(controls.getByRole('button', { name: 'End call' })).toBeVisible();
		}
	},
	{
		name: 'companion memory',
		open: route('/companions/preset-lena/memory', 'What Lena remembers')
	},
	{ name: 'shared memory', open: route('/memory', 'What your companions know about you') },
	{ name: 'scenarios', open: route('/companions/preset-lena/scenarios', 'Scenarios with Lena') },
	{ name: 'review', open: route('/review', 'Review') },
	{
		name: 'progress',
		open: route('/companions/preset-lena/progress', 'Your German with Lena')
	},
	{
		name: 'diary',
		open: async (app) => {
			await route('/companions/preset-lena/life', 'Lena’s diary')(app);
			await app.page.getByRole('button', { name: 'Start Lena’s life' }).click();
			await expect(app.page.getByTestId('diary-day')).toHaveCount(3);
		}
	},
	{ name: 'her world', open: route('/companions/preset-lena/life/world', 'Lena’s world') },
	{ name: 'settings', open: route('/settings', 'Settings') },
	{ name: 'sync settings', open: route('/settings/sync', 'Sync') },
	{ name: 'avatar settings', open: route('/settings/avatar', 'Avatar') },
	{ name: 'recordings', open: route('/recordings', 'Recordings') },
	{ name: 'call a person', open: route('/meet', 'Call a person') },
	{ name: 'AI settings', open: route('/settings/ai', 'AI') },
	{ name: 'diagnostics', open: route('/diagnostics', 'Diagnostics') }
];

const SIZES = [
	{ name: 'desktop', viewport: { width: 1280, height: 800 } },
	{ name: 'phone', viewport: { width: 360, height: 740 } }
];

// The call needs a camera and a microphone; Chromium's fake ones (silence) cost nothing elsewhere.
test.use(fakeDevices('silence.wav'));

// One browser profile per size, the pages one after another in it (a step each): a new profile per
// page cost ~3 s of start-up each, 100 s for the file. The diary, the only page that changes
// anything, comes after the pages it could affect.
for (const size of SIZES) {
	test(`${size.name}: every page is accessible, without sideways scroll`, async ({ app, page }) => {
		test.setTimeout(PAGES.length * 15_000);
		await page.setViewportSize(size.viewport);
		for (const spec of PAGES) {
			await test.step(spec.name, async () => {
				await spec.open(app);
				await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
				await expectNoSideScroll(page);
				await expectAccessible(page);
			});
		}
	});
}
