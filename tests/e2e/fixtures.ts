import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';

export { expect };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface Guard {
	/** Requests to anything but loopback; each was aborted. */
	blocked: string[];
	/** Console errors and uncaught exceptions. */
	errors: string[];
	/** Lets a test declare a console error it provokes on purpose. */
	allow: (pattern: RegExp) => void;
}

/** Blocks every request that is not to loopback; records console errors and page errors. */
export async function guardContext(context: BrowserContext): Promise<Guard> {
	const allowed: RegExp[] = [];
	const guard: Guard = { blocked: [], errors: [], allow: (pattern) => allowed.push(pattern) };
	await context.route('**/*', (route) => {
		const url = new URL(route.request().url());
		if (url.protocol === 'data:' || url.protocol === 'blob:' || LOOPBACK.has(url.hostname)) {
			return route.continue();
		}
		guard.blocked.push(url.href);
		return route.abort('blockedbyclient');
	});
	const watch = (page: Page) => {
		page.on('console', (message) => {
			if (message.type() !== 'error') return;
			const text = `${message.text()} @ ${message.location().url}`;
			if (!allowed.some((pattern) => pattern.test(text))) guard.errors.push(text);
		});
		page.on('pageerror', (error) => guard.errors.push(`uncaught: ${error.stack ?? error.message}`));
	};
	context.pages().forEach(watch);
	context.on('page', watch);
	return guard;
}

export function expectClean(guard: Guard) {
	expect(guard.blocked, 'requests outside loopback').toEqual([]);
	expect(guard.errors, 'console errors and uncaught exceptions').toEqual([]);
}

export const test = base.extend<{ guard: Guard; app: App }>({
	guard: async ({ context }, use) => {
		const guard = await guardContext(context);
		await use(guard);
		expectClean(guard);
	},
	app: async ({ page, guard }, use) => {
		void guard; // the guard must be in place before the first navigation
		await use(new App(page));
	}
});

/** Page helpers that speak the app's language. */
export class App {
	constructor(readonly page: Page) {}

	/** Opens a route (hash path like `/settings`) and waits until the app is interactive. */
	async open(path = '/') {
		await this.page.goto(path === '/' ? './' : `./#${path}`);
		await this.ready();
	}

	async ready() {
		await expect(this.page.locator('html[data-ready="true"]')).toBeAttached();
	}

	async reload() {
		await this.page.reload();
		await this.ready();
	}

	cards() {
		return this.page.getByTestId('companion-card');
	}

	card(name: string) {
		return this.cards().filter({ has: this.page.getByRole('heading', { name, exact: true }) });
	}

	/** The notification whose text contains `text`. */
	toast(text: string | RegExp) {
		return this.page.getByTestId('toast').filter({ hasText: text });
	}

	/**
	 * Points the app at a tiny generated model through the AI settings, as a person would: the
	 * ONNX engine, the test server as model mirror, and the model added by id.
	 */
	async useTinyModel(id = 'kompanion-test/tiny-llm', source?: string) {
		await this.open('/settings/ai');
		const page = this.page;
		await page.getByLabel('CPU or WebGPU (ONNX)').check();
		await expect(this.toast('Engine set to CPU or WebGPU (ONNX).')).toBeVisible();
		await page.getByLabel('Model source').fill(source ?? new URL('__models/', page.url()).href);
		await page.getByRole('button', { name: 'Save source' }).click();
		await expect(this.toast('Model mirror saved.')).toBeVisible();
		await page.getByText('Add a model by name, address or from files').click();
		await page.getByLabel('Model id', { exact: true }).fill(id);
		await page.getByRole('button', { name: 'Add model' }).click();
		await expect(this.toast(`${id} added and selected.`)).toBeVisible();
		await expect(page.locator(`[data-model="${id}"] input[type=radio]`)).toBeChecked();
	}

	/**
	 * Speech on the tiny generated models: Whisper and the voice, through Settings → AI. The voice
	 * model is the tiny VITS unless `voiceModel` names another (e.g. the tiny Kokoro); Whisper is
	 * the default tiny one unless `whisperModel` names a variant (e.g. the learner's).
	 */
	async useTinySpeech({
		debug = true,
		voiceModel = 'kompanion-test/tiny-tts',
		whisperModel = 'kompanion-test/tiny-whisper'
	} = {}) {
		await this.open('/settings/ai');
		const page = this.page;
		await page.getByLabel('Whisper model id').fill(whisperModel);
		await page.getByLabel(/Voice model for every neural voice/).fill(voiceModel);
		if (debug) await page.getByLabel('Show turn timings during calls').check();
		await page.getByRole('button', { name: 'Save voice settings' }).click();
		await expect(this.toast('Speech settings saved.')).toBeVisible();
	}

	/** Memory search on the tiny generated embedding model, through Settings → AI. */
	async useTinyMemory(id = 'kompanion-test/tiny-embed') {
		await this.open('/settings/ai');
		const page = this.page;
		await page.getByLabel('Memory search model', { exact: true }).selectOption('Another model…');
		await page.getByLabel('Memory search model id').fill(id);
		await page.getByRole('button', { name: 'Save memory settings' }).click();
		await expect(this.toast('Memory settings saved.')).toBeVisible();
	}

	/** Opens the chat with a companion from the home screen (a new conversation). */
	async openChat(name: string) {
		await this.open('/');
		await this.card(name).getByRole('link', { name: 'Chat' }).click();
		await expect(this.page.getByRole('heading', { name, exact: true })).toBeVisible();
	}

	messages(role?: 'user' | 'assistant') {
		const all = this.page.getByTestId('message');
		return role ? all.and(this.page.locator(`[data-role="${role}"]`)) : all;
	}

	async send(text: string) {
		await this.page.getByLabel('Your message').fill(text);
		await this.page.getByRole('button', { name: 'Send', exact: true }).click();
	}

	/** Resolves when a service worker controls the page (the app shell is cached). */
	async waitForOfflineReady() {
		await this.page.evaluate(async () => {
			await navigator.serviceWorker.ready;
			if (!navigator.serviceWorker.controller) {
				await new Promise((done) =>
					navigator.serviceWorker.addEventListener('controllerchange', done, { once: true })
				);
			}
		});
	}
}
