import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	DEFAULT_MODELS_DIR,
	PIPER_FILE,
	PIPER_ID,
	PIPER_SAMPLING_RATE,
	PIPER_VOICE_PATH,
	piperSampleCount
} from '../../../scripts/tiny-models/index.mjs';
import { serve } from '../../../scripts/serve.mjs';
import { ESPEAK_DATA_PATH as SERVED_ESPEAK_PATH } from '../../../scripts/vite-plugin-runtime-assets';
import { ESPEAK_DATA_PATH, voiceSpec } from '$lib/ai/speech/catalogue';
import { createTtsHandlers } from '$lib/ai/speech/tts/handler';
import type { PiperSpec, SpeechAudio } from '$lib/ai/speech/tts/protocol';
import { parsePiperConfig } from '$lib/ai/speech/tts/piper/config';
import { startEspeak, type Espeak } from '$lib/ai/speech/tts/piper/espeak';
import {
	clauseTerminators,
	parseEspeakOutput,
	phonemeIds,
	piperPhonemes
} from '$lib/ai/speech/tts/piper/phonemes';
import { mirrorSource } from '$lib/ai/source';
import { driveHandlers } from '../../helpers/rpc';

const APP = 'http://127.0.0.1:4173/app/';
const espeakDir = dirname(
	createRequire(import.meta.url).resolve('@echogarden/espeak-ng-emscripten')
);
let config: { phoneme_id_map: Record<string, number[]> };
let models: Awaited<ReturnType<typeof serve>>;
let espeakServer: Awaited<ReturnType<typeof serve>>;
let espeak: Espeak;
beforeAll(async () => {
	config = JSON.parse(
		await readFile(join(DEFAULT_MODELS_DIR, PIPER_ID, `${PIPER_FILE}.json`), 'utf8')
	);
	models = await serve({ dir: DEFAULT_MODELS_DIR, port: 0 });
	espeakServer = await serve({ dir: espeakDir, port: 0 });
	const data = await readFile(join(espeakDir, 'espeak-ng.data'));
	espeak = await startEspeak(data.buffer.slice(data.byteOffset, data.byteOffset + data.length));
});
afterAll(async () => {
	await models.close();
	await espeakServer.close();
});

const tinyVoice = (): PiperSpec => ({
	engine: 'piper',
	model: PIPER_ID,
	file: PIPER_FILE,
	espeakData: `${espeakServer.url}espeak-ng.data`
});

describe('Piper phonemes (espeak-ng as piper-phonemize uses it)', () => {
	it('reads espeak’s clauses: separators and language switch flags dropped, marks from the text', () => {
		const clauses = parseEspeakOutput(
			'h_ˈa_l_oː | _ɪ_ç (en)_h_ˈɛ_l_oʊ(de) _ˈa_n_ɑː',
			'Hallo, ich hello Anna.'
		);
		expect(clauses).toEqual([
			{ words: ['hˈaloː'], terminator: ',' },
			{ words: ['ɪç', 'hˈɛloʊ', 'ˈanɑː'], terminator: '.' }
		]);
		const { sentences, words } = piperPhonemes(clauses);
		expect(sentences).toEqual([
			[...'hˈaloː', ',', ' ', ...'ɪç hˈɛloʊ ˈanɑː'.normalize('NFD'), '.']
		]);
		expect(words).toEqual(['hˈaloː,', 'ɪç', 'hˈɛloʊ', 'ˈanɑː.']);
	});

	it('decomposes (NFD) and starts a new sentence after . ? !', () => {
		const { sentences } = piperPhonemes([
			{ words: ['ɪç'], terminator: '?' },
			{ words: ['ja'], terminator: '' }
		]);
		expect(sentences).toEqual([
			['ɪ', 'c', '\u0327', '?'],
			['j', 'a']
		]);
	});

	it('falls back to the text’s last mark when espeak’s clauses differ from its punctuation', () => {
		expect(clauseTerminators('Das ist z. B. gut, oder?', 2)).toEqual(['', '?']);
		expect(clauseTerminators('Ja, gut.', 2)).toEqual([',', '.']);
		expect(clauseTerminators('ohne Punkt', 1)).toEqual(['']);
	});

	it('turns phonemes into piper’s ids: ^ _ then each phoneme and _, then $', () => {
		const map = { _: [0], '^': [1], $: [2], h: [20], a: [14] };
		expect(phonemeIds(['h', 'a', 'x'], map)).toEqual({
			ids: [1, 0, 20, 0, 14, 0, 2],
			missing: ['x']
		});
	});

	it('phonemises German with espeak-ng in Node: words, clause marks, ids the tiny voice knows', () => {
		const spoken = espeak.phonemize('Hallo, ich heiße Anna.', 'de');
		expect(spoken.words).toEqual(['hˈaloː,', 'ɪç', 'hˈaɪsə', 'ˈanɑː.']);
		expect(spoken.sentences).toHaveLength(1);
		const { ids, missing } = phonemeIds(spoken.sentences[0], config.phoneme_id_map);
		expect(missing).toEqual([]);
		expect(ids[0]).toBe(config.phoneme_id_map['^'][0]);
		expect(ids.at(-1)).toBe(config.phoneme_id_map.$[0]);
		// Two sentences, umlauts, ç decomposed, an ordinal that espeak ends a clause with.
		const more = espeak.phonemize('Schön, dich zu sehen! Ich wohne in München, am 3. Mai.', 'de');
		expect(more.sentences).toHaveLength(3);
		expect(more.words.at(-1)).toBe('mˈaɪ.');
		expect(more.sentences.flat()).toContain('\u0327');
		expect(more.sentences.flatMap((s) => phonemeIds(s, config.phoneme_id_map).missing)).toEqual([]);
	});
});

