import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { App, expect, guardContext } from './fixtures';

/** Chromium flags for WebRTC on loopback: host candidates unhidden, loopback allowed. */
export const LOOPBACK_WEBRTC = [
	'--allow-loopback-in-peer-connection',
	'--disable-features=WebRtcHideLocalIpsWithMdns'
];

/**
 * Test instrumentation, added by the test (never in the app): keeps every RTCPeerConnection and
 * every data channel this page makes, for getStats and for sending a peer's bad messages.
 */
function instrument() {
	const w = window as unknown as { __pcs: RTCPeerConnection[]; __channels: RTCDataChannel[] };
	w.__pcs = [];
	w.__channels = [];
	const Native = window.RTCPeerConnection;
	const create = Native.prototype.createDataChannel;
	Native.prototype.createDataChannel = function (...args) {
		const channel = create.apply(this, args);
		w.__channels.push(channel);
		return channel;
	};
	window.RTCPeerConnection = class extends Native {
		constructor(config?: RTCConfiguration) {
			super(config);
			w.__pcs.push(this);
			this.addEventListener('datachannel', (event) => w.__channels.push(event.channel));
		}

		// The other side's candidates on other interfaces are never tried: WebRTC traffic in the
		// tests only ever goes to 127.0.0.1.
		override addIceCandidate(candidate?: RTCIceCandidateInit | null): Promise<void> {
			const text = candidate?.candidate ?? '';
			if (text && !text.includes(' 127.0.0.1 ')) return Promise.resolve();
			return super.addIceCandidate(candidate ?? undefined);
		}
	};
}

/** One person in a call: their own Chromium, whose fake microphone plays their own WAV. */
export class Person {
	readonly warnings: string[] = [];
	private constructor(
		readonly browser: Browser,
		readonly context: BrowserContext,
		readonly page: Page,
		readonly app: App,
		readonly guard: Awaited<ReturnType<typeof guardContext>>
	) {}

	/** `executablePath`: a wrapper that starts Chromium inside the test's network namespace. */
	static async launch(
		baseURL: string,
		wav: string,
		executablePath = findChromium()
	): Promise<Person> {
		const browser = await chromium.launch({
			executablePath,
			args: [
				...CHROMIUM_ARGS,
				...LOOPBACK_WEBRTC,
				'--use-fake-ui-for-media-stream',
				'--use-fake-device-for-media-stream',
				`--use-file-for-fake-audio-capture=tests/fixtures/audio/${wav}`,
				'--autoplay-policy=no-user-gesture-required'
			]
		});
		return Person.#open(browser, baseURL);
	}

	/**
	 * Another person in `other`'s Chromium (a context of its own: its own profile and tabs), which
	 * costs less than a browser more; their fake microphone plays the same WAV as `other`'s.
	 */
	static async besides(other: Person, baseURL: string): Promise<Person> {
		return Person.#open(other.browser, baseURL);
	}

