import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { test } from './fixtures';
test.use({
	launchOptions: {
		executablePath: findChromium(),
		args: [
			...CHROMIUM_ARGS,
			'--use-fake-ui-for-media-stream',
			'--use-fake-device-for-media-stream',
			'--use-file-for-fake-audio-capture=tests/fixtures/audio/de-anna.wav',
			'--autoplay-policy=no-user-gesture-required'
		]
	}
});
test('debug', async ({ app, page, guard }) => {
	test.setTimeout(120_000);
	guard.allow(/./);
	page.context().on('console', (m) => console.log('console', m.type(), m.text().slice(0, 300)));
	await app.useTinyModel();
	await app.useTinySpeech();
	await app.open('/');
	await app.card('Lena').getByRole('link', { name: 'Call' }).click();
	for (let i = 0; i < 10; i++) {
		await page.waitForTimeout(2000);
		console.log(
			'STATE',
			await page.evaluate(() => {
				const c = document.querySelector('[data-testid=call]');
				return [
					c?.getAttribute('data-phase'),
					c?.getAttribute('data-voice'),
					document.querySelector('[data-testid=scheduled]')?.textContent,
					document.querySelector('[data-testid=caption-person]')?.textContent,
					document.querySelector('[data-testid=call-notices]')?.textContent
				].join(' | ');
			})
		);
	}
});
