// Lip-sync offset: where the face's visemes start each word against where the word starts in the
// audio, over German sentences spoken by the tiny Piper voice (scripts/tiny-models/tiny-piper.mjs:
// every phoneme id has a seeded duration the aligner is not told, words are separated by silence).
// The Piper path is the app's own: espeak-ng phonemes, piper's ids, the model on onnxruntime-node,
// then alignVisemes on the chunk's phonemes and samples, as the voice worker does. Word onsets are
// detected from the waveform (a voiced run after at least 40 ms of silence). For comparison the
// same phonemes spread by their relative lengths over the chunk (no samples): what an aligner
// that is not listening gets. Also Piper's synthesis time with the tiny model (for the record).
// `node bench/lipsync-offset.mjs` (loads the TypeScript through Vite's module runner).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { createServer } from 'vite';
import {
	DEFAULT_MODELS_DIR,
	PIPER_FILE,
	PIPER_ID,
	generateTinyModels
} from '../scripts/tiny-models/index.mjs';
import { serve } from '../scripts/serve.mjs';
import { median, quantile, report, round } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** German sentences as the companion says them: greetings, questions, numbers, umlauts. */
export const SENTENCES = [
	'Hallo, ich heiße Lena und wohne in Hamburg.',
	'Wie geht es dir heute?',
	'Schön, dich zu sehen!',
	'Was hast du am Wochenende gemacht?',
	'Ich trinke morgens gern einen Kaffee mit Milch.',
	'Die Straßenbahn fährt alle zehn Minuten.',
	'Kannst du mir bitte den Weg zum Bahnhof zeigen?',
	'Gestern habe ich mit meiner Freundin gekocht.',
	'Wir treffen uns um halb acht vor dem Kino.',
	'Das Wetter ist heute wirklich schön.',
	'Möchtest du noch ein Stück Kuchen?',
	'Im Sommer fahren wir an die Ostsee.',
	'Entschuldigung, wo ist die nächste Apotheke?',
	'Mein Bruder arbeitet in einer Bäckerei in München.',
	'Ich lerne seit drei Monaten Deutsch.',
	'Pfeffer und Salz stehen auf dem Tisch.',
	'Übung macht den Meister.',
	'Erzähl mir mehr von deiner Reise nach Wien!',
	'Am Freitag gehen wir zusammen ins Schwimmbad.',
	'Gute Nacht und bis morgen!'
];

const FRAME_S = 0.005;
const MIN_SILENCE_S = 0.04;

/**
 * Where each word starts in the audio: the first frame of every voiced run that follows at least
 * MIN_SILENCE_S of silence (or the start). @param {Float32Array} samples @param {number} rate
 */
export function wordOnsets(samples, rate) {
	const frame = Math.round(rate * FRAME_S);
	const onsets = [];
	let quiet = Infinity;
	for (let f = 0; (f + 1) * frame <= samples.length; f++) {
		let sum = 0;
		for (let i = f * frame; i < (f + 1) * frame; i++) sum += samples[i] * samples[i];
		const voiced = Math.sqrt(sum / frame) > 0.01;
		if (voiced && quiet * FRAME_S >= MIN_SILENCE_S) onsets.push(f * FRAME_S);
		quiet = voiced ? 0 : quiet + 1;
	}
	return onsets;
}

/** The start of each word's first viseme. @param {{ word?: number, start: number }[]} cues */
function visemeOnsets(cues) {
	/** @type {number[]} */
	const onsets = [];
	for (const cue of cues)
		if (cue.word !== undefined && onsets[cue.word] === undefined) onsets[cue.word] = cue.start;
	return onsets;
}

export async function lipsyncOffset() {
	await generateTinyModels();
	// A Vite server stays open for the modules' own lazy imports (espeak-ng), unlike runnerImport.
	const vite = await createServer({
		configFile: false,
		logLevel: 'silent',
		server: { middlewareMode: true, hmr: false, ws: false },
		appType: 'custom',
		resolve: { alias: { $lib: `${root}src/lib` } }
	});
	const load = (/** @type {string} */ path) => vite.ssrLoadModule(`${root}${path}`);
	const { loadPiperVoice } = await load('src/lib/ai/speech/tts/piper/voice.ts');
	const { alignVisemes } = await load('src/lib/avatar/visemes/index.ts');
	const espeakDir = dirname(
		createRequire(import.meta.url).resolve('@echogarden/espeak-ng-emscripten')
	);
	const models = await serve({ dir: DEFAULT_MODELS_DIR, port: 0 });
	const espeak = await serve({ dir: espeakDir, port: 0 });
	try {
		const loadStarted = performance.now();
		const speak = await loadPiperVoice(
			{
				engine: 'piper',
				model: PIPER_ID,
				file: PIPER_FILE,
				espeakData: `${espeak.url}espeak-ng.data`
			},
			{ host: models.url, pathTemplate: '{model}/' },
			ort,
			() => undefined
		);
		const loadMs = performance.now() - loadStarted;
		await speak('Hallo.'); // warm up, as the worker does

		/** @type {number[]} */ const listening = [];
		/** @type {number[]} */ const spread = [];
		let mismatched = 0;
		let synthMs = 0;
		let audioS = 0;
		for (const text of SENTENCES) {
			const started = performance.now();
			const { audio, sampleRate, phonemes } = await speak(text);
			synthMs += performance.now() - started;
			const duration = audio.length / sampleRate;
			audioS += duration;
			const heard = wordOnsets(audio, sampleRate);
			if (heard.length !== phonemes.length) {
				mismatched++;
				continue;
			}
			const input = { text, lang: 'de', duration, phonemes };
			const aligned = visemeOnsets(alignVisemes({ ...input, samples: audio, sampleRate }));
			const even = visemeOnsets(alignVisemes(input));
			heard.forEach((at, i) => {
				listening.push(Math.abs(aligned[i] - at) * 1000);
				spread.push(Math.abs(even[i] - at) * 1000);
			});
		}
		return report('lipsync-offset', {
			sentences: SENTENCES.length,
			words: listening.length,
			sentencesWithOtherWordCount: mismatched,
			medianAbsOffsetMs: round(median(listening), 1),
			p90AbsOffsetMs: round(quantile(listening, 0.9), 1),
			withoutSamplesMedianMs: round(median(spread), 1),
			withoutSamplesP90Ms: round(quantile(spread, 0.9), 1),
			piperLoadMs: round(loadMs),
			piperSynthMsPerSentence: round(synthMs / SENTENCES.length, 1),
			piperRtf: round(synthMs / 1000 / audioS, 4)
		});
	} finally {
		await models.close();
		await espeak.close();
		await vite.close();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await lipsyncOffset();
