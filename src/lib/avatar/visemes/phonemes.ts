import type { Viseme } from './types';

/**
 * IPA to visemes, for espeak-ng's German and English output (Piper) and Kokoro's phonemes
 * (espeak-ng's IPA plus misaki's capitals for diphthongs: A eɪ, I aɪ, O oʊ, Q əʊ, W aʊ, Y ɔɪ).
 * Groups follow the Oculus set: PP lips closed, FF lower lip to teeth, TH tongue between teeth,
 * DD/nn/RR/kk tongue (little on the lips), CH rounded and protruded (ʃ ʒ), SS spread with teeth
 * (s z and the ich-sound ç), vowels by openness and rounding; rounded front vowels (y ø œ) take
 * the rounded shape.
 */
const MULTI: readonly [string, Viseme[]][] = [
	['tʃ', ['CH']],
	['dʒ', ['CH']],
	['ts', ['DD', 'SS']],
	['pf', ['PP', 'FF']],
	['aɪ', ['aa', 'I']],
	['aʊ', ['aa', 'U']],
	['ɔʏ', ['O', 'I']],
	['ɔɪ', ['O', 'I']],
	['ɔø', ['O', 'I']],
	['eɪ', ['E', 'I']],
	['oʊ', ['O', 'U']],
	['əʊ', ['O', 'U']]
];

const SINGLE: Record<string, Viseme[]> = {
	p: ['PP'],
	b: ['PP'],
	m: ['PP'],
	ɱ: ['PP'],
	f: ['FF'],
	v: ['FF'],
	ʋ: ['FF'],
	θ: ['TH'],
	ð: ['TH'],
	t: ['DD'],
	d: ['DD'],
	ɾ: ['DD'],
	k: ['kk'],
	g: ['kk'],
	ɡ: ['kk'],
	x: ['kk'],
	χ: ['kk'],
	ŋ: ['kk'],
	ʃ: ['CH'],
	ʒ: ['CH'],
	ʧ: ['CH'],
	ʤ: ['CH'],
	s: ['SS'],
	z: ['SS'],
	ç: ['SS'],
	n: ['nn'],
	l: ['nn'],
	ɫ: ['nn'],
	r: ['RR'],
	ɹ: ['RR'],
	ʁ: ['RR'],
	ʀ: ['RR'],
	ɻ: ['RR'],
	a: ['aa'],
	ɑ: ['aa'],
	ɐ: ['aa'],
	ʌ: ['aa'],
	æ: ['aa'],
	ᵃ: ['aa'],
	e: ['E'],
	ɛ: ['E'],
	ə: ['E'],
	ɜ: ['E'],
	ᵊ: ['E'],
	ɚ: ['E', 'RR'],
	ɝ: ['E', 'RR'],
	i: ['I'],
	ɪ: ['I'],
	ᵻ: ['I'],
	j: ['I'],
	o: ['O'],
	ɔ: ['O'],
	ɒ: ['O'],
	ø: ['O'],
	œ: ['O'],
	u: ['U'],
	ʊ: ['U'],
	w: ['U'],
	y: ['U'],
	ʏ: ['U'],
	ɯ: ['U'],
	A: ['E', 'I'],
	I: ['aa', 'I'],
	O: ['O', 'U'],
	Q: ['O', 'U'],
	W: ['aa', 'U'],
	Y: ['O', 'I']
	// h, ʔ, stress and length marks and diacritics: no shape of their own.
};

/** One viseme of a word with whether its vowel is long (ː), for timing. */
export interface PhonemeViseme {
	viseme: Viseme;
	long: boolean;
}

/** The visemes of an IPA string (one word, or several separated by spaces). */
export function phonemeVisemes(ipa: string): Viseme[] {
	return phonemeVisemesTimed(ipa).map(({ viseme }) => viseme);
}

/** As `phonemeVisemes`, marking long vowels. */
export function phonemeVisemesTimed(ipa: string): PhonemeViseme[] {
	const out: PhonemeViseme[] = [];
	// Tie bars (a͡ɪ) only join what the table already reads as one.
	const text = ipa.normalize('NFC').replace(/[\u0361\u035c]/g, '');
	let i = 0;
	while (i < text.length) {
		if (text[i] === 'ː' || text[i] === 'ˑ') {
			const last = out.at(-1);
			if (last) last.long = true;
			i++;
			continue;
		}
		const multi = MULTI.find(([sequence]) => text.startsWith(sequence, i));
		if (multi) {
			for (const viseme of multi[1]) out.push({ viseme, long: false });
			i += multi[0].length;
			continue;
		}
		for (const viseme of SINGLE[text[i]] ?? []) out.push({ viseme, long: false });
		i++;
	}
	return out;
}
