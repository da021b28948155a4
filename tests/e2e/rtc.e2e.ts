import type { ChildProcess } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { findChromium } from '../../scripts/chromium.mjs';
import { LoopbackNamespace } from '../helpers/netns';
import { PeerServerProcess, serveAppInside } from '../helpers/peer-server';
import { expect, test } from './fixtures';
import {
	LLM_DEFAULT_REPLY,
	LLM_LEARNER_SENTENCE,
	WHISPER_TRANSCRIPTS
} from '../../scripts/tiny-models/index.mjs';
import { MODELS_READY_MS, recordedSeconds } from './call-helpers';
import {
	Person,
	peerCallMessages,
	recordingsOf,
	useSignalling,
	useTinyWhisper
} from './rtc-helpers';

// Two people, each in their own Chromium with their own fake microphone, and a real PeerJS server
// on 127.0.0.1. One test walks one call through its life, so the browsers start once. This file
// launches its own browsers and runs alone (playwright's workers: 1). As root (CI) everything runs
// in a network namespace the test makes, with loopback as its only interface: WebRTC cannot use
// another address, and a network blip can be made there. Elsewhere it runs beside the host's
// interfaces and the blip is skipped, with the reason.
test.describe.configure({ mode: 'serial', timeout: 300_000 });

/** Chromium's own console error for a WebSocket to a signalling server that is down. */
const SIGNALLING_REFUSED = /WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/kompanion\/peerjs/;

let server: PeerServerProcess;
let max: Person;
let anna: Person;
let ben: Person | null = null;
let baseURL = '';
let namespace: LoopbackNamespace | null = null;
let appInside: ChildProcess | null = null;
let noNamespace = '';

test.beforeAll(async () => {
	const port = Number(process.env.E2E_PORT ?? 4173);
	const made = await LoopbackNamespace.create();
	if (typeof made === 'string') noNamespace = made;
	else {
		namespace = made;
		appInside = await serveAppInside(made, port);
	}
	server = await PeerServerProcess.start(namespace);
	const chromium = findChromium();
	const executable = namespace && chromium ? namespace.wrap(chromium) : chromium;
	baseURL = `http://127.0.0.1:${port}/`;
	[max, anna] = await Promise.all([
		Person.launch(baseURL, 'de-anna.wav', executable),
		Person.launch(baseURL, 'en-anna.wav', executable)
	]);
});

// A failure shows what each person saw (the test's own browsers are not in Playwright's trace).
// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures from this pattern
test.afterEach(async ({}, testInfo) => {
	if (testInfo.status === testInfo.expectedStatus) return;
	for (const [name, person] of [
		['max', max],
		['anna', anna],
		...(ben ? [['ben', ben] as const] : [])
	] as const) {
		if (!person.page.isClosed())
			await testInfo.attach(`${name}.png`, {
				body: await person.page.screenshot(),
				contentType: 'image/png'
			});
		const log = [...person.guard.errors, ...person.warnings].join('\n');
		await testInfo.attach(`${name}.log`, { body: log, contentType: 'text/plain' });
		const tiles = person.page.isClosed()
			? []
			: await person.page.locator('[data-testid="remote"]').evaluateAll((figures) =>
					figures.map((figure) => {
						const video = figure.querySelector('video');
						const stream = video?.srcObject as MediaStream | null;
						return `${figure.getAttribute('data-peer-name')}:${figure.getAttribute('data-status')}:${stream?.getTracks().map((t) => `${t.kind}/${t.readyState}/${t.muted}`)}:${video?.videoWidth}`;
					})
				);
		console.log(`--- ${name}\n${log}\n${tiles.join('\n')}`);
	}
});

test.afterAll(async () => {
	await Promise.all([max?.close({ check: false }), anna?.close({ check: false })]);
	await server?.kill();
	appInside?.kill();
	namespace?.close();
});