describe('Piper voice in the text-to-speech worker handlers (tiny Piper, onnxruntime-node)', () => {
	async function load(voice: PiperSpec, source = mirrorSource(models.url)) {
		const rpc = driveHandlers(createTtsHandlers({ ort }));
		const loading = await rpc.call('load', { voice, device: 'wasm', source });
		return { rpc, done: await loading.done, progress: loading.progress() };
	}

	it('speaks German: the length the ids make, phonemes per word and visemes with the audio', async () => {
		const { rpc, done, progress } = await load(tinyVoice());
		expect(done).toMatchObject({ kind: 'result' });
		expect(progress.at(-1)).toMatchObject({ progress: 1 });
		expect(progress.some((p) => (p.totalBytes ?? 0) > 20_000_000)).toBe(true); // espeak's data

		const text = 'Hallo, ich heiße Anna.';
		const expected = espeak.phonemize(text, 'de');
		const ids = phonemeIds(expected.sentences[0], config.phoneme_id_map).ids;
		const result = (await (await rpc.call('speak', { text })).done) as { data: SpeechAudio };
		expect(result.data.sampleRate).toBe(PIPER_SAMPLING_RATE);
		expect(result.data.audio.length).toBe(piperSampleCount(ids));
		expect(result.data.phonemes).toEqual(expected.words);
		const visemes = result.data.visemes ?? [];
		expect(visemes.filter((cue) => cue.viseme !== 'sil').length).toBeGreaterThan(8);
		expect(visemes.at(-1)!.end).toBeCloseTo(result.data.audio.length / PIPER_SAMPLING_RATE, 3);

		// Slower for beginners: piper's length scale, so every phoneme lasts twice as long.
		const slow = (await (
			await rpc.call('speak', { text, rate: 0.5 })
		).done) as {
			data: SpeechAudio;
		};
		expect(slow.data.audio.length).toBe(piperSampleCount(ids, 2));
	});

	it('is what the catalogue gives German by default, and a .onnx setting names a Piper voice', () => {
		expect(voiceSpec('auto', 'de', '', APP)).toEqual({
			engine: 'piper',
			model: 'Thorsten-Voice/Piper-Scratch',
			file: 'de_DE-thorsten_scratch-medium.onnx',
			espeakData: `${APP}${ESPEAK_DATA_PATH}`
		});
		expect(voiceSpec('piper:thorsten', 'de', '', APP)).toMatchObject({
			model: 'rhasspy/piper-voices',
			file: 'de/de_DE/thorsten/medium/de_DE-thorsten-medium.onnx'
		});
		expect(voiceSpec('mms:deu', 'de', PIPER_VOICE_PATH, APP)).toMatchObject({
			engine: 'piper',
			model: PIPER_ID,
			file: PIPER_FILE
		});
		expect(voiceSpec('auto', 'de', 'kompanion-test/tiny-tts', APP)).toEqual({
			engine: 'vits',
			model: 'kompanion-test/tiny-tts'
		});
		// The app serves espeak's data where the catalogue says.
		expect(SERVED_ESPEAK_PATH).toBe(ESPEAK_DATA_PATH);
	});

	it('says clearly when the voice’s files or espeak’s data are missing', async () => {
		const missing = await load({ ...tinyVoice(), file: 'de_DE-nobody-medium.onnx' });
		expect(missing.done).toMatchObject({
			kind: 'error',
			error: { code: 'model/not-found', message: expect.stringContaining('de_DE-nobody-medium') }
		});
		const noData = await load({ ...tinyVoice(), espeakData: `${espeakServer.url}missing.data` });
		expect(noData.done).toMatchObject({ kind: 'error', error: { code: 'model/not-found' } });
		const early = await noData.rpc.call('speak', { text: 'Hallo.' });
		expect(await early.done).toMatchObject({ kind: 'error', error: { code: 'model/not-loaded' } });
	});

	it('says which field of a bad voice config is wrong, and when it is not JSON', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'kompanion-piper-'));
		const voice = join(dir, 'kompanion-test', 'bad-piper');
		await mkdir(voice, { recursive: true });
		const model = await readFile(join(DEFAULT_MODELS_DIR, PIPER_ID, PIPER_FILE));
		await writeFile(join(voice, 'no-map.onnx'), model);
		await writeFile(
			join(voice, 'no-map.onnx.json'),
			JSON.stringify({ audio: { sample_rate: 22050 }, espeak: { voice: 'de' } })
		);
		await writeFile(join(voice, 'not-json.onnx'), model);
		await writeFile(join(voice, 'not-json.onnx.json'), '<html>Not found</html>');
		const server = await serve({ dir, port: 0 });
		try {
			const source = mirrorSource(server.url);
			const noMap = await load(
				{ ...tinyVoice(), model: 'kompanion-test/bad-piper', file: 'no-map.onnx' },
				source
			);
			expect(noMap.done).toMatchObject({
				kind: 'error',
				error: { code: 'model/corrupt', message: expect.stringContaining('phoneme_id_map') }
			});
			const notJson = await load(
				{ ...tinyVoice(), model: 'kompanion-test/bad-piper', file: 'not-json.onnx' },
				source
			);
			expect(notJson.done).toMatchObject({
				kind: 'error',
				error: { code: 'model/corrupt', message: expect.stringContaining('is not JSON') }
			});
		} finally {
			await server.close();
			await rm(dir, { recursive: true, force: true });
		}
	});

	it('refuses a config without piper’s pad, start and end symbols', () => {
		expect(() =>
			parsePiperConfig(
				{ audio: { sample_rate: 22050 }, espeak: { voice: 'de' }, phoneme_id_map: { a: [1] } },
				'x'
			)
		).toThrow(/phoneme_id_map: has no ids for piper’s|phoneme_id_map: has no ids/);
	});
});
