// Calls between people on loopback (the built app, a real `peer` server, two Chromiums with fake
// camera and microphone): the call set-up time from the guest's "Ask to join" to the first remote
// video frame the guest shows (requestVideoFrameCallback), median of 10, also from the host's
// "Let in" (the part a person's reaction does not decide); and the time to reconnect to the
// signalling server after it was killed, from its restart to both sides back online.
//
//   node bench/rtc-setup.mjs [--runs 10]       (run from the repository root after a build)
import { spawn } from 'node:child_process';
import { launch, median, quantile, report, round, serveBuild } from './lib.mjs';
import { freePort, RTC_FLAGS } from './rtc-lib.mjs';

const at = process.argv.indexOf('--runs');
const RUNS = at >= 0 ? Number(process.argv[at + 1]) : 10;

/** Starts scripts/signal.mjs; resolves with the process once it listens. @param {number} port */
function startSignal(port) {
	const child = spawn(process.execPath, ['scripts/signal.mjs', '--port', String(port)]);
	return new Promise((resolve, reject) => {
		child.stdout.on('data', (chunk) => String(chunk).includes('listening') && resolve(child));
		child.once('exit', (code) => reject(new Error(`signal.mjs exited ${code}`)));
	});
}

export async function rtcSetup() {
	const server = await serveBuild();
	const port = await freePort();
	let signal = await startSignal(port);
	const [hostBrowser, guestBrowser] = await Promise.all([launch(RTC_FLAGS), launch(RTC_FLAGS)]);
	const host = await (await hostBrowser.newContext()).newPage();
	const guest = await (await guestBrowser.newContext()).newPage();
	const ready = (/** @type {import('playwright').Page} */ page) =>
		page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
	try {
		await host.goto(`${server.url}#/settings`);
		await ready(host);
		await host.getByLabel('Server host').fill('127.0.0.1');
		await host.getByLabel('Port').fill(String(port));
		await host.getByRole('button', { name: 'Save call settings' }).click();
		await host.getByText('Call settings saved.').waitFor();

		/** @type {number[]} */ const total = [];
		/** @type {number[]} */ const afterAdmit = [];
		for (let run = 0; run <= RUNS; run++) {
			await host.goto(`${server.url}?run=${run}#/meet`);
			await ready(host);
			await host.getByLabel('Your name in the call').fill('Host');
			await host.getByRole('button', { name: 'Start a new call' }).click();
			const link = await host.getByTestId('invite-link').inputValue();
			await guest.goto('about:blank');
			await guest.goto(link);
			await ready(guest);
			await guest.getByLabel('Your name in the call').fill('Guest');
			const started = await guest.evaluate(() => Date.now());
			await guest.getByRole('button', { name: 'Ask to join' }).click();
			await host.getByRole('button', { name: 'Let in' }).click();
			const admitted = await host.evaluate(() => Date.now());
			const framed = await guest.evaluate(async () => {
				const deadline = Date.now() + 20_000;
				/** @type {HTMLVideoElement | null} */ let video = null;
				while (!video && Date.now() < deadline) {
					video = document.querySelector('[data-testid="remote-video"]');
					if (!video) await new Promise((r) => setTimeout(r, 5));
				}
				if (!video) throw new Error('no remote video');
				const shown = video;
				return new Promise((resolve) => shown.requestVideoFrameCallback(() => resolve(Date.now())));
			});
			// The first run warms the caches (the app's chunks, the encoders): not counted.
			if (run > 0) {
				total.push(framed - started);
				afterAdmit.push(framed - admitted);
			}
			if (run < RUNS) {
				await guest.getByRole('button', { name: 'Leave' }).click();
				await host.getByTestId('room-ended').waitFor();
			}
		}

		// Signalling: killed mid-call, started again; both sides back online.
		signal.kill('SIGKILL');
		await Promise.all([
			host.getByTestId('signalling-status').waitFor(),
			guest.getByTestId('signalling-status').waitFor()
		]);
		signal = await startSignal(port);
		const restarted = Date.now();
		await Promise.all([
			host.getByTestId('signalling-status').waitFor({ state: 'detached', timeout: 30_000 }),
			guest.getByTestId('signalling-status').waitFor({ state: 'detached', timeout: 30_000 })
		]);
		const reconnectMs = Date.now() - restarted;

		return report('rtc-setup', {
			runs: RUNS,
			joinToFirstFrameMedianMs: round(median(total)),
			joinToFirstFrameP90Ms: round(quantile(total, 0.9)),
			letInToFirstFrameMedianMs: round(median(afterAdmit)),
			signallingReconnectMs: reconnectMs
		});
	} finally {
		signal.kill('SIGKILL');
		await Promise.all([hostBrowser.close(), guestBrowser.close()]);
		await server.close();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await rtcSetup();
