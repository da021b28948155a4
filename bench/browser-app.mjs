// Drives the built app in Chromium for benchmarks, the way a person would.
import { DEFAULT_MODELS_DIR, generateTinyModels } from '../scripts/tiny-models/index.mjs';
import { serve } from '../scripts/serve.mjs';
import { launch } from './lib.mjs';

/**
 * Serves the build with the tiny models mounted at /__models/, and opens a fresh page.
 * @param {string[]} [args] extra Chromium flags (fake media devices)
 */
export async function openApp(args = []) {
	await generateTinyModels();
	const server = await serve({
		dir: 'build',
		port: 0,
		mounts: { '/__models': DEFAULT_MODELS_DIR }
	});
	const browser = await launch(args);
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(server.url);
	const app = appOn(page, server, async () => {
		await browser.close();
		await server.close();
	});
	await app.ready();
	return app;
}

/**
 * The handle benchmarks drive the app through: open a route, reload, close.
 * @param {import('playwright').Page} page
 * @param {{ url: string, close: () => Promise<void> }} server
 * @param {() => Promise<void>} close
 */
export function appOn(page, server, close) {
	const ready = async () => {
		await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
	};
	return {
		page,
		server,
		ready,
		/** @param {string} path */
		async open(path) {
			await page.goto(`${server.url}#${path}`);
			await ready();
		},
		/** Reloads and waits until the app is interactive again (a hash change before that is lost). */
		async reload() {
			await page.reload();
			await ready();
		},
		close
	};
}

/**
 * Selects a tiny model on the ONNX engine through Settings → AI.
 * @param {Awaited<ReturnType<typeof openApp>>} app @param {string} id
 */
export async function useTinyModel(app, id) {
	const { page } = app;
	await app.open('/settings/ai');
	await page.getByLabel('CPU or WebGPU (ONNX)').check();
	await page.getByLabel('Model source').fill(`${app.server.url}__models/`);
	await page.getByRole('button', { name: 'Save source' }).click();
	await page.getByText('Add a model by name, address or from files').click();
	await page.getByLabel('Model id', { exact: true }).fill(id);
	await page.getByRole('button', { name: 'Add model' }).click();
	await page.locator(`[data-model="${id}"] input[type=radio]:checked`).waitFor();
}

/** Whisper and the voice on the tiny models, timings overlay on. @param {Awaited<ReturnType<typeof openApp>>} app */
export async function useTinySpeech(app) {
	const { page } = app;
	await app.open('/settings/ai');
	await page.getByLabel('Whisper model id').fill('kompanion-test/tiny-whisper');
	await page.getByLabel(/Voice model for every neural voice/).fill('kompanion-test/tiny-tts');
	await page.getByLabel('Show turn timings during calls').check();
	await page.getByRole('button', { name: 'Save voice settings' }).click();
	await page.getByText('Speech settings saved.').waitFor();
}

/** Sends a message in the open chat and waits until the reply is complete. @param {import('playwright').Page} page @param {string} text */
export async function sendAndWait(page, text) {
	const replies = page.locator('[data-testid=message][data-role=assistant]');
	const before = await replies.count();
	await page.getByLabel('Your message').fill(text);
	await page.getByRole('button', { name: 'Send', exact: true }).click();
	await page
		.locator(
			`[data-testid=message][data-role=assistant]:nth-match([data-testid=message][data-role=assistant], ${before + 1})`
		)
		.waitFor()
		.catch(() => undefined);
	await page.waitForFunction(
		(count) => {
			const list = document.querySelectorAll('[data-testid=message][data-role=assistant]');
			return (
				list.length > count && list[list.length - 1].getAttribute('data-status') === 'complete'
			);
		},
		before,
		{ timeout: 60_000 }
	);
}

/** Every stored message, read straight from IndexedDB. @param {import('playwright').Page} page */
export function storedMessages(page) {
	return readAll(page, 'messages');
}

/**
 * Every row of a table, read straight from IndexedDB.
 * @param {import('playwright').Page} page @param {string} table
 * @returns {Promise<unknown[]>}
 */
export function readAll(page, table) {
	return page.evaluate(
		(table) =>
			new Promise((resolve, reject) => {
				const open = indexedDB.open('kompanion');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const request = open.result.transaction(table).objectStore(table).getAll();
					request.onsuccess = () => resolve(request.result);
					request.onerror = () => reject(request.error);
				};
			}),
		table
	);
}

/**
 * Writes rows straight into an IndexedDB table (benchmark set-up; the app reads them as its own).
 * @param {import('playwright').Page} page @param {string} table @param {unknown[]} rows
 */
export function putAll(page, table, rows) {
	return page.evaluate(
		({ table, rows }) =>
			new Promise((resolve, reject) => {
				const open = indexedDB.open('kompanion');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction(table, 'readwrite');
					for (const row of rows) tx.objectStore(table).put(row);
					tx.oncomplete = () => resolve(undefined);
					tx.onerror = () => reject(tx.error);
				};
			}),
		{ table, rows }
	);
}
