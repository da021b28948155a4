import { pauseAfter, stressOf, textWords, type SpokenWord } from './graphemes';
import { phonemeVisemesTimed } from './phonemes';
import type { AlignInput, Viseme, VisemeCue } from './types';

/** Relative lengths of the visemes (1: an average sound); long vowels (ː) last LONG times as long. */
const WEIGHT: Record<Viseme, number> = {
	sil: 1,
	PP: 0.8,
	FF: 0.85,
	TH: 0.85,
	DD: 0.65,
	kk: 0.8,
	CH: 0.95,
	SS: 0.95,
	nn: 0.7,
	RR: 0.6,
	aa: 1.1,
	E: 0.95,
	I: 0.95,
	O: 1.05,
	U: 1
};
const LONG = 1.6;
/** The pause between two words with no punctuation between them. */
const WORD_GAP = 0.2;
/** A stretch quieter than this (relative to the loud part of the chunk) is silence. */
const SILENCE = 0.1;
const FRAME_S = 0.01;
/** Shortest silence taken for a pause between words. */
const MIN_GAP_S = 0.05;
/** Costs of the matching (seconds): a word boundary on no pause; a pause inside a word, per second. */
const UNMATCHED_BOUNDARY = 0.15;
const UNMATCHED_GAP_PER_S = 4;
/** Shortest silence worth a closed mouth between words. */
const MIN_SIL_S = 0.04;

interface Sound {
	viseme: Viseme;
	weight: number;
}
interface Word {
	sounds: Sound[];
	pause: number;
	stress: number;
}
interface Span {
	start: number;
	end: number;
}

const fromText = (words: SpokenWord[]): Word[] =>
	words.map(({ visemes, pause, stress }) => ({
		sounds: visemes.map((viseme) => ({ viseme, weight: WEIGHT[viseme] })),
		pause,
		stress
	}));

function fromPhonemes(tokens: string[], text: string, lang: AlignInput['lang']): Word[] {
	const words: (Word & { text: string })[] = [];
	for (const token of tokens) {
		const sounds = phonemeVisemesTimed(token).map(({ viseme, long }) => ({
			viseme,
			weight: WEIGHT[viseme] * (long ? LONG : 1)
		}));
		const trailing = /[.,!?;:…—–]+$/u.exec(token)?.[0] ?? '';
		if (sounds.length === 0) {
			const last = words.at(-1);
			if (last) last.pause = Math.max(last.pause, pauseAfter(token));
			continue;
		}
		words.push({ text: token, sounds, pause: pauseAfter(trailing), stress: 0 });
	}
	// Stress from the text where its words are the phonemes' words, else from the stress marks.
	const written = textWords(text, lang);
	const stress =
		written.length === words.length
			? written.map((word) => word.stress)
			: stressOf(
					words.map((word) => ({
						text: word.text.includes('ˈ') ? 'stressed' : '',
						pause: word.pause
					}))
				);
	words.forEach((word, i) => (word.stress = stress[i]));
	return words;
}

/** The sound's stretch of the chunk and the pauses inside it, from the waveform's loudness. */
export function soundSpans(
	samples: Float32Array,
	sampleRate: number
): { span: Span; gaps: Span[] } | null {
	const frame = Math.max(1, Math.round(sampleRate * FRAME_S));
	const count = Math.floor(samples.length / frame);
	if (count === 0) return null;
	const rms = new Float32Array(count);
	for (let f = 0; f < count; f++) {
		let sum = 0;
		for (let i = f * frame; i < (f + 1) * frame; i++) sum += samples[i] * samples[i];
		rms[f] = Math.sqrt(sum / frame);
	}
	const sorted = Float32Array.from(rms).sort();
	const loud = sorted[Math.floor(0.95 * (count - 1))];
	if (loud < 1e-4) return null;
	const threshold = loud * SILENCE;
	let first = -1;
	let last = -1;
	for (let f = 0; f < count; f++) {
		if (rms[f] > threshold) {
			if (first < 0) first = f;
			last = f;
		}
	}
	const seconds = (f: number) => (f * frame) / sampleRate;
	const gaps: Span[] = [];
	let quietFrom = -1;
	for (let f = first; f <= last; f++) {
		if (rms[f] <= threshold) {
			if (quietFrom < 0) quietFrom = f;
		} else if (quietFrom >= 0) {
			if (seconds(f - quietFrom) >= MIN_GAP_S)
				gaps.push({ start: seconds(quietFrom), end: seconds(f) });
			quietFrom = -1;
		}
	}
	return { span: { start: seconds(first), end: seconds(last + 1) }, gaps };
}

/**
 * Which pauses in the sound are which word boundaries: a monotone matching (dynamic programming)
 * of the boundaries' expected times to the pauses' middles; a boundary may fall on no pause (words
 * run together) and a pause may fall inside a word (a stop's closure).
 */
