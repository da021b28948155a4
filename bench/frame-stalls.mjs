// Does the page keep drawing while models load? Drives the built app with the tiny models from
// page load through a chat, a call over the chat and the chat again (and a reload), on a fresh
// browser profile and then on the same profile warm. A requestAnimationFrame probe runs the whole
// time, with Long Animation Frames; at the end of the call it reads the JS heap of the page and of
// every worker over the DevTools protocol, and the renderer processes' RSS.
//
//   node bench/frame-stalls.mjs [--dir build]       (BENCH_VERBOSE=1 prints every long gap)
import { readdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/chromium.mjs';
import { serve } from '../scripts/serve.mjs';
import {
	DEFAULT_MODELS_DIR,
	EMBED_ID,
	LLM_ID,
	generateTinyModels
} from '../scripts/tiny-models/index.mjs';
import { appOn, putAll, sendAndWait, useTinyModel, useTinySpeech } from './browser-app.mjs';
import { report, round } from './lib.mjs';

const CALL_SECONDS = 20;
const FRAME_MS = 1000 / 60;

/**
 * Runs in the page before its scripts, on every navigation: counts frames and keeps the gaps
 * between them, and the Long Animation Frames, until `__frameProbe.take()` reads and resets them.
 */
function installProbe() {
	/** @type {{ frames: number, last: number, maxGap: number, dropped: number, gaps: { at: number, ms: number }[], loaf: { ms: number, blocking: number, renderMs: number, scripts: string[] }[] }} */
	const state = { frames: 0, last: 0, maxGap: 0, dropped: 0, gaps: [], loaf: [] };
	const tick = (/** @type {number} */ now) => {
		if (state.last) {
			const gap = now - state.last;
			state.frames++;
			if (gap > state.maxGap) state.maxGap = gap;
			state.dropped += Math.max(0, Math.round(gap / (1000 / 60)) - 1);
			if (gap > 100) state.gaps.push({ at: Math.round(state.last), ms: Math.round(gap) });
		}
		state.last = now;
		requestAnimationFrame(tick);
	};
	requestAnimationFrame(tick);
	try {
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) {
				const e =
					/** @type {PerformanceEntry & { blockingDuration: number, scripts: { sourceURL: string, invoker: string, duration: number }[], renderStart: number }} */ (
						entry
					);
				state.loaf.push({
					ms: Math.round(e.duration),
					blocking: Math.round(e.blockingDuration),
					// Where the time went: tasks before rendering, or style, layout and paint.
					renderMs: e.renderStart ? Math.round(e.startTime + e.duration - e.renderStart) : 0,
					// What ran in it (to tell our code from the browser's own work).
					scripts: e.scripts.map(
						(s) => `${Math.round(s.duration)} ms ${s.invoker} ${s.sourceURL.split('/').pop()}`
					)
				});
			}
		}).observe({ type: 'long-animation-frame', buffered: true });
	} catch {
		// No Long Animation Frames in this browser: the frame probe alone still answers.
	}
	Object.assign(globalThis, {
		__frameProbe: {
			take() {
				const taken = {
					frames: state.frames,
					maxGapMs: Math.round(state.maxGap),
					dropped: state.dropped,
					gaps: state.gaps,
					loafCount: state.loaf.length,
					loafMaxMs: Math.max(0, ...state.loaf.map((l) => l.ms)),
					loafBlockingMs: state.loaf.reduce((sum, l) => sum + l.blocking, 0),
					loafLongest: [...state.loaf].sort((a, b) => b.ms - a.ms)[0]
				};
				Object.assign(state, { frames: 0, maxGap: 0, dropped: 0, gaps: [], loaf: [] });
				return taken;
			}
		}
	});
}

/** @typedef {{ frames: number, maxGapMs: number, dropped: number, gaps: { at: number, ms: number }[], loafCount: number, loafMaxMs: number, loafBlockingMs: number, loafLongest?: { ms: number, renderMs: number, scripts: string[] } }} Probe */

/** @param {import('playwright').Page} page @returns {Promise<Probe>} */
const takeProbe = (page) =>
	page.evaluate(() =>
		/** @type {{ __frameProbe: { take(): Probe } }} */ (
			/** @type {unknown} */ (globalThis)
		).__frameProbe.take()
	);