test('two people meet: admitted, see and hear each other on loopback, chat, survive the signalling server, and leaving ends the call', async () => {
	// Tiny Whisper on both sides for captions; the host also has the tiny LLM and voice for his
	// companion (a guest could join without any model).
	await Promise.all([
		max.app.useTinyModel().then(() => max.app.useTinySpeech({ debug: false })),
		useTinyWhisper(anna)
	]);

	// Max starts a call from the home screen; no STUN/TURN is set up, and the page says so.
	await useSignalling(max, server.port);
	await max.app.open('/');
	await max.page.getByRole('link', { name: 'Call a person' }).click();
	await max.page.getByLabel('Your name in the call').fill('Max');
	await max.page.getByRole('button', { name: 'Start a new call' }).click();
	await expect(max.page.getByTestId('invite-qr').locator('svg')).toBeVisible();
	await expect(max.page.getByTestId('same-network')).toBeVisible();
	const link = await max.page.getByTestId('invite-link').inputValue();
	const code = await max.page.getByTestId('room-code').textContent();
	expect(link).toContain(`room=${code}`);

	// Anna opens the link on a first visit (no settings: the link carries the server) and asks.
	await anna.page.goto(link);
	await anna.app.ready();
	await expect(anna.page.getByRole('heading', { name: 'You are invited to a call' })).toBeVisible();
	await anna.page.getByLabel('Your name in the call').fill('Anna');
	await anna.page.getByRole('button', { name: 'Ask to join' }).click();
	await expect(anna.page.getByTestId('waiting-admission')).toBeVisible();
	// Max wants his German corrected (on his device only): the dictionary loads from now on.
	await max.page.getByLabel('Correct my German (only I see it)').check();
	const request = max.page.getByTestId('join-request');
	await expect(request).toContainText('Anna asks to join.');
	await request.getByRole('button', { name: 'Let in' }).click();

	// Each receives decoded video with frames advancing, and decoded audio.
	for (const [person, other] of [
		[max, 'Anna'],
		[anna, 'Max']
	] as const) {
		await expect.poll(async () => (await person.framesOf(other)).width).toBeGreaterThan(0);
		const before = (await person.framesOf(other)).frames;
		await expect
			.poll(async () => (await person.framesOf(other)).frames)
			.toBeGreaterThan(before + 5);
		await expect.poll(async () => (await person.audioIn()).samples).toBeGreaterThan(16_000);
		await expect.poll(async () => (await person.audioIn()).energy).toBeGreaterThan(0);
	}

	// Every ICE candidate in use, on both sides, is loopback (outside a namespace: this machine's).
	const allowed = namespace
		? new Set(['127.0.0.1'])
		: new Set([
				'127.0.0.1',
				...Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address))
			]);
	if (noNamespace) test.info().annotations.push({ type: 'no namespace', description: noNamespace });
	for (const person of [max, anna]) {
		const { selected, signalled } = await person.addressesInUse();
		expect(selected.length).toBeGreaterThan(0);
		for (const address of selected) expect(allowed).toContain(address);
		expect(new Set(signalled)).toEqual(new Set(['127.0.0.1']));
	}

	// Chat crosses both ways, attributed to who wrote it.
	await max.chat('Hallo Anna, schön dich zu sehen!');
	await expect(anna.line('Hallo Anna, schön dich zu sehen!')).toHaveAttribute('data-from', 'peer');
	await expect(anna.line('Hallo Anna')).toContainText('Max:');
	await anna.chat('Hi Max!');
	await expect(max.line('Hi Max!')).toContainText('Anna:');

	// A third person (mesh): Ben, in a profile of his own in Anna's Chromium, joins by the code;
	// Max lets him in; each of the three sees the other two and hears their chat; Ben leaves and
	// both others see that he left, while their own call goes on.
	const third = await Person.besides(anna, baseURL);
	ben = third;
	await useSignalling(third, server.port);
	await third.app.open('/meet');
	await third.page.getByLabel('Your name in the call').fill('Ben');
	await third.page.getByLabel('Room code').fill(code ?? '');
	await third.page.getByRole('button', { name: 'Ask to join' }).click();
	const benAsks = max.page.getByTestId('join-request');
	await expect(benAsks).toContainText('Ben asks to join.');
	await benAsks.getByRole('button', { name: 'Let in' }).click();
	for (const [person, others] of [
		[third, ['Max', 'Anna']],
		[max, ['Ben']],
		[anna, ['Ben']]
	] as const) {
		for (const other of others) await person.seesFramesOf(other);
	}
	await third.chat('Hallo zusammen, hier ist Ben.');
	for (const person of [max, anna])
		await expect(person.line('Hallo zusammen, hier ist Ben.')).toContainText('Ben:');
	await anna.chat('Willkommen, Ben!');
	await expect(third.line('Willkommen, Ben!')).toContainText('Anna:');

	// Max records the call. Anna and Ben see that he does and are asked; until they answer nobody
	// else is in it. Anna allows, Ben does not: the recording has Anna, never Ben.
	await max.page.getByTestId('record-start').click();
	await expect(max.page.getByTestId('recording-indicator')).toBeVisible();
	const consents = max.page.getByTestId('recording-consents');
	await expect(consents.locator('[data-consent="asked"]')).toHaveCount(2);
	for (const person of [anna, third])
		await expect(person.page.getByTestId('peer-recording')).toContainText(
			'Max is recording this call.'
		);
	await anna.page.getByTestId('allow-recording').click();
	await third.page.getByTestId('refuse-recording').click();
	await expect(consents.locator('[data-consent="true"]')).toHaveText('Anna: in the recording');
	await expect(consents.locator('[data-consent="false"]')).toHaveText('Ben: said no, left out');
	await expect(third.page.getByTestId('peer-recording')).toContainText('You said no');
	await expect(max.line('Ben does not want to be recorded')).toBeVisible();
	// A few seconds with Anna in it.
	const allowedAt = await recordedSeconds(max.page);
	await expect.poll(() => recordedSeconds(max.page)).toBeGreaterThanOrEqual(allowedAt + 3);
	await max.page.getByTestId('record-stop').click();
	await expect(max.page.getByTestId('record-start')).toBeVisible();
	for (const person of [anna, third]) {
		await expect(person.page.getByTestId('peer-recording')).toHaveCount(0);
		await expect(person.line('Max stopped recording')).toBeVisible();
	}
	// Kept on Max's device with who is in it, and made seekable (the duration fix remuxed what
	// the recorder wrote; playing and seeking a recording is recordings.e2e's).
	await expect
		.poll(() => recordingsOf(max), { timeout: 20_000 })
		.toEqual([
			expect.objectContaining({
				status: 'complete',
				people: ['Anna'],
				fileFrom: expect.any(Number)
			})
		]);
	await third.page.getByRole('button', { name: 'Leave' }).click();
	for (const person of [max, anna]) {
		await expect(person.tile('Ben')).toHaveAttribute('data-status', 'left');
		await expect(person.line('Ben left')).toBeVisible();
	}
	await expect(max.tile('Anna')).toHaveAttribute('data-status', 'connected');
	expect({ blocked: third.guard.blocked, errors: third.guard.errors }).toEqual({
		blocked: [],
		errors: []
	});
	await third.context.close();
	ben = null;

	// The browser itself logs each refused connection to the signalling server as a console
	// error (the blip and the server's death below).
	for (const person of [max, anna]) person.guard.allow(SIGNALLING_REFUSED);

	// A network blip: loopback, the only interface in the namespace, goes away for 3 s. Both see
	// "reconnecting…" (not a dead screen), and then each other's video again on a fresh connection.
	if (namespace) {
		const blip = namespace.blip(3000);
		await Promise.all([
			expect(max.tile('Anna').getByTestId('peer-status')).toHaveText('reconnecting…'),
			expect(anna.tile('Max').getByTestId('peer-status')).toHaveText('reconnecting…'),
			expect(max.page.getByTestId('reconnecting')).toContainText('Anna'),
			expect(anna.page.getByTestId('reconnecting')).toContainText('Max')
		]);
		await blip;
		for (const [person, other] of [
			[max, 'Anna'],
			[anna, 'Max']
		] as const) {
			await expect(person.tile(other)).toHaveAttribute('data-status', 'connected', {
				timeout: 20_000
			});
			await person.seesFramesOf(other);
		}
		await max.chat('Back after the blip');
		await expect(anna.line('Back after the blip')).toBeVisible();
		await expect(anna.page.getByTestId('room-ended')).toHaveCount(0);
	} else {
		test.info().annotations.push({ type: 'no network blip', description: noNamespace });
	}

	// Captions: each side recognises its own microphone (Max's WAV is German, Anna's English) and
	// each attributes the other's sentence to the other.
	await anna.page.getByLabel('I speak').selectOption('en');
	await Promise.all(
		[max, anna].map((person) => person.page.getByRole('button', { name: 'Captions on' }).click())
	);
	const german = WHISPER_TRANSCRIPTS.de.trim();
	const english = WHISPER_TRANSCRIPTS.en.trim();
	const caption = (person: Person, text: string, from: 'me' | 'peer') =>
		person.page
			.getByTestId('room-line')
			.and(person.page.locator(`[data-kind="caption"][data-from="${from}"]`))
			.filter({ hasText: text })
			.first();
	await expect(caption(anna, german, 'peer')).toContainText('Max:', { timeout: MODELS_READY_MS });
	await expect(caption(max, english, 'peer')).toContainText('Anna:', { timeout: MODELS_READY_MS });
	await expect(caption(max, german, 'me')).toContainText('You:');

	// Max's German is corrected on his own device, for him only.
	await max.chat(LLM_LEARNER_SENTENCE);
	await expect(max.line(LLM_LEARNER_SENTENCE).getByTestId('own-correction')).toContainText(
		'Gestern habe ich mit meiner Freundin',
		{ timeout: MODELS_READY_MS }
	);
	await expect(anna.line(LLM_LEARNER_SENTENCE)).toContainText('Max:');
	await expect(anna.page.getByTestId('own-correction')).toHaveCount(0);

	// Max brings Lena: Anna receives her face and voice; Anna asks her by name in the chat and
	// both see her answer as hers.
	await max.page.getByLabel('Companion').selectOption({ label: 'Lena' });
	await max.page.getByRole('button', { name: 'Bring into the call' }).click();
	await expect(max.page.getByTestId('companion-status')).toContainText('Lena is in the call', {
		timeout: MODELS_READY_MS
	});
	const face = anna.page.locator('[data-testid="companion-video"][data-name="Lena"] video');
	await expect
		.poll(() => face.evaluate((video: HTMLVideoElement) => video.videoWidth))
		.toBeGreaterThan(0);
	expect(
		await face.evaluate(
			(video: HTMLVideoElement) => (video.srcObject as MediaStream).getAudioTracks().length
		)
	).toBe(1);
	await anna.chat('Lena, wie sagt man „see you later“ auf Deutsch?');
	const reply = LLM_DEFAULT_REPLY.slice(0, 20);
	for (const person of [max, anna]) {
		await expect(
			person.page
				.locator('[data-testid="room-line"][data-from="companion"]')
				.filter({ hasText: reply })
		).toContainText('Lena:', { timeout: MODELS_READY_MS });
	}
	// Her voice reached Anna: a second inbound audio stream carries sound.
	await expect.poll(() => anna.audioStreamsWithSound()).toBeGreaterThanOrEqual(2);

	// Anna asks Lena (the host's LLM) to correct her German too: her line's correction, with the
	// word choice only the LLM finds, reaches her alone; Max sees her line uncorrected.
	await anna.page.getByLabel('Let Lena correct my German too').check();
	await anna.chat(LLM_LEARNER_SENTENCE);
	const annasOwn = anna.page
		.locator('[data-testid="room-line"][data-from="me"]')
		.filter({ hasText: LLM_LEARNER_SENTENCE });
	await expect(annasOwn.getByTestId('own-correction')).toContainText(
		'eine Entscheidung getroffen',
		{ timeout: MODELS_READY_MS }
	);
	await expect(
		max.page
			.locator('[data-testid="room-line"][data-from="peer"]')
			.filter({ hasText: LLM_LEARNER_SENTENCE })
			.getByTestId('own-correction')
	).toHaveCount(0);

	// A malformed, an oversized and a schema-breaking message are dropped with a log line; the
	// call goes on.
	const junk = ['{nope', JSON.stringify({ type: 'chat', id: 'x', text: 'a'.repeat(20_000) })];
	junk.push(JSON.stringify({ type: 'exec', code: 'alert(1)' }));
	expect(await anna.sendRaw(junk)).toBeGreaterThan(0);
	await anna.chat('Still here after the junk');
	await expect(max.line('Still here after the junk')).toBeVisible();
	await expect.poll(() => max.warnings.some((w) => w.includes('dropped a message'))).toBe(true);
	await expect(max.page.getByTestId('room-line').filter({ hasText: 'aaaa' })).toHaveCount(0);

	// The signalling server dies: media and chat go on, both reconnect when it is back.
	await server.kill();
	await expect(max.page.getByTestId('signalling-status')).toBeVisible();
	await expect(anna.page.getByTestId('signalling-status')).toBeVisible();
	const during = (await anna.framesOf('Max')).frames;
	await expect.poll(async () => (await anna.framesOf('Max')).frames).toBeGreaterThan(during + 5);
	await max.chat('Server down, still talking');
	await expect(anna.line('Server down, still talking')).toBeVisible();
	await server.restart();
	await expect(max.page.getByTestId('signalling-status')).toBeHidden();
	await expect(anna.page.getByTestId('signalling-status')).toBeHidden();

	// Anna closes her tab: Max's call ends with "Anna left" within 5 s (her goodbye on the way
	// out; PeerJS alone noticed a closed tab only after more than 8 s).
	const guardOk = { blocked: [...anna.guard.blocked], errors: [...anna.guard.errors] };
	expect(guardOk).toEqual({ blocked: [], errors: [] });
	await anna.page.close();
	await expect(max.page.getByTestId('room-ended')).toContainText('Anna left', { timeout: 5_000 });

	// The call is saved on Max's device as a peer-call conversation, with who said what.
	const saved = await peerCallMessages(max);
	expect(saved).toEqual(
		expect.arrayContaining([
			expect.objectContaining({
				speaker: 'Max',
				via: 'text',
				content: 'Hallo Anna, schön dich zu sehen!'
			}),
			expect.objectContaining({ speaker: 'Anna', via: 'peer', content: 'Hi Max!' }),
			expect.objectContaining({ speaker: 'Max', via: 'voice', content: german }),
			expect.objectContaining({ speaker: 'Anna', via: 'peer', content: english }),
			expect.objectContaining({ speaker: 'Lena', role: 'assistant' })
		])
	);
	expect(saved.some((m) => m.content.includes('aaaa'))).toBe(false);
	expect(max.guard.errors).toEqual([]);
	expect(max.guard.blocked).toEqual([]);
});

