import { startOpenAiServer } from '../helpers/openai-server.mjs';
import { expect, test } from './fixtures';

const REPLY = 'Klar! Ich bin Lena und heute sprechen wir über Berlin. Was möchtest du wissen?';

test('a local OpenAI-compatible server answers the chat, streaming', async ({ app, page }) => {
	const server = await startOpenAiServer({
		models: ['llama3.2:3b'],
		reply: () => REPLY,
		delayMs: 120
	});
	try {
		await app.open('/settings/ai');
		await page.getByLabel('A local server').check();
		await page.getByLabel('Server address').fill(server.url);
		await page.getByLabel('Model name on the server').fill('llama3.2:3b');
		await page.getByLabel(/API key/).fill('sk-local-test');
		await page.getByRole('button', { name: 'Save server' }).click();
		await expect(app.toast('Local server saved.')).toBeVisible();

		await app.openChat('Lena');
		await app.send('Erzähl mir von Berlin.');
		const reply = app.messages('assistant').last();
		await expect(reply).toHaveAttribute('data-status', 'streaming');
		await expect(reply).toHaveAttribute('data-status', 'complete');
		await expect(reply).toContainText(REPLY);
		await expect(reply.getByTestId('metrics')).toContainText(`llama3.2:3b on ${server.url}`);

		// The reply's request (the tutor's correction pass may ask the server too, after it).
		const request = server.requests.find(
			(r) =>
				JSON.stringify(r.messages.at(-1)) ===
				JSON.stringify({ role: 'user', content: 'Erzähl mir von Berlin.' })
		)!;
		expect(request, 'the chat request').toBeDefined();
		expect(request.authorization).toBe('Bearer sk-local-test');
		expect(request.messages[0]).toMatchObject({
			role: 'system',
			content: expect.stringContaining('You are Lena, 29')
		});
		expect(request.messages.at(-1)).toEqual({ role: 'user', content: 'Erzähl mir von Berlin.' });
	} finally {
		await server.close();
	}
});

test('an unreachable local server gives a clear message and a way on', async ({
	app,
	page,
	guard
}) => {
	// A port that was just free: nothing listens there.
	const gone = await startOpenAiServer();
	await gone.close();
	// Chromium itself logs the refused connection; the app's own handling is what is tested.
	guard.allow(/Failed to load resource: net::ERR_CONNECTION_REFUSED/);
	await app.open('/settings/ai');
	await page.getByLabel('A local server').check();
	await page.getByLabel('Server address').fill(gone.url);
	await page.getByLabel('Model name on the server').fill('anything');
	await page.getByRole('button', { name: 'Save server' }).click();
	await app.openChat('Sam');
	await app.send('Hello?');
	const status = page.getByTestId('model-status');
	await expect(status.getByRole('alert')).toContainText(
		`Cannot reach the local AI server at ${gone.url}/v1`
	);
	await expect(status.getByRole('button', { name: 'Use the other engine' })).toBeVisible();
	// The message is kept; the reply shows what went wrong.
	await expect(app.messages('user')).toContainText('Hello?');
	await expect(app.messages('assistant').last()).toHaveAttribute('data-status', 'error');
});
