// The call's D-ID voice (src/lib/avatar/did/call-voice.svelte.ts) against the FAKE stand-in over a
// real WebRTC connection in Node (@roamhq/wrtc): sentences to D-ID one after another, the call's
// audio events from D-ID's messages, barge-in, and the local voice taking over mid-reply. The local
// voice here is a fake that records what it was asked to say.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DidCallVoice, HostedFace } from '$lib/avatar/did';
import type { CallVoice, Silenced, VoiceEvents } from '$lib/call/voice.svelte';
import { startDidStandin, type DidStandin } from '../../helpers/did-standin';

const wrtc = createRequire(import.meta.url)('@roamhq/wrtc') as typeof import('@roamhq/wrtc');

const REPLY = 'Schön, dass du wieder da bist. Heute reden wir über Berlin. Was möchtest du wissen?';

/** A FAKE local voice: records the text it is given and what it was asked to do. */
class FakeLocalVoice implements CallVoice {
	kind = 'neural' as const;
	scheduled = 0;
	firstAudioAt = null;
	said = '';
	prepared = 0;
	finished = 0;
	async prepare() {
		this.prepared++;
	}
	level() {
		return 0;
	}
	begin() {
		this.said = '';
	}
	push(delta: string) {
		this.said += delta;
	}
	async finish() {
		this.finished++;
	}
	sayAll(text: string) {
		this.push(text);
	}
	silence(): Silenced {
		return { at: Date.now(), heard: this.said.trim() };
	}
}

let standin: DidStandin;
beforeAll(async () => {
	standin = await startDidStandin({ msPerWord: 60 });
});
afterAll(() => standin.close());

let log: string[];
let notices: string[];
let local: FakeLocalVoice;
let face: HostedFace;
let voice: DidCallVoice;

beforeEach(() => {
	log = [];
	notices = [];
	local = new FakeLocalVoice();
	face = new HostedFace();
	const events: VoiceEvents = {
		onStart: () => log.push('start'),
		onDrain: () => log.push('drain'),
		onNotice: (text) => notices.push(text)
	};
	voice = new DidCallVoice(
		{
			client: {
				base: standin.url,
				apiKey: standin.apiKey,
				RTCPeerConnection: wrtc.RTCPeerConnection as unknown as typeof RTCPeerConnection
			},
			sourceUrl: 'https://example.test/lena.jpg',
			voice: { type: 'microsoft', voice_id: 'de-DE-KatjaNeural' }
		},
		face,
		events,
		() => local
	);
	return () => voice.close();
});

describe('DidCallVoice', () => {
	it('says a reply sentence by sentence through D-ID, shown while it talks', async () => {
		await voice.prepare();
		expect(face.active).toBe(true);
		const before = standin.talks.length;
		voice.begin();
		voice.push(REPLY);
		await voice.finish();
		await expect.poll(() => log).toEqual(['start', 'drain']);
		expect(standin.talks.slice(before)).toEqual([
			'Schön, dass du wieder da bist.',
			'Heute reden wir über Berlin.',
			'Was möchtest du wissen?'
		]);
		expect(face.visible).toBe(true);
		expect(local.prepared).toBe(0); // the local voice is not even loaded
		expect(notices).toEqual([]);
	});

	it('barge-in hides D-ID at once and keeps only the sentences D-ID had started', async () => {
		await voice.prepare();
		voice.begin();
		voice.push(REPLY);
		void voice.finish();
		await expect.poll(() => face.visible).toBe(true);
		const silenced = voice.silence();
		expect(face.visible).toBe(false);
		expect(silenced.heard).toBe('Schön, dass du wieder da bist.');
		// D-ID cannot be stopped from rendering what it has; it stays hidden, and nothing more is sent.
		const sent = standin.talks.length;
		await new Promise((done) => setTimeout(done, 600));
		expect(face.visible).toBe(false);
		expect(standin.talks.length).toBe(sent);
		// The next reply shows it again.
		voice.begin();
		voice.push('Gut.');
		await voice.finish();
		await expect.poll(() => face.visible).toBe(true);
	});

	it('a refused talk mid-reply: the person is told, the local voice says the rest', async () => {
		await voice.prepare();
		voice.begin();
		voice.push('Schön, dass du wieder da bist. Heute');
		await expect.poll(() => face.visible).toBe(true);
		standin.fail('talk', 402);
		try {
			voice.push(' reden wir über Berlin. Was möchtest du wissen?');
			await voice.finish();
			await expect
				.poll(() => local.said)
				.toBe(
					'Schön, dass du wieder da bist. Heute reden wir über Berlin. Was möchtest du wissen? '
				);
		} finally {
			standin.fail('talk', null);
		}
		expect(notices).toEqual([
			'Your D-ID account has no credits left (402). Add credits at D-ID, or turn D-ID off. The call continues with the local face and voice.'
		]);
		expect(face).toMatchObject({ visible: false, active: false });
		// Heard: what the local voice said (the sentence D-ID was cut off in is said again, once).
		expect(voice.silence().heard).toBe(local.said.trim());
		// The next reply tries D-ID again, on a new stream.
		voice.begin();
		voice.push('Na gut.');
		await voice.finish();
		await expect.poll(() => face.visible).toBe(true);
	});

	it('a connection lost mid-sentence: the local voice says that sentence and the rest', async () => {
		await voice.prepare();
		voice.begin();
		voice.push(REPLY);
		void voice.finish();
		await expect.poll(() => face.visible).toBe(true);
		standin.dropConnections();
		await expect
			.poll(() => local.said)
			.toBe('Schön, dass du wieder da bist. Heute reden wir über Berlin. Was möchtest du wissen? ');
		expect(notices[0]).toMatch(/^The video connection to D-ID failed\./);
		expect(local.finished).toBe(1);
	});

	it('D-ID unreachable from the start: told once, the local voice is prepared and speaks', async () => {
		standin.fail('create', 401);
		try {
			await voice.prepare();
			expect(local.prepared).toBe(1);
			voice.begin();
			voice.push('Hallo!');
			await voice.finish();
			await expect.poll(() => local.said).toBe('Hallo! ');
		} finally {
			standin.fail('create', null);
		}
		expect(notices[0]).toMatch(/refused the API key \(401\)/);
		expect(face.visible).toBe(false);
	});
});