	static async #open(browser: Browser, baseURL: string): Promise<Person> {
		const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
		const guard = await guardContext(context);
		await context.addInitScript(instrument);
		const page = await context.newPage();
		const person = new Person(browser, context, page, new App(page), guard);
		page.on('console', (message) => {
			if (message.type() === 'warning') person.warnings.push(message.text());
		});
		return person;
	}

	/** The status of `name`'s tile: connected, stalled ("reconnecting…"), left. */
	tile(name: string) {
		return this.page.locator(`[data-testid="remote"][data-peer-name="${name}"]`);
	}

	/** Waits until `name`'s video shows frames that keep coming (decoded, advancing). */
	async seesFramesOf(name: string) {
		await expect.poll(async () => (await this.framesOf(name)).width).toBeGreaterThan(0);
		const before = (await this.framesOf(name)).frames;
		await expect.poll(async () => (await this.framesOf(name)).frames).toBeGreaterThan(before + 5);
	}

	/** Decoded frames of the video of `name` (grows while their video plays). */
	async framesOf(name: string): Promise<{ width: number; frames: number }> {
		return this.page
			.locator(`[data-testid="remote"][data-peer-name="${name}"] video`)
			.evaluate((video: HTMLVideoElement) => ({
				width: video.videoWidth,
				frames: video.getVideoPlaybackQuality().totalVideoFrames
			}));
	}

	/** Audio received and decoded from the others: samples and energy, over every connection. */
	async audioIn(): Promise<{ samples: number; energy: number }> {
		return this.page.evaluate(async () => {
			let samples = 0;
			let energy = 0;
			for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
				(await pc.getStats()).forEach((report) => {
					if (report.type === 'inbound-rtp' && report.kind === 'audio') {
						samples += report.totalSamplesReceived ?? 0;
						energy += report.totalAudioEnergy ?? 0;
					}
				});
			}
			return { samples, energy };
		});
	}

	/** How many inbound audio streams have carried sound (energy above zero). */
	async audioStreamsWithSound(): Promise<number> {
		return this.page.evaluate(async () => {
			let count = 0;
			for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
				(await pc.getStats()).forEach((report) => {
					if (
						report.type === 'inbound-rtp' &&
						report.kind === 'audio' &&
						report.totalAudioEnergy > 0
					)
						count++;
				});
			}
			return count;
		});
	}

	/**
	 * This side's address in each connection's selected candidate pair (the other side's end is
	 * that side's own), and every candidate the other side signalled. Chromium hides the address of
	 * a peer-reflexive candidate, so those are checked from the side that owns them.
	 */
	async addressesInUse(): Promise<{ selected: string[]; signalled: string[] }> {
		return this.page.evaluate(async () => {
			const selected: string[] = [];
			const signalled: string[] = [];
			for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
				const stats = await pc.getStats();
				stats.forEach((report) => {
					if (report.type === 'remote-candidate' && report.candidateType !== 'prflx')
						signalled.push(report.address);
					if (report.type !== 'transport' || !report.selectedCandidatePairId) return;
					const pair = stats.get(report.selectedCandidatePairId);
					selected.push(stats.get(pair?.localCandidateId)?.address ?? 'unknown');
				});
			}
			return { selected, signalled };
		});
	}

	/** Sends raw payloads on every open data channel, as a misbehaving peer would. */
	async sendRaw(payloads: string[]): Promise<number> {
		return this.page.evaluate((payloads) => {
			let sent = 0;
			for (const channel of (window as unknown as { __channels: RTCDataChannel[] }).__channels) {
				if (channel.readyState !== 'open') continue;
				for (const payload of payloads) channel.send(payload);
				sent++;
			}
			return sent;
		}, payloads);
	}

	line(text: string) {
		return this.page.getByTestId('room-line').filter({ hasText: text });
	}

	async chat(text: string) {
		await this.page.getByLabel('Message to the call').fill(text);
		await this.page.getByRole('button', { name: 'Send', exact: true }).click();
	}

	/** Checks the guard (no outside request, no console error), then closes the browser. */
	async close({ check = true } = {}) {
		if (check) {
			expect(this.guard.blocked, 'requests outside loopback').toEqual([]);
			expect(this.guard.errors, 'console errors and uncaught exceptions').toEqual([]);
		}
		await this.browser.close();
	}
}

/** Points the app's call settings at the test's signalling server, through Settings. */
export async function useSignalling(person: Person, port: number) {
	const { app, page } = person;
	await app.open('/settings');
	await page.getByLabel('Server host').fill('127.0.0.1');
	await page.getByLabel('Port').fill(String(port));
	await page.getByRole('button', { name: 'Save call settings' }).click();
	await expect(app.toast('Call settings saved.')).toBeVisible();
}

/** Tiny Whisper for captions: the test's model mirror and its Whisper, through Settings → AI. */
export async function useTinyWhisper(person: Person) {
	const { app, page } = person;
	await app.open('/settings/ai');
	await page.getByLabel('Model source').fill(new URL('__models/', page.url()).href);
	await page.getByRole('button', { name: 'Save source' }).click();
	await expect(app.toast('Model mirror saved.')).toBeVisible();
	await app.useTinySpeech({ debug: false });
}

interface SavedMessage {
	speaker?: string;
	via?: string;
	role: string;
	content: string;
}

/** The messages of the calls between people stored on this person's device, oldest first. */
export async function peerCallMessages(person: Person): Promise<SavedMessage[]> {
	return person.page.evaluate(
		() =>
			new Promise<SavedMessage[]>((resolve, reject) => {
				const open = indexedDB.open('kompanion');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction(['conversations', 'messages'], 'readonly');
					const conversations = tx.objectStore('conversations').getAll();
					const messages = tx.objectStore('messages').getAll();
					tx.oncomplete = () => {
						const ids = new Set(
							(conversations.result as { id: string; kind: string }[])
								.filter((c) => c.kind === 'peer-call')
								.map((c) => c.id)
						);
						const rows = messages.result as (SavedMessage & {
							conversationId: string;
							createdAt: number;
						})[];
						resolve(
							rows
								.filter((m) => ids.has(m.conversationId))
								.sort((a, b) => a.createdAt - b.createdAt)
						);
						db.close();
					};
				};
			})
	);
}

/** The recordings' details on this person's device (their media left out). */
export async function recordingsOf(person: Person): Promise<Record<string, unknown>[]> {
	return person.page.evaluate(
		() =>
			new Promise<Record<string, unknown>[]>((resolve, reject) => {
				const open = indexedDB.open('kompanion');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const rows = db.transaction('recordings', 'readonly').objectStore('recordings').getAll();
					rows.onsuccess = () => {
						resolve(rows.result as Record<string, unknown>[]);
						db.close();
					};
					rows.onerror = () => reject(rows.error);
				};
			})
	);
}
