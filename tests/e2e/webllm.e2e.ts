import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { expect, test, type App } from './fixtures';

// Real WebGPU in headless Chromium: SwiftShader, a software adapter. Real WebLLM model libraries
// cannot be made here, so these tests cover what can be real: the device check, WebLLM in its
// worker fetching a custom model from loopback URLs, and the errors for missing or broken models.
test.use({
	launchOptions: {
		executablePath: findChromium(),
		args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu']
	}
});

async function addWebLlmModel(app: App, id: string, folder: string) {
	const page = app.page;
	const origin = new URL(page.url()).origin;
	const engine = page.getByRole('combobox', { name: 'Engine' });
	if (!(await engine.isVisible()))
		await page.getByText('Add a model by name, address or from files').click();
	await engine.selectOption('webllm');
	await page.getByLabel('Model id', { exact: true }).fill(id);
	await page.getByLabel('Weights folder URL').fill(`${origin}/__fixtures/webllm/${folder}/`);
	await page
		.getByLabel('Library URL (.wasm)')
		.fill(`${origin}/__fixtures/webllm/${folder}/lib.wasm`);
	await page.getByRole('button', { name: 'Add model' }).click();
	await expect(app.toast(`${id} added and selected.`)).toBeVisible();
}

test('the device check finds the software WebGPU adapter and recommends the CPU engine', async ({
	app,
	page
}) => {
	await app.open('/settings/ai');
	await expect(page.getByTestId('webgpu')).toContainText('software adapter, too slow for AI');
	await expect(page.getByTestId('webgpu')).toContainText('f16 shaders no');
	await expect(page.getByTestId('recommendation')).toContainText('on the CPU (ONNX)');
	await expect(page.getByTestId('recommendation')).toContainText(
		'Only a software graphics adapter is available'
	);
});

test('WebLLM loads custom models from loopback and explains missing and broken ones', async ({
	app,
	page
}) => {
	const requests: string[] = [];
	page.context().on('request', (request) => {
		if (request.url().includes('/__fixtures/webllm/'))
			requests.push(new URL(request.url()).pathname);
	});
	await app.open('/settings/ai');
	await page.getByLabel('WebGPU (WebLLM)').check();
	await expect(app.toast('Engine set to WebGPU (WebLLM).')).toBeVisible();
	const status = page.getByTestId('model-status');

	await addWebLlmModel(app, 'missing-model', 'missing');
	await status.getByRole('button', { name: 'Load now' }).click();
	await expect(status.getByRole('alert')).toContainText(
		'The files of missing-model were not found at its source',
		{ timeout: 30_000 }
	);
	await expect(status.getByRole('button', { name: 'AI settings' })).toBeVisible();
	expect(requests).toContain('/__fixtures/webllm/missing/resolve/main/mlc-chat-config.json');

	await addWebLlmModel(app, 'broken-model', 'broken');
	await status.getByRole('button', { name: 'Load now' }).click();
	await expect(status.getByRole('alert')).toContainText(
		'The downloaded files of broken-model are damaged',
		{ timeout: 30_000 }
	);
	await expect(status.getByRole('button', { name: 'Try again' })).toBeVisible();
	expect(requests).toEqual(
		expect.arrayContaining([
			'/__fixtures/webllm/broken/resolve/main/mlc-chat-config.json',
			'/__fixtures/webllm/broken/lib.wasm'
		])
	);
});
