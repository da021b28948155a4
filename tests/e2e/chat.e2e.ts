import {
	LLM_DEFAULT_REPLY,
	LLM_LONG_ID,
	LLM_LONG_REPLY
} from '../../scripts/tiny-models/index.mjs';
import { expect, test } from './fixtures';

test('a reply streams into the chat, shows its metrics and survives a reload', async ({
	app,
	page
}) => {
	await app.useTinyModel();
	await app.openChat('Lena');
	await expect(page.getByText('Hallo! Ich bin Lena aus Berlin.')).toBeVisible(); // the greeting
	await app.send('Hallo Lena!');

	await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', {
		timeout: 30_000
	});
	const reply = app.messages('assistant').last();
	await expect(reply).toHaveAttribute('data-status', 'complete');
	await expect(reply).toContainText(LLM_DEFAULT_REPLY);
	await expect(reply.getByTestId('metrics')).toContainText(
		/kompanion-test\/tiny-llm · first word \d+ ms · [\d.]+ tokens\/s/
	);
	expect(await app.messages().count()).toBe(3);

	// The conversation is in the address, so a reload brings it back.
	expect(page.url()).toMatch(/#\/companions\/preset-lena\/chat\/[\w-]+$/);
	await app.reload();
	await expect(app.messages()).toHaveCount(3);
	await expect(app.messages('user')).toContainText('Hallo Lena!');
	await expect(app.messages('assistant').last()).toContainText(LLM_DEFAULT_REPLY);
});

test('stop interrupts a reply and keeps it; retry and edit-and-resend answer again', async ({
	app,
	page
}) => {
	await app.useTinyModel(LLM_LONG_ID);
	await app.openChat('Sam');
	await app.send('Tell me a long story.');
	const reply = app.messages('assistant').nth(1);
	// Stop as soon as the reply is visibly streaming (it streams for under two seconds here).
	await expect
		.poll(() => reply.innerText().catch(() => ''), { intervals: [20], timeout: 30_000 })
		.toContain('1, 2, 3');
	await page.getByRole('button', { name: 'Stop' }).click();
	await expect(reply).toHaveAttribute('data-status', 'interrupted');
	await expect(reply.getByText('stopped')).toBeVisible();
	const partial = (await reply.locator('.markdown').innerText()).trim();
	expect(partial.length).toBeGreaterThan(5);
	expect(partial.length).toBeLessThan(LLM_LONG_REPLY.length);
	expect(LLM_LONG_REPLY.startsWith(partial.replace(/\s+/g, ' '))).toBe(true);

	await reply.getByRole('button', { name: 'Retry' }).click();
	// Right after the retry the greeting is the last reply (and complete): wait for the new one.
	await expect(app.messages('assistant').last()).toContainText('799, 800. Fertig!', {
		timeout: 30_000
	});
	await expect(app.messages('assistant').last()).toHaveAttribute('data-status', 'complete');

	await app.messages('user').last().getByRole('button', { name: 'Edit' }).click();
	await page.getByLabel('Edit your message').fill('Tell me a short story.');
	await page.getByRole('button', { name: 'Send', exact: true }).first().click();
	await expect(app.messages('user')).toHaveCount(1);
	await expect(app.messages('user')).toContainText('Tell me a short story.');
	await expect(app.messages('assistant').last()).toHaveAttribute('data-status', 'complete', {
		timeout: 30_000
	});
	await expect(app.messages()).toHaveCount(3);
});

test('a crashed worker shows the error with a way on, and the app recovers', async ({
	app,
	page,
	guard
}) => {
	guard.allow(/simulated worker crash/);
	await app.useTinyModel(LLM_LONG_ID);
	await app.openChat('Lena');
	await app.send('Erzähl mir etwas.');
	const reply = app.messages('assistant').last();
	await expect(reply).toContainText('1, 2, 3', { timeout: 30_000 });

	// Crash the model's worker mid-reply, as an uncaught error inside it would.
	const worker = page.workers().find((w) => w.url().includes('onnx-llm'));
	expect(worker, 'the ONNX worker is running').toBeDefined();
	await worker!.evaluate(() =>
		setTimeout(() => {
			throw new Error('simulated worker crash');
		})
	);

	const status = page.getByTestId('model-status');
	await expect(status.getByRole('alert')).toContainText(
		'The language model stopped unexpectedly. Your conversation is safe'
	);
	await expect(reply).toHaveAttribute('data-status', 'error');
	await expect(reply).toContainText('1, 2, 3'); // the partial reply is kept
	await expect(app.messages('user')).toContainText('Erzähl mir etwas.');

	await status.getByRole('button', { name: 'Try again' }).click();
	await expect(status).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
	await app.messages('assistant').last().getByRole('button', { name: 'Retry' }).click();
	await expect(app.messages('assistant').last()).toHaveAttribute('data-status', 'complete', {
		timeout: 30_000
	});
	await expect(app.messages('assistant').last()).toContainText('799, 800. Fertig!');
});