test('saved calls with who said what; clear messages: no such room, an unreachable server', async () => {
	await max.page.getByRole('button', { name: 'New call' }).click();
	// The call just ended is listed on /meet; opening it shows who said what.
	const saved = max.page.getByTestId('saved-call');
	await expect(saved).toHaveCount(1);
	await saved.getByRole('link', { name: 'Call with Anna' }).click();
	const said = (text: string) =>
		max.page.getByTestId('saved-line').filter({ hasText: text }).first();
	await expect(said('Hallo Anna, schön dich zu sehen!')).toContainText('Max:');
	await expect(said('Hi Max!')).toContainText('Anna:');
	await expect(said('Hallo zusammen, hier ist Ben.')).toContainText('Ben:');
	await expect(said(WHISPER_TRANSCRIPTS.en.trim())).toContainText('Anna:');
	await max.page.getByRole('link', { name: '← Calls with people' }).click();
	await max.page.getByLabel('Your name in the call').fill('Max');
	await max.page.getByLabel('Room code').fill('zzzz-zzzz');
	await max.page.getByRole('button', { name: 'Ask to join' }).click();
	await expect(max.page.getByTestId('room-problem')).toContainText(
		'No call is open with this code'
	);

	await server.kill();
	await max.page.getByRole('button', { name: 'New call' }).click();
	await max.page.getByLabel('Your name in the call').fill('Max');
	await max.page.getByRole('button', { name: 'Start a new call' }).click();
	await expect(max.page.getByTestId('room-problem')).toContainText(
		`The call server (ws://127.0.0.1:${server.port}/kompanion) cannot be reached.`
	);
	expect(max.guard.errors).toEqual([]);
});
