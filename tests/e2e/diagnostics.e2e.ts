import { EMBED_ID, LLM_ID, TTS_ID, WHISPER_ID } from '../../scripts/tiny-models/index.mjs';
import { MODELS_READY_MS } from './call-helpers';
import { expect, test } from './fixtures';

test('diagnostics: the device, a self-test of every model on the tiny ones, and the report', async ({
	app,
	page
}) => {
	await app.useTinyModel();
	await app.useTinySpeech({ debug: false });
	await app.useTinyMemory();
	await app.open('/settings');
	await page.getByRole('link', { name: /Diagnostics/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Diagnostics' })).toBeVisible();
	await expect(page.getByTestId('device-report')).toContainText('AudioWorklet');
	// Nothing downloaded yet, and no call made.
	await expect(page.getByText('No model is stored yet')).toBeVisible();
	await expect(page.getByText('No timed voice turns yet')).toBeVisible();

	// Without permission to download, the models the app would use are skipped, not fetched.
	await page.getByRole('button', { name: 'Run self-test' }).click();
	await expect(page.getByTestId('self-test-done')).toBeVisible();
	const steps = page.getByTestId('self-test-steps').getByRole('listitem');
	await expect(steps.and(page.locator('[data-status="skipped"]'))).toHaveCount(await steps.count());

	await page.getByLabel('Also download models that are not on this device yet').check();
	await page.getByRole('button', { name: 'Run self-test' }).click();
	// Four models load one after another in their workers.
	await expect(page.getByTestId('voice-to-voice')).toHaveText(/^\d+ ms$/, {
		timeout: MODELS_READY_MS
	});
	for (const step of ['llm', 'voice', 'recognition', 'embedding'])
		await expect(page.locator(`[data-step="${step}"]`).first()).toHaveAttribute(
			'data-status',
			'ok'
		);
	await expect(page.locator('[data-step="llm"]')).toContainText('tokens/s');
	await expect(page.locator('[data-step="recognition"]')).toContainText('real-time factor');
	const models = page.getByTestId('installed-models');
	for (const id of [LLM_ID, WHISPER_ID, TTS_ID, EMBED_ID]) await expect(models).toContainText(id);

	await page.getByRole('button', { name: 'Copy report' }).click();
	const report = JSON.parse(await page.getByTestId('report-text').inputValue());
	expect(report).toMatchObject({
		kind: 'kompanion-diagnostics',
		selfTest: { voiceToVoiceMs: expect.any(Number) }
	});
	expect(report.selfTest.steps.map((s: { status: string }) => s.status)).not.toContain('failed');
});
