import {
	DEFAULT_MODELS_DIR,
	LLM_DEFAULT_REPLY,
	LLM_ID,
	LLM_LONG_ID
} from '../../scripts/tiny-models/index.mjs';
import { join } from 'node:path';
import { startModelMirror } from '../helpers/model-mirror.mjs';
import { expect, test } from './fixtures';

test('download with progress, cancel, resume after reload, storage per model, delete', async ({
	app,
	page
}) => {
	let slow = true;
	// The first download of the weights crawls, so there is time to watch it and cancel.
	const mirror = await startModelMirror({
		delayMs: (path) => (slow && path.endsWith('model.onnx') ? 5000 : 0)
	});
	const fetched = () =>
		mirror.requests.filter((r) => !r.range).map((r) => r.path.split('/').pop()!);
	test.info().attach('mirror', { body: mirror.url });
	await app.useTinyModel(LLM_LONG_ID, mirror.url);
	const status = page.getByTestId('model-status');
	await status.getByRole('button', { name: 'Load now' }).click();
	await expect(status).toHaveAttribute('data-status', 'loading');
	await expect(status.getByRole('progressbar', { name: 'Model download' })).toBeVisible();
	// Cancel once the small files are in and the weights are on their way.
	await expect.poll(fetched).toContain('tokenizer_config.json');
	await expect
		.poll(() => mirror.requests.some((r) => r.path.endsWith('model.onnx') && !r.range))
		.toBe(true);
	await status.getByRole('button', { name: 'Cancel' }).click();
	await expect(status).toHaveAttribute('data-status', 'idle');
	expect(fetched()).toContain('config.json');

	// After a reload the download resumes: files finished before are not fetched again.
	slow = false;
	const before = fetched().length;
	await app.reload();
	await status.getByRole('button', { name: 'Load now' }).click();
	await expect(status).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
	const again = fetched().slice(before);
	expect(again).toContain('model.onnx');
	expect(again).not.toContain('tokenizer.json');
	expect(again).not.toContain('config.json');

	const row = page.locator(`[data-model="${LLM_LONG_ID}"]`);
	await expect(row.getByTestId('stored')).toHaveText(/^\d+(\.\d)? MB on this device$/);
	await row.getByRole('button', { name: 'Delete files' }).click();
	await expect(app.toast(`Deleted ${LLM_LONG_ID} from this device.`)).toBeVisible();
	await expect(row.getByTestId('stored')).toHaveCount(0);
	await app.reload();
	await expect(row.getByTestId('stored')).toHaveCount(0);
	await mirror.close();
});

test('once downloaded, the model works offline', async ({ app, page, context }) => {
	await app.useTinyModel(LLM_ID);
	await app.openChat('Lena');
	await app.send('Hallo!');
	await expect(app.messages('assistant').last()).toHaveAttribute('data-status', 'complete', {
		timeout: 30_000
	});
	await app.waitForOfflineReady();
	await expect(page.getByTestId('model-ready')).toHaveAttribute('data-offline', 'true');
	// The browser finishes storing the files shortly after the model loaded (a reload now could
	// lose them); Settings → AI shows when they are stored. Navigate in the app, no reload.
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByRole('link', { name: /^AI/ }).click();
	await expect(page.locator(`[data-model="${LLM_ID}"]`).getByTestId('stored')).toHaveText(
		/KB on this device$/
	);
	await page.goBack();
	await page.goBack();

	await context.setOffline(true);
	await app.reload();
	await app.send('Bist du noch da?');
	const reply = app.messages('assistant').last();
	await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
	await expect(reply).toContainText(LLM_DEFAULT_REPLY);
});

test('a model folder imported from disk works without any download', async ({
	app,
	page,
	context
}) => {
	await context.route('**/huggingface.co/**', (route) => route.abort());
	await app.open('/settings/ai');
	await page.getByLabel('CPU or WebGPU (ONNX)').check();
	await page.getByText('Add a model by name, address or from files').click();
	await page.getByLabel('Model id', { exact: true }).fill('my-offline-model');
	await page.getByTestId('model-folder').setInputFiles(join(DEFAULT_MODELS_DIR, LLM_ID));
	await expect(
		app.toast(/Imported \d+ files of my-offline-model; it now works offline\./)
	).toBeVisible();
	await expect(page.locator('[data-model="my-offline-model"] input[type=radio]')).toBeChecked();

	await app.openChat('Lena');
	await app.send('Hallo!');
	await expect(app.messages('assistant').last()).toContainText(LLM_DEFAULT_REPLY, {
		timeout: 30_000
	});
});

test('a folder that is not a model is refused with a clear message', async ({ app, page }) => {
	await app.open('/settings/ai');
	await page.getByLabel('CPU or WebGPU (ONNX)').check();
	await page.getByText('Add a model by name, address or from files').click();
	await page
		.getByTestId('model-folder')
		.setInputFiles(join(DEFAULT_MODELS_DIR, '..', '..', 'webllm'));
	await expect(
		app.toast(
			'This folder is not a transformers.js model: it lacks config.json, tokenizer.json, onnx/*.onnx.'
		)
	).toBeVisible();
});
