// Calls between people, in a call that is running (the built app, a real `peer` server, two
// Chromiums with fake camera and microphone):
// - the CPU the host's browser uses (all its processes, from Chromium's own process list) in a
//   two-person call, then with the host's companion (tiny LLM and voice) brought in and idle, and
//   while she answers a question in the chat: the companion's cost on top of the call;
// - a network blip: as root, everything runs in a network namespace with only loopback, which is
//   taken down for 3 s (`ip link set lo down`); the media gap is the time from the network's
//   return to the first new remote frame on each side (the redial), median over the blips.
//   Not root: the blip is skipped with the reason.
//
//   node bench/rtc-call.mjs [--blips 3] [--build build]   (from the repository root after a build)
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/chromium.mjs';
import { DEFAULT_MODELS_DIR, generateTinyModels, LLM_ID } from '../scripts/tiny-models/index.mjs';
import { appOn, useTinyModel, useTinySpeech } from './browser-app.mjs';
import { freePort, RTC_FLAGS } from './rtc-lib.mjs';
import { median, report, round } from './lib.mjs';

const at = process.argv.indexOf('--blips');
const BLIPS = at >= 0 ? Number(process.argv[at + 1]) : 3;
const BLIP_MS = 3000;
const dirAt = process.argv.indexOf('--build');
/** The built app to serve (a copy keeps a run from meeting a build made meanwhile). */
const BUILD = dirAt >= 0 ? process.argv[dirAt + 1] : 'build';
const CPU_WINDOW_MS = 15_000;

