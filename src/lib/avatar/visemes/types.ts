/**
 * The viseme contract: what a voice hands the avatar so that the mouth follows what is said.
 * Stable: the voices (Kokoro, Piper, MMS/VITS, the browser's) and the face code against it.
 */

/** Oculus/Meta lip-sync visemes, the set TalkingHead uses. */
export const VISEMES = [
	'sil',
	'PP',
	'FF',
	'TH',
	'DD',
	'kk',
	'CH',
	'SS',
	'nn',
	'RR',
	'aa',
	'E',
	'I',
	'O',
	'U'
] as const;
export type Viseme = (typeof VISEMES)[number];

/** Languages with a grapheme-to-viseme rule set. */
export type VisemeLanguage = 'de' | 'en';

/** One mouth shape held over a stretch of a chunk's audio. */
export interface VisemeCue {
	viseme: Viseme;
	/** Seconds from the chunk's first sample. */
	start: number;
	/** Seconds from the chunk's first sample; `end > start`. */
	end: number;
	/** Index of the spoken word it belongs to (in `words` of the alignment); absent for `sil`. */
	word?: number;
	/** Sentence stress on this word (0..1): the brows rise with it. */
	stress?: number;
}

/** What the aligner needs to know about one spoken chunk (a sentence or a first clause). */
export interface AlignInput {
	/** The text the chunk says. */
	text: string;
	/** Its language: picks the grapheme-to-viseme rules when there are no phonemes. */
	lang: VisemeLanguage;
	/** Length of the chunk's audio, seconds. */
	duration: number;
	/**
	 * IPA per spoken word, in order, where the voice has them (espeak-ng for Piper, Kokoro's
	 * phonemizer), e.g. `['hˈaloː', 'vˈɛlt']`. Stress marks (ˈ ˌ) and length marks are understood;
	 * punctuation tokens (`,` `.` `?` `!` `;` `:` `—`) may stand alone or end a word and mark a
	 * pause. When given they are used instead of the text's spelling (their word count may differ
	 * from the text's, e.g. for numbers).
	 */
	phonemes?: string[];
	/**
	 * The chunk's audio, mono. With it the aligner places the words on the stretches of sound
	 * between the waveform's pauses instead of spreading them evenly over `duration`.
	 */
	samples?: Float32Array;
	/** Sample rate of `samples`, Hz. */
	sampleRate?: number;
}