/** RSS in MB of each renderer process of the browser started with `profile`, largest first. */
function rendererRss(/** @type {string} */ profile) {
	/** @type {number[]} */
	const found = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			// Chromium rewrites its children's titles: one string with spaces, not NUL-separated.
			const args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split(/[\0 ]/);
			if (!args.includes('--type=renderer') || !args.includes(`--user-data-dir=${profile}`))
				continue;
			if (args.includes('--top-chrome-webui')) continue;
			const status = readFileSync(`/proc/${name}/status`, 'utf8');
			found.push(round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024));
		} catch {
			// The process ended while we looked.
		}
	}
	return found.sort((a, b) => b - a);
}

/**
 * JS heap (MB used) of the page and of each worker, over the DevTools protocol: the page directly,
 * the workers through auto-attach (non-flattened sessions, which Playwright's CDPSession can drive).
 * @param {import('playwright').BrowserContext} context @param {import('playwright').Page} page
 */
async function heaps(context, page) {
	const cdp = await context.newCDPSession(page);
	const mb = (/** @type {number} */ bytes) => round(bytes / 2 ** 20);
	const { usedSize } = await cdp.send('Runtime.getHeapUsage');
	/** @type {{ sessionId: string, title: string }[]} */
	const workers = [];
	cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
		if (targetInfo.type === 'worker') workers.push({ sessionId, title: targetInfo.url });
	});
	/** @type {Map<number, (result: { usedSize: number }) => void>} */
	const pending = new Map();
	cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
		const reply = JSON.parse(message);
		pending.get(reply.id)?.(reply.result);
	});
	await cdp.send('Target.setAutoAttach', {
		autoAttach: true,
		waitForDebuggerOnStart: false,
		flatten: false
	});
	await page.waitForTimeout(2000);
	/** @type {Record<string, number>} */
	const perWorker = {};
	let id = 1;
	for (const worker of workers) {
		const result = await new Promise((resolve) => {
			const messageId = id++;
			pending.set(messageId, resolve);
			void cdp.send('Target.sendMessageToTarget', {
				sessionId: worker.sessionId,
				message: JSON.stringify({ id: messageId, method: 'Runtime.getHeapUsage' })
			});
			setTimeout(() => resolve({ usedSize: NaN }), 15_000);
		});
		const name =
			worker.title
				.split('/')
				.pop()
				?.replace(/-[\w-]{8}\.js$/, '') ?? worker.title;
		perWorker[name in perWorker ? `${name}#${id}` : name] = mb(
			/** @type {{ usedSize: number }} */ (result).usedSize
		);
	}
	await cdp.detach();
	return { pageMb: mb(usedSize), workersMb: perWorker };
}

/**
 * One pass through the app on `profile`. On a fresh profile it first picks the tiny models.
 * @param {{ url: string, close: () => Promise<any> }} server @param {string} profile @param {boolean} fresh
 */
