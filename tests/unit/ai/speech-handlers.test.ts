import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	TTS_ID,
	TTS_SAMPLING_RATE,
	WHISPER_ID,
	WHISPER_TRANSCRIPTS,
	ttsSampleCount
} from '../../../scripts/tiny-models/index.mjs';
import { createSttHandlers } from '$lib/ai/speech/stt/handler';
import { createTtsHandlers } from '$lib/ai/speech/tts/handler';
import type { SpeechAudio } from '$lib/ai/speech/tts/protocol';
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
