import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	KOKORO_ID,
	KOKORO_SAMPLING_RATE,
	KOKORO_STYLE_DIM,
	TTS_ID,
	TTS_SAMPLING_RATE,
	WHISPER_ID,
	WHISPER_TRANSCRIPTS,
	kokoroSampleCount,
	kokoroStyleGain,
	ttsSampleCount
} from '../../../scripts/tiny-models/index.mjs';
import { voiceSpec } from '$lib/ai/speech/catalogue';
import { createSttHandlers } from '$lib/ai/speech/stt/handler';
import { createTtsHandlers } from '$lib/ai/speech/tts/handler';
import type { SpeechAudio, VoiceSpec } from '$lib/ai/speech/tts/protocol';
import type { Transcript } from '$lib/ai/speech/stt/protocol';
import { driveHandlers } from '../../helpers/rpc';
import { startModelServer } from '../../helpers/model-server';

let server: Awaited<ReturnType<typeof startModelServer>>;
beforeAll(async () => (server = await startModelServer()));
afterAll(() => server.close());

/** 3 s of a voice-like signal (the tiny Whisper only tells speech from silence). */
function speechLike(seconds = 3): Float32Array {
	const audio = new Float32Array(16_000 * seconds);
	for (let i = 0; i < audio.length; i++)
		audio[i] =
			0.3 * Math.sin((2 * Math.PI * 220 * i) / 16_000) * Math.sin((Math.PI * i) / audio.length);
	return audio;
}

describe('speech-to-text worker handlers (tiny Whisper through transformers.js)', () => {
	it('transcribes in the companion’s language, and silence as nothing', async () => {
		const rpc = driveHandlers(createSttHandlers());
		const load = await rpc.call('load', {
			model: WHISPER_ID,
			device: 'cpu',
			source: server.source
		});
		expect(await load.done).toMatchObject({ kind: 'result', data: { device: 'cpu' } });
		const german = await (
			await rpc.call('transcribe', { audio: speechLike(), languages: ['de'] })
		).done;
		expect((german as { data: Transcript }).data.text).toBe(WHISPER_TRANSCRIPTS.de.trim());
		const english = await (
			await rpc.call('transcribe', { audio: speechLike(), languages: ['en'] })
		).done;
		expect((english as { data: Transcript }).data.text).toBe(WHISPER_TRANSCRIPTS.en.trim());
		const silence = await (
			await rpc.call('transcribe', { audio: new Float32Array(32_000), languages: ['de'] })
		).done;
		expect((silence as { data: Transcript }).data).toMatchObject({ text: '' });
		expect((german as { data: Transcript }).data.ms).toBeGreaterThan(0);
	});

	it('runs transcriptions asked for at once one after another (a call’s pieces and passes)', async () => {
		const rpc = driveHandlers(createSttHandlers());
		await (
			await rpc.call('load', { model: WHISPER_ID, device: 'cpu', source: server.source })
		).done;
		const asked = await Promise.all([
			rpc.call('transcribe', { audio: speechLike(), languages: ['de'] }),
			rpc.call('transcribe', { audio: new Float32Array(32_000), languages: ['de'] }),
			rpc.call('transcribe', { audio: speechLike(), languages: ['en'] })
		]);
		const texts = (await Promise.all(asked.map((call) => call.done))).map(
			(done) => (done as { data: Transcript }).data.text
		);
		expect(texts).toEqual([WHISPER_TRANSCRIPTS.de.trim(), '', WHISPER_TRANSCRIPTS.en.trim()]);
	});

	it('detects the language among the companion’s languages, or among all', async () => {
		// The tiny Whisper "hears" German first, then English, whatever the audio (its language
		// logits are constructed); what is tested is the detection step and the candidate filter.
		const rpc = driveHandlers(createSttHandlers());
		await (
			await rpc.call('load', { model: WHISPER_ID, device: 'cpu', source: server.source })
		).done;
		const heard = async (languages: string[]) =>
			(
				(await (
					await rpc.call('transcribe', { audio: speechLike(), languages })
				).done) as {
					data: Transcript;
				}
			).data;
		expect(await heard(['en', 'de'])).toMatchObject({
			language: 'de',
			text: WHISPER_TRANSCRIPTS.de.trim()
		});
		expect(await heard(['fr', 'en'])).toMatchObject({
			language: 'en',
			text: WHISPER_TRANSCRIPTS.en.trim()
		});
		expect(await heard([])).toMatchObject({ language: 'de' });
		expect(await heard(['en'])).toMatchObject({ language: 'en' }); // one language: no detection
	});

	it('says clearly when the model is missing or not loaded', async () => {
		const rpc = driveHandlers(createSttHandlers());
		const early = await rpc.call('transcribe', { audio: speechLike(1), languages: ['de'] });
		expect(await early.done).toMatchObject({ kind: 'error', error: { code: 'model/not-loaded' } });
		const load = await rpc.call('load', {
			model: 'kompanion-test/no-whisper',
			device: 'cpu',
			source: server.source
		});
		expect(await load.done).toMatchObject({ kind: 'error', error: { code: 'model/not-found' } });
	});
});

describe('text-to-speech worker handlers (tiny VITS through transformers.js)', () => {
	it('speaks a sentence as audio of the expected length and loudness, transferred', async () => {
		const rpc = driveHandlers(createTtsHandlers());
		const load = await rpc.call('load', {
			voice: { engine: 'vits', model: TTS_ID },
			device: 'cpu',
			source: server.source
		});
		expect(await load.done).toMatchObject({ kind: 'result' });
		const text = 'Schön, dich zu sehen!';
		const call = await rpc.call('speak', { text });
		const result = (await call.done) as { kind: string; data: SpeechAudio };
		expect(result.kind).toBe('result');
		expect(result.data.sampleRate).toBe(TTS_SAMPLING_RATE);
		expect(result.data.audio.length).toBe(ttsSampleCount(text.normalize('NFC').length));
		const peak = result.data.audio.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
		expect(peak).toBeGreaterThan(0.2);
	});
});