/** A network namespace with only loopback (root only), or the reason there is none. */
async function loopbackNamespace() {
	if (process.getuid?.() !== 0) return 'making a network namespace needs root';
	const holder = spawn('unshare', ['--net', 'sleep', 'infinity'], { stdio: 'ignore' });
	const own = readlinkSync('/proc/self/ns/net');
	for (let i = 0; i < 250; i++) {
		try {
			if (holder.pid && readlinkSync(`/proc/${holder.pid}/ns/net`) !== own) break;
		} catch (error) {
			void error; // appears as the child execs
		}
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	const enter = ['nsenter', `--net=/proc/${holder.pid}/ns/net`];
	/** @param {string[]} args */
	const ip = (...args) => spawnSync(enter[0], [enter[1], 'ip', ...args]).status === 0;
	if (!ip('link', 'set', 'lo', 'up')) {
		holder.kill();
		return 'could not bring loopback up in a namespace';
	}
	const dir = mkdtempSync(join(tmpdir(), 'kompanion-bench-netns-'));
	const wrapper = join(dir, 'inside.sh');
	writeFileSync(wrapper, `#!/bin/sh\nexec ${enter.join(' ')} '${ensureChromium()}' "$@"\n`);
	chmodSync(wrapper, 0o755);
	return {
		wrapper,
		/** @param {string[]} args */
		spawn: (args) => spawn(enter[0], [enter[1], ...args], { stdio: ['ignore', 'pipe', 'pipe'] }),
		/** @param {boolean} up */
		loopback: (up) => ip('link', 'set', 'lo', up ? 'up' : 'down'),
		close() {
			holder.kill();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/**
 * Starts a node script (inside the namespace when there is one); resolves once it prints `ready`.
 * @param {Awaited<ReturnType<typeof loopbackNamespace>>} ns @param {string[]} args @param {string} ready
 */
function startNode(ns, args, ready) {
	const child =
		typeof ns === 'string'
			? spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
			: ns.spawn([process.execPath, ...args]);
	return new Promise((resolve, reject) => {
		let output = '';
		child.stdout?.on('data', (chunk) => {
			output += chunk;
			if (output.includes(ready)) resolve(child);
		});
		child.once('exit', (code) => reject(new Error(`${args[0]} exited ${code}: ${output}`)));
	});
}

/** CPU seconds used so far by every process of a browser (Chromium's own accounting). @param {import('playwright').Browser} browser */
async function cpuSeconds(browser) {
	const session = await browser.newBrowserCDPSession();
	const { processInfo } = /** @type {{ processInfo: { cpuTime: number }[] }} */ (
		await session.send('SystemInfo.getProcessInfo')
	);
	await session.detach();
	return processInfo.reduce((sum, process) => sum + process.cpuTime, 0);
}

/** The share of one core the browser used over `ms`. @param {import('playwright').Browser} browser @param {number} ms */
async function cpuShare(browser, ms) {
	const before = await cpuSeconds(browser);
	await new Promise((resolve) => setTimeout(resolve, ms));
	return round(((await cpuSeconds(browser)) - before) / (ms / 1000), 3);
}

/** Frames of `name`'s remote video so far. @param {import('playwright').Page} page @param {string} name */
const frames = (page, name) =>
	page
		.locator(`[data-testid="remote"][data-peer-name="${name}"] video`)
		.evaluate(
			(video) => /** @type {HTMLVideoElement} */ (video).getVideoPlaybackQuality().totalVideoFrames
		);

/**
 * Waits in the page until `name`'s video shows a frame other than the one it showed at `since`
 * (a new stream starts its count again), with the peer connected; returns the page's Date.now().
 * @param {import('playwright').Page} page @param {string} name @param {number} since
 */
const nextFrameAt = (page, name, since) =>
	page.evaluate(
		async ({ name, since }) => {
			const deadline = Date.now() + 30_000;
			while (Date.now() < deadline) {
				const tile = document.querySelector(`[data-testid="remote"][data-peer-name="${name}"]`);
				const video = tile?.querySelector('video');
				const count = video?.getVideoPlaybackQuality().totalVideoFrames ?? 0;
				if (tile?.getAttribute('data-status') === 'connected' && count > 0 && count !== since)
					return Date.now();
				await new Promise((resolve) => setTimeout(resolve, 10));
			}
			return NaN;
		},
		{ name, since }
	);

export async function rtcCall() {
	await generateTinyModels();
	const ns = await loopbackNamespace();
	const appPort = await freePort();
	const signalPort = await freePort();
	const serveArgs = ['scripts/serve.mjs', '--port', String(appPort), '--dir', BUILD];
	const app = await startNode(
		ns,
		[...serveArgs, '--mount', `/__models=${DEFAULT_MODELS_DIR}`],
		'is running at'
	);
	const signal = await startNode(
		ns,
		['scripts/signal.mjs', '--port', String(signalPort)],
		'listening'
	);
	const executablePath = typeof ns === 'string' ? ensureChromium() : ns.wrapper;
	const launch = () => chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...RTC_FLAGS] });
	const [hostBrowser, guestBrowser] = await Promise.all([launch(), launch()]);
	const url = `http://127.0.0.1:${appPort}/`;
	const host = await (await hostBrowser.newContext()).newPage();
	const guest = await (await guestBrowser.newContext()).newPage();
	try {
		const hostApp = appOn(host, { url, close: async () => undefined }, async () => undefined);
		await host.goto(url);
		await hostApp.ready();
		await useTinyModel(hostApp, LLM_ID);
		await useTinySpeech(hostApp);
		await hostApp.open('/settings');
		await host.getByLabel('Server host').fill('127.0.0.1');
		await host.getByLabel('Port').fill(String(signalPort));
		await host.getByRole('button', { name: 'Save call settings' }).click();
		await host.getByText('Call settings saved.').waitFor();

		await hostApp.open('/meet');
		await host.getByLabel('Your name in the call').fill('Host');
		await host.getByRole('button', { name: 'Start a new call' }).click();
		const link = await host.getByTestId('invite-link').inputValue();
		await guest.goto(link);
		await guest.waitForSelector('html[data-ready="true"]', { state: 'attached' });
		await guest.getByLabel('Your name in the call').fill('Guest');
		await guest.getByRole('button', { name: 'Ask to join' }).click();
		await host.getByRole('button', { name: 'Let in' }).click();
		await nextFrameAt(guest, 'Host', -1);
		await nextFrameAt(host, 'Guest', -1);

		// CPU on the host: the call alone, then with the companion listening, then answering.
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const callOnly = await cpuShare(hostBrowser, CPU_WINDOW_MS);
		await host.getByLabel('Companion').selectOption({ label: 'Lena' });
		await host.getByRole('button', { name: 'Bring into the call' }).click();
		await host
			.getByTestId('companion-status')
			.filter({ hasText: 'Lena is in the call' })
			.waitFor({ timeout: 120_000 });
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const withCompanion = await cpuShare(hostBrowser, CPU_WINDOW_MS);
		const before = await cpuSeconds(hostBrowser);
		const asked = Date.now();
		await guest.getByLabel('Message to the call').fill('Lena, wie sagt man „hello“?');
		await guest.getByRole('button', { name: 'Send', exact: true }).click();
		await host
			.locator('[data-testid="room-line"][data-from="companion"]')
			.first()
			.waitFor({ timeout: 60_000 });
		const answerSeconds = (Date.now() - asked) / 1000;
		const answerCpu = round(((await cpuSeconds(hostBrowser)) - before) / answerSeconds, 3);

		/** @type {Record<string, unknown>} */
		const blip = {};
		if (typeof ns === 'string') blip.skipped = ns;
		else {
			/** @type {number[]} */ const gaps = [];
			/** @type {number[]} */ const outages = [];
			for (let i = 0; i < BLIPS; i++) {
				await nextFrameAt(guest, 'Host', -1);
				await nextFrameAt(host, 'Guest', -1);
				const [hostSince, guestSince] = await Promise.all([
					frames(host, 'Guest'),
					frames(guest, 'Host')
				]);
				const down = Date.now();
				ns.loopback(false);
				await new Promise((resolve) => setTimeout(resolve, BLIP_MS));
				ns.loopback(true);
				const up = Date.now();
				const seen = await Promise.all([
					nextFrameAt(host, 'Guest', hostSince),
					nextFrameAt(guest, 'Host', guestSince)
				]);
				for (const time of seen) {
					gaps.push(time - up);
					outages.push(time - down);
				}
				await new Promise((resolve) => setTimeout(resolve, 3000));
			}
			Object.assign(blip, {
				blips: BLIPS,
				blipMs: BLIP_MS,
				mediaGapAfterBlipMedianMs: round(median(gaps)),
				mediaGapAfterBlipMaxMs: round(Math.max(...gaps)),
				outageMedianMs: round(median(outages)),
				recovered: `${gaps.filter(Number.isFinite).length}/${gaps.length}`
			});
		}

		return report('rtc-call', {
			hostCpuCallOnly: callOnly,
			hostCpuWithCompanionIdle: withCompanion,
			hostCpuWhileCompanionAnswers: answerCpu,
			companionIdleCostCores: round(withCompanion - callOnly, 3),
			...blip
		});
	} finally {
		await Promise.all([hostBrowser.close(), guestBrowser.close()]);
		signal.kill('SIGKILL');
		app.kill('SIGKILL');
		if (typeof ns !== 'string') ns.close();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await rtcCall();