function matchBoundaries(expected: number[], gaps: Span[]): (number | null)[] {
	const n = expected.length;
	const k = gaps.length;
	const cost = Array.from({ length: n + 1 }, () => new Float64Array(k + 1).fill(Infinity));
	const move = Array.from({ length: n + 1 }, () => new Int8Array(k + 1));
	cost[0][0] = 0;
	for (let i = 0; i <= n; i++) {
		for (let j = 0; j <= k; j++) {
			if (i === 0 && j === 0) continue;
			let best = Infinity;
			let how = 0;
			if (i > 0 && cost[i - 1][j] + UNMATCHED_BOUNDARY < best) {
				best = cost[i - 1][j] + UNMATCHED_BOUNDARY;
				how = 1;
			}
			if (j > 0) {
				const skip = cost[i][j - 1] + (gaps[j - 1].end - gaps[j - 1].start) * UNMATCHED_GAP_PER_S;
				if (skip < best) {
					best = skip;
					how = 2;
				}
			}
			if (i > 0 && j > 0) {
				const mid = (gaps[j - 1].start + gaps[j - 1].end) / 2;
				const take = cost[i - 1][j - 1] + Math.abs(expected[i - 1] - mid);
				if (take < best) {
					best = take;
					how = 3;
				}
			}
			cost[i][j] = best;
			move[i][j] = how;
		}
	}
	const matched: (number | null)[] = new Array(n).fill(null);
	let i = n;
	let j = k;
	while (i > 0 || j > 0) {
		const how = move[i][j];
		if (how === 3) matched[--i] = --j;
		else if (how === 1) i--;
		else j--;
	}
	return matched;
}

/**
 * The viseme track of one spoken chunk: its words' visemes (from the phonemes, else the letter
 * rules), timed over the chunk's audio. With the samples, the words are placed on the sound
 * between the waveform's pauses; without them, spread by the sounds' relative lengths over the
 * whole duration. Cues are in order, do not overlap and lie within [0, duration].
 */
export function alignVisemes(input: AlignInput): VisemeCue[] {
	const duration = Math.max(0, input.duration);
	const words = input.phonemes?.length
		? fromPhonemes(input.phonemes, input.text, input.lang)
		: fromText(textWords(input.text, input.lang));
	if (words.length === 0 || duration === 0)
		return duration > 0 ? [{ viseme: 'sil', start: 0, end: duration }] : [];

	const measured =
		input.samples && input.sampleRate ? soundSpans(input.samples, input.sampleRate) : null;
	const span = measured?.span ?? { start: 0, end: duration };
	const gaps = measured?.gaps ?? [];
	const length = span.end - span.start;

	// Expected layout in weight units: each word's sounds, then its pause.
	const last = words.length - 1;
	const weightOf = (word: Word) => word.sounds.reduce((sum, s) => sum + s.weight, 0);
	const pauseOf = (i: number) =>
		i === last ? (measured ? 0 : words[i].pause) : Math.max(words[i].pause, WORD_GAP);
	const total = words.reduce((sum, word, i) => sum + weightOf(word) + pauseOf(i), 0);
	const scale = length / total;
	const expected: Span[] = [];
	let at = span.start;
	for (let i = 0; i <= last; i++) {
		const end = at + weightOf(words[i]) * scale;
		expected.push({ start: at, end });
		at = end + pauseOf(i) * scale;
	}

	// Anchor the boundaries that fall on pauses; the rest follow piecewise linearly.
	const boundaries = expected.slice(0, -1).map((w, i) => (w.end + expected[i + 1].start) / 2);
	const matched = matchBoundaries(boundaries, gaps);
	const anchors = [{ e: span.start, left: span.start, right: span.start }];
	matched.forEach((gap, i) => {
		if (gap !== null)
			anchors.push({ e: boundaries[i], left: gaps[gap].start, right: gaps[gap].end });
	});
	anchors.push({ e: span.end, left: span.end, right: span.end });
	const warp = (x: number) => {
		let a = 0;
		while (a < anchors.length - 2 && x > anchors[a + 1].e) a++;
		const from = anchors[a];
		const to = anchors[a + 1];
		const width = to.e - from.e;
		return width > 0 ? from.right + ((x - from.e) / width) * (to.left - from.right) : from.right;
	};
	const placed = expected.map((w) => ({ start: warp(w.start), end: warp(w.end) }));
	matched.forEach((gap, i) => {
		if (gap === null) return;
		placed[i].end = gaps[gap].start;
		placed[i + 1].start = gaps[gap].end;
	});

	const cues: VisemeCue[] = [];
	const silence = (start: number, end: number) => {
		if (end - start >= MIN_SIL_S || (cues.length === 0 && end > start))
			cues.push({ viseme: 'sil', start, end });
		else if (cues.length > 0) cues[cues.length - 1].end = end;
	};
	let cursor = 0;
	words.forEach((word, w) => {
		const { start, end } = placed[w];
		if (start > cursor) silence(cursor, start);
		const weight = weightOf(word);
		let t = Math.max(start, cursor);
		for (const sound of word.sounds) {
			const next = t + (sound.weight / weight) * (end - start);
			const previous = cues.at(-1);
			if (previous && previous.viseme === sound.viseme && previous.word === w) previous.end = next;
			else cues.push({ viseme: sound.viseme, start: t, end: next, word: w, stress: word.stress });
			t = next;
		}
		cursor = Math.max(cursor, end);
	});
	if (cursor < duration) silence(cursor, duration);
	return cues.filter((cue) => cue.end > cue.start);
}