describe('text-to-speech worker handlers (tiny Kokoro through kokoro-js)', () => {
	const APP = 'http://127.0.0.1:4173/app/';
	// kokoro-js phonemises this (espeak-ng, en-us) as "həlˈoʊ, sˈæm!": 13 characters, so the
	// tokenizer gives 15 ids with the `$` at both ends (tiny-models.test.ts checks those ids).
	const TEXT = 'Hello, Sam!';
	const IDS = 'həlˈoʊ, sˈæm!'.length + 2;

	/** The style vector kokoro-js gives the model: row (ids - 2) of the voice file it ships. */
	async function styleRow(voice: string, ids: number): Promise<Float32Array> {
		const dist = dirname(createRequire(import.meta.url).resolve('kokoro-js'));
		const bytes = await readFile(join(dist, '..', 'voices', `${voice}.bin`));
		const vectors = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
		return vectors.subarray((ids - 2) * KOKORO_STYLE_DIM, (ids - 1) * KOKORO_STYLE_DIM);
	}

	async function speak(voice: VoiceSpec | 'system', text: string) {
		if (voice === 'system') throw new Error('expected a neural voice');
		const rpc = driveHandlers(createTtsHandlers());
		const load = await rpc.call('load', { voice, device: 'cpu', source: server.source });
		expect(await load.done).toMatchObject({ kind: 'result' });
		const result = (await (
			await rpc.call('speak', { text })
		).done) as {
			kind: string;
			data: SpeechAudio;
		};
		expect(result.kind).toBe('result');
		return result.data;
	}

	const peakOf = (audio: Float32Array) => audio.reduce((max, v) => Math.max(max, Math.abs(v)), 0);

	it('speaks with the voice model setting as Kokoro model, in the companion’s voice', async () => {
		const spec = voiceSpec('kokoro:af_heart', 'en', KOKORO_ID, APP);
		expect(spec).toEqual({
			engine: 'kokoro',
			model: KOKORO_ID,
			voice: 'af_heart',
			voiceUrl: `${APP}runtime/voices/kokoro/af_heart.bin`
		});
		const heart = await speak(spec, TEXT);
		expect(heart.sampleRate).toBe(KOKORO_SAMPLING_RATE);
		// The phonemes it spoke come back per word, and the face's visemes follow them.
		expect(heart.phonemes).toEqual(['həlˈoʊ,', 'sˈæm!']);
		expect(heart.visemes?.map((cue) => cue.viseme)).toContain('PP');
		expect(heart.audio.length).toBe(kokoroSampleCount(IDS));
		// The peak is the gain the model computed from the style vector it was given.
		const heartGain = kokoroStyleGain(await styleRow('af_heart', IDS));
		expect(peakOf(heart.audio)).toBeCloseTo(heartGain, 5);
		expect(heartGain).toBeGreaterThan(0.1);
		expect(heartGain).toBeLessThan(0.5);

		// Another voice: the same length, and the peak its own style vector gives.
		const emma = await speak(voiceSpec('kokoro:bf_emma', 'en', KOKORO_ID, APP), TEXT);
		expect(emma.audio.length).toBe(heart.audio.length);
		const emmaGain = kokoroStyleGain(await styleRow('bf_emma', IDS));
		expect(Math.abs(emmaGain - heartGain)).toBeGreaterThan(0.05);
		expect(peakOf(emma.audio)).toBeCloseTo(emmaGain, 5);
	});

	it('resolves `auto` in English to Kokoro’s Heart voice, and uses the setting only as a model', () => {
		expect(voiceSpec('auto', 'en', KOKORO_ID, APP)).toMatchObject({
			engine: 'kokoro',
			model: KOKORO_ID,
			voice: 'af_heart'
		});
		expect(voiceSpec('auto', 'en', '', APP)).toMatchObject({
			engine: 'kokoro',
			model: 'onnx-community/Kokoro-82M-v1.0-ONNX'
		});
		expect(voiceSpec('mms:deu', 'de', TTS_ID, APP)).toEqual({ engine: 'vits', model: TTS_ID });
		expect(voiceSpec('mms:deu', 'de', '', APP)).toEqual({
			engine: 'vits',
			model: 'Xenova/mms-tts-deu'
		});
		expect(voiceSpec('system', 'en', KOKORO_ID, APP)).toBe('system');
	});

	it('lets a VITS model in the setting speak for a Kokoro voice too', async () => {
		const audio = await speak(voiceSpec('kokoro:af_heart', 'en', TTS_ID, APP), TEXT);
		expect(audio.sampleRate).toBe(TTS_SAMPLING_RATE);
		expect(audio.audio.length).toBe(ttsSampleCount(TEXT.length));
	});

	it('says clearly when the Kokoro model is missing', async () => {
		const rpc = driveHandlers(createTtsHandlers());
		const load = await rpc.call('load', {
			voice: {
				engine: 'kokoro',
				model: 'kompanion-test/no-kokoro',
				voice: 'af_heart',
				voiceUrl: `${APP}runtime/voices/kokoro/af_heart.bin`
			},
			device: 'cpu',
			source: server.source
		});
		expect(await load.done).toMatchObject({
			kind: 'error',
			error: { code: 'model/not-found', message: expect.stringContaining('no-kokoro') }
		});
		const early = await rpc.call('speak', { text: TEXT });
		expect(await early.done).toMatchObject({ kind: 'error', error: { code: 'model/not-loaded' } });
	});
});
