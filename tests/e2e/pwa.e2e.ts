import { cpSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { expect, test } from './fixtures';

/** Reads width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer) {
	expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
	return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('install metadata: manifest, icons, theme and an installable page', async ({ app, page }) => {
	await app.open();
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBe('./manifest.webmanifest');
	const manifestUrl = new URL(href!, page.url());
	const response = await page.request.get(manifestUrl.href);
	expect(response.headers()['content-type']).toContain('application/manifest+json');
	const manifest = await response.json();
	expect(manifest).toMatchObject({
		name: 'Kompanion',
		short_name: 'Kompanion',
		display: 'standalone',
		start_url: './',
		scope: './',
		theme_color: expect.stringMatching(/^#/),
		background_color: expect.stringMatching(/^#/)
	});
	const icons = manifest.icons as { src: string; sizes: string; purpose: string; type: string }[];
	for (const [size, purpose] of [
		['192x192', 'any'],
		['512x512', 'any'],
		['512x512', 'maskable']
	]) {
		const icon = icons.find((i) => i.sizes === size && i.purpose === purpose);
		expect(icon, `${size} ${purpose} icon`).toBeDefined();
		const bytes = await (await page.request.get(new URL(icon!.src, manifestUrl).href)).body();
		const [w, h] = size.split('x').map(Number);
		expect(pngSize(bytes)).toEqual({ width: w, height: h });
	}
	await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', /^#/);

	await app.waitForOfflineReady();
	const cdp = await page.context().newCDPSession(page);
	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	// Test contexts are incognito, which alone blocks installing; any problem with the manifest,
	// icons or service worker would add its own error id here.
	expect(installabilityErrors.map((e) => e.errorId)).toEqual(['in-incognito']);
});

test('offline reload: the app and its data are still there', async ({ app, page, context }) => {
	await app.open();
	await app.card('Lena').getByRole('link', { name: 'Edit' }).click();
	await page.getByLabel('Name').fill('Lena Offline');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(app.card('Lena Offline')).toBeVisible();
	await app.waitForOfflineReady();

	await context.setOffline(true);
	await app.reload();
	await expect(app.card('Lena Offline')).toBeVisible();
	await page.getByRole('link', { name: 'Settings' }).click();
	await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
	// A cold navigation to a deep link works offline too.
	await page.goto('./#/companions/new');
	await app.ready();
	await expect(page.getByRole('heading', { name: 'New companion' })).toBeVisible();
});

test.describe('deployments', () => {
	let dir: string;
	let server: Awaited<ReturnType<typeof serve>> | undefined;

	test.beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'kompanion-site-'));
		cpSync('build', dir, { recursive: true });
	});

	test.afterEach(async () => {
		await server?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	test('the same build works under a sub-path, offline too', async ({ app, page, context }) => {
		server = await serve({ dir, base: '/apps/kompanion', port: 0 });
		await page.goto(server.url);
		await app.ready();
		await expect(app.cards()).toHaveCount(2);
		await app.waitForOfflineReady();
		const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
		expect(scope).toBe(server.url);

		await context.setOffline(true);
		await app.reload();
		await expect(app.cards()).toHaveCount(2);
	});

	test('a new version waits for the person, then takes over on reload', async ({ app, page }) => {
		server = await serve({ dir, port: 0 });
		await page.goto(server.url);
		await app.ready();
		await app.waitForOfflineReady();
		await expect(page.getByTestId('update-prompt')).toHaveCount(0);

		// Deploy a new version: any byte change to the service worker makes the browser install it.
		appendFileSync(join(dir, 'service-worker.js'), '\n// next release\n');
		await page.evaluate(async () => (await navigator.serviceWorker.ready).update());

		await expect(page.getByTestId('update-prompt')).toBeVisible();
		// No silent skipWaiting: the old version still serves the page until the person agrees.
		expect(await page.evaluate(async () => !!(await navigator.serviceWorker.ready).waiting)).toBe(
			true
		);

		await Promise.all([
			page.waitForEvent('load'),
			page.getByRole('button', { name: 'Reload now' }).click()
		]);
		await app.ready();
		await expect(page.getByTestId('update-prompt')).toHaveCount(0);
		const state = await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.ready;
			const script = await (await fetch(registration.active!.scriptURL)).text();
			return { waiting: !!registration.waiting, updated: script.includes('next release') };
		});
		expect(state).toEqual({ waiting: false, updated: true });
	});
});