test('a reload during a reply keeps what was on screen up to its last moments', async ({
	app,
	page
}) => {
	await app.useTinyModel(LLM_LONG_ID);
	await app.openChat('Sam');
	await app.send('Tell me a long story.');
	const reply = app.messages('assistant').nth(1);
	const onScreen = async () =>
		(
			await reply
				.locator('.markdown')
				.innerText()
				.catch(() => '')
		)
			.replace(/\s+/g, ' ')
			.trim();
	await expect.poll(onScreen, { intervals: [20], timeout: 30_000 }).toContain('1, 2, 3');
	// What the page shows as it goes away, and whether the reply was still streaming then.
	await page.evaluate(() =>
		addEventListener('pagehide', () => {
			const last = [...document.querySelectorAll('[data-role="assistant"]')].at(-1);
			sessionStorage.setItem(
				'test:shown',
				JSON.stringify({
					status: last?.getAttribute('data-status'),
					text: last?.querySelector('.markdown')?.textContent ?? ''
				})
			);
		})
	);
	const earlier = await onScreen();
	await page.waitForTimeout(300);
	await app.reload();

	const shown = JSON.parse(
		(await page.evaluate(() => sessionStorage.getItem('test:shown'))) ?? '{}'
	) as { status?: string; text?: string };
	expect(shown.status, 'the reply was still streaming when the page went away').toBe('streaming');
	const before = (shown.text ?? '').replace(/\s+/g, ' ').trim();
	const kept = app.messages('assistant').nth(1);
	await expect(kept).toHaveAttribute('data-status', 'interrupted');
	const text = (await kept.locator('.markdown').innerText()).replace(/\s+/g, ' ').trim();
	expect(before.startsWith(text), `"${text}" is a prefix of "${before}"`).toBe(true);
	// Everything shown 300 ms before the reload was kept, not only the first word.
	expect(text.length).toBeGreaterThanOrEqual(earlier.length);
	expect(text.length).toBeGreaterThan('Gut,'.length);
	// Once the tab's draft is recovered, all of what was on screen.
	await expect
		.poll(async () => (await kept.locator('.markdown').innerText()).replace(/\s+/g, ' ').trim())
		.toBe(before);
});

for (const width of [360, 390]) {
	test(`the chat works at ${width}×844: no sideways scroll, a readable picker, the message box in view`, async ({
		app,
		page
	}) => {
		await page.setViewportSize({ width, height: 844 });
		await app.useTinyModel();
		await app.openChat('Lena');
		await app.send('Hallo Lena!');
		await expect(app.messages('assistant').last()).toHaveAttribute('data-status', 'complete', {
			timeout: 30_000
		});
		// The conversation is in the address now: the picker lists it and offers a new one.
		const picker = page.getByRole('combobox', { name: /^Conversation\b/ });
		const controls = [
			page.getByRole('button', { name: 'Call' }),
			page.getByRole('link', { name: 'Memory' }),
			picker,
			page.getByRole('link', { name: 'New conversation' }),
			page.getByLabel('Your message'),
			page.getByRole('button', { name: 'Send', exact: true })
		];
		for (const control of controls) await expect(control).toBeInViewport({ ratio: 1 });
		expect(
			await page.evaluate(() => document.documentElement.scrollWidth - innerWidth),
			'sideways scroll'
		).toBeLessThanOrEqual(0);
		const box = (await picker.boundingBox())!;
		expect(box.width, 'the picker is wider than its arrow').toBeGreaterThan(width / 2);
		// Its text ends before the arrow: the right padding holds the arrow, overflow ends in "…".
		const style = await picker.evaluate((select) => {
			const css = getComputedStyle(select);
			return { padding: parseFloat(css.paddingRight), overflow: css.textOverflow };
		});
		expect(style.padding).toBeGreaterThanOrEqual(28);
		expect(style.overflow).toBe('ellipsis');
		// A new conversation from this one (which itself began fresh) starts empty.
		await page.getByRole('link', { name: 'New conversation' }).click();
		await expect(app.messages('user')).toHaveCount(0);
		await expect(page.getByLabel('Your message')).toBeVisible();
	});
}