async function pass(server, profile, fresh) {
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: ensureChromium(),
		args: [
			...CHROMIUM_ARGS,
			'--use-fake-ui-for-media-stream',
			'--use-fake-device-for-media-stream',
			'--use-file-for-fake-audio-capture=tests/fixtures/audio/de-barge-in.wav',
			'--autoplay-policy=no-user-gesture-required'
		]
	});
	await context.addInitScript(installProbe);
	const page = context.pages()[0] ?? (await context.newPage());
	/** Console errors and warnings, shown when a phase fails. */
	const console_ = /** @type {string[]} */ ([]);
	page.on('console', (message) => {
		if (message.type() === 'error' || message.type() === 'warning') {
			console_.push(`${message.type()}: ${message.text().slice(0, 300)}`);
		}
	});
	const app = appOn(page, server, () => context.close());
	/** @type {Record<string, Probe>} */
	const phases = {};
	/** @type {string[]} */
	const failures = [];
	const phase = async (/** @type {string} */ name, /** @type {() => Promise<unknown>} */ work) => {
		await takeProbe(page);
		// A phase that times out (a reply that never came) is reported, and the run goes on.
		await work().catch(async (/** @type {Error} */ error) => {
			const last = await page
				.locator('[data-testid=message]')
				.last()
				.evaluate(
					(m) =>
						`${m.getAttribute('data-role')} ${m.getAttribute('data-status')}: ${m.textContent?.slice(0, 80)}`
				)
				.catch(() => 'no message');
			failures.push(`${name}: ${error.message.split('\n')[0]} (last message: ${last})`);
			if (process.env.BENCH_VERBOSE) console.log(name, 'failed; console:', console_.slice(-10));
		});
		phases[name] = await takeProbe(page);
	};
	let atCallEnd;
	try {
		await page.goto(server.url);
		await app.ready();
		if (fresh) {
			await useTinyModel(app, LLM_ID);
			await useTinySpeech(app);
			await putAll(page, 'settings', [{ key: 'memory.embedModel', value: EMBED_ID }]);
		}
		await app.open('/companions/preset-lena/chat');
		await phase('chat', () => sendAndWait(page, 'Hallo!'));
		await phase('call', async () => {
			await page.getByRole('button', { name: 'Call', exact: true }).click();
			await page.getByRole('dialog', { name: 'Call with Lena' }).getByTestId('call').waitFor();
			await page.waitForTimeout(CALL_SECONDS * 1000);
		});
		atCallEnd = {
			...(await heaps(context, page)),
			rendererRssMb: rendererRss(profile)
		};
		await phase('after call', async () => {
			await page.getByRole('button', { name: 'End call' }).click();
			// The chat's own message box, not the call's: the overlay must be gone first.
			await page.getByRole('dialog', { name: 'Call with Lena' }).waitFor({ state: 'detached' });
			await sendAndWait(page, 'Und wieder getippt.');
			await page.waitForTimeout(3000);
		});
		await page.reload();
		await app.ready();
		await phase('after reload', async () => {
			await sendAndWait(page, 'Nach dem Neuladen.');
			await page.waitForTimeout(3000);
		});
	} finally {
		await context.close();
	}
	const all = Object.values(phases);
	if (process.env.BENCH_VERBOSE) {
		for (const [name, p] of Object.entries(phases)) {
			console.log(
				name,
				JSON.stringify(p.gaps),
				'\n  longest frame:',
				JSON.stringify(p.loafLongest)
			);
		}
	}
	return {
		maxGapMs: Math.max(...all.map((p) => p.maxGapMs)),
		droppedFrames: all.reduce((sum, p) => sum + p.dropped, 0),
		gapsOver200ms: all.reduce((sum, p) => sum + p.gaps.filter((g) => g.ms > 200).length, 0),
		longAnimationFrames: all.reduce((sum, p) => sum + p.loafCount, 0),
		longestAnimationFrameMs: Math.max(...all.map((p) => p.loafMaxMs)),
		phases: Object.fromEntries(
			Object.entries(phases).map(([name, p]) => [
				name,
				{ maxGapMs: p.maxGapMs, dropped: p.dropped, frames: p.frames, loafMaxMs: p.loafMaxMs }
			])
		),
		atCallEnd,
		...(failures.length ? { failures } : {})
	};
}

/** @param {{ dir?: string }} [options] */
export async function frameStalls({ dir = 'build' } = {}) {
	await generateTinyModels();
	const server = await serve({ dir, port: 0, mounts: { '/__models': DEFAULT_MODELS_DIR } });
	const profile = mkdtempSync(join(tmpdir(), 'kompanion-frames-'));
	try {
		const fresh = await pass(server, profile, true);
		report('frame stalls, fresh profile (tiny models)', fresh);
		const warm = await pass(server, profile, false);
		report('frame stalls, warm profile (tiny models)', warm);
		return {
			name: 'frame stalls (tiny models)',
			frameMs: round(FRAME_MS),
			fresh,
			warm
		};
	} finally {
		await server.close();
		rmSync(profile, { recursive: true, force: true });
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const at = process.argv.indexOf('--dir');
	await frameStalls(at > 0 ? { dir: process.argv[at + 1] } : {});
}
