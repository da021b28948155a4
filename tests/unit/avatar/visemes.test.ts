import { describe, expect, it } from 'vitest';
import { alignVisemes, phonemeVisemes, wordVisemes, type VisemeCue } from '$lib/avatar/visemes';
import { soundSpans } from '$lib/avatar/visemes/align';
import { VisemeSchedule } from '$lib/avatar/visemes/schedule';
import { textWords } from '$lib/avatar/visemes/graphemes';

const seq = (visemes: string[]) => visemes.join(' ');
const spoken = (cues: VisemeCue[]) => cues.filter((c) => c.viseme !== 'sil').map((c) => c.viseme);

describe('German letters to visemes', () => {
	it.each([
		// sch, initial st/sp: rounded CH; ß and s: SS
		['Schule', 'CH U nn E'],
		['Straße', 'CH DD RR aa SS E'],
		['spielen', 'CH PP I nn E nn'],
		// ch: the ach-sound after a, o, u, au (kk), the ich-sound elsewhere (spread, SS)
		['ich', 'I SS'],
		['Buch', 'PP U kk'],
		['auch', 'aa U kk'],
		['Milch', 'PP I nn SS'],
		['euch', 'O I SS'],
		['sechs', 'SS E kk SS'],
		// umlauts: rounded ö ü, open ä; äu and eu alike
		['schön', 'CH O nn'],
		['müde', 'PP U DD E'],
		['Mädchen', 'PP E DD SS E nn'],
		['Bäume', 'PP O I PP E'],
		// diphthongs
		['Zeit', 'DD SS aa I DD'],
		['Haus', 'aa U SS'],
		['Leute', 'nn O I DD E'],
		['Liebe', 'nn I PP E'],
		// pf, qu, z, ng, final -ig and -er
		['Pferd', 'PP FF E RR DD'],
		['Quelle', 'kk FF E nn E'],
		['singen', 'SS I kk E nn'],
		['König', 'kk O nn I SS'],
		['aber', 'aa PP aa'],
		['Wasser', 'FF aa SS aa']
	])('%s → %s', (word, expected) => {
		expect(seq(wordVisemes(word, 'de'))).toBe(expected);
	});
});

describe('English letters to visemes (TalkingHead rules)', () => {
	it.each([
		['the', 'TH aa'],
		['shop', 'CH aa PP'],
		['nation', 'nn E CH aa nn'],
		['through', 'TH RR U'],
		['queen', 'kk FF I nn'],
		['father', 'FF aa TH E']
	])('%s → %s', (word, expected) => {
		expect(seq(wordVisemes(word, 'en').filter((v, i, all) => v !== all[i - 1]))).toBe(expected);
	});

	it('reads digits as words', () => {
		expect(seq(wordVisemes('2', 'de'))).toBe(seq(wordVisemes('zwei', 'de')));
	});
});

describe('IPA to visemes', () => {
	it('maps espeak-ng German', () => {
		expect(seq(phonemeVisemes('ʃˈøːn'))).toBe('CH O nn');
		expect(seq(phonemeVisemes('ɪç'))).toBe('I SS');
		expect(seq(phonemeVisemes('bˈʊx'))).toBe('PP U kk');
		expect(seq(phonemeVisemes('pfˈeːɐt'))).toBe('PP FF E aa DD');
		expect(seq(phonemeVisemes('tsˈaɪt'))).toBe('DD SS aa I DD');
		expect(seq(phonemeVisemes('lˈɔøtə'))).toBe('nn O I DD E');
		expect(seq(phonemeVisemes('zˈɪŋən'))).toBe('SS I kk E nn');
	});

	it('maps English and Kokoro’s capitals for diphthongs', () => {
		expect(seq(phonemeVisemes('ðə θˈɪŋ'))).toBe('TH E TH I kk');
		expect(seq(phonemeVisemes('həlˈoʊ'))).toBe('E nn O U');
		expect(seq(phonemeVisemes('həlˈO'))).toBe('E nn O U');
		expect(seq(phonemeVisemes('mˈI'))).toBe('PP aa I');
		expect(seq(phonemeVisemes('ʧˈɜɹʧ'))).toBe('CH E RR CH');
	});

	it('agrees with the German letter rules on the same words', () => {
		const pairs: [string, string][] = [
			['Schule', 'ʃˈuːlə'],
			['Zeit', 'tsˈaɪt'],
			['Pferd', 'pfˈeːrt'],
			['ich', 'ɪç']
		];
		for (const [word, ipa] of pairs)
			expect(seq(phonemeVisemes(ipa)), word).toBe(seq(wordVisemes(word, 'de')));
	});
});

/** A chunk of audio: a tone where `sounding` says, silence elsewhere. */
function chunk(sounding: [number, number][], duration: number, rate = 16000) {
	const samples = new Float32Array(Math.round(duration * rate));
	for (const [from, to] of sounding)
		for (let i = Math.round(from * rate); i < Math.round(to * rate); i++)
			samples[i] = 0.3 * Math.sin(i / 4);
	return { samples, sampleRate: rate };
}

describe('alignment', () => {
	it('spreads the visemes over the whole chunk without the audio, in order', () => {
		const cues = alignVisemes({ text: 'Guten Morgen!', lang: 'de', duration: 1.5 });
		expect(spoken(cues).join(' ')).toBe(
			[...wordVisemes('Guten', 'de'), ...wordVisemes('Morgen', 'de')].join(' ')
		);
		expect(cues[0].start).toBe(0);
		expect(cues.at(-1)!.end).toBeCloseTo(1.5, 6);
		for (let i = 1; i < cues.length; i++) {
			expect(cues[i].start).toBeCloseTo(cues[i - 1].end, 9);
			expect(cues[i].end).toBeGreaterThan(cues[i].start);
		}
	});

	it('stretches with the audio’s duration', () => {
		const short = alignVisemes({ text: 'Hallo Anna', lang: 'de', duration: 1 });
		const long = alignVisemes({ text: 'Hallo Anna', lang: 'de', duration: 2 });
		// The same sounds, each starting at twice the time (a pause long enough may close the lips).
		const sounds = (cues: VisemeCue[]) => cues.filter((c) => c.viseme !== 'sil');
		expect(sounds(long).map((c) => c.viseme)).toEqual(sounds(short).map((c) => c.viseme));
		sounds(long).forEach((cue, i) => expect(cue.start).toBeCloseTo(sounds(short)[i].start * 2, 6));
	});

	it('finds the sound and the pauses in the waveform', () => {
		const { samples, sampleRate } = chunk(
			[
				[0.12, 0.5],
				[0.7, 1.1]
			],
			1.3
		);
		const found = soundSpans(samples, sampleRate)!;
		expect(found.span.start).toBeCloseTo(0.12, 2);
		expect(found.span.end).toBeCloseTo(1.1, 2);
		expect(found.gaps).toHaveLength(1);
		expect(found.gaps[0].start).toBeCloseTo(0.5, 2);
		expect(found.gaps[0].end).toBeCloseTo(0.7, 2);
	});

	it('puts each word on its stretch of sound, whatever the words’ lengths', () => {
		// A short word then a long one, spoken slowly and quickly: a per-letter spread would put
		// the boundary at the same fraction both times.
		const words = [
			[0.1, 0.8],
			[1.0, 1.3],
			[1.5, 1.9]
		] as [number, number][];
		const { samples, sampleRate } = chunk(words, 2.1);
		const cues = alignVisemes({
			text: 'Ja wunderbar gut',
			lang: 'de',
			duration: 2.1,
			samples,
			sampleRate
		});
		for (let w = 0; w < words.length; w++) {
			const own = cues.filter((c) => c.word === w);
			expect(own[0].start, `word ${w} starts`).toBeCloseTo(words[w][0], 1);
			expect(own.at(-1)!.end, `word ${w} ends`).toBeCloseTo(words[w][1], 1);
		}
		// Silence between the words, and the words' visemes in order.
		expect(cues.find((c) => c.start >= 0.8 && c.end <= 1.0)?.viseme).toBe('sil');
		// (A sound repeated within a word, as in -bar's a and vocalic r, is one cue.)
		const once = (list: string[]) => list.filter((v, i) => v !== list[i - 1]);
		expect(spoken(cues).join(' ')).toBe(
			['Ja', 'wunderbar', 'gut'].flatMap((w) => once(wordVisemes(w, 'de'))).join(' ')
		);
	});

	it('uses the voice’s phonemes when it has them, with their word count', () => {
		const cues = alignVisemes({
			text: 'Es ist 5 Uhr.',
			lang: 'de',
			duration: 1.2,
			phonemes: ['ɛs', 'ɪst', 'fˈʏnf', 'ˈuːɐ', '.']
		});
		expect(spoken(cues).join(' ')).toBe('E SS I SS DD FF U nn FF U aa');
		// The long vowel lasts longer than the short one.
		const u = cues.filter((c) => c.viseme === 'U');
		expect(u[1].end - u[1].start).toBeGreaterThan(u[0].end - u[0].start);
	});

	it('gives stress to the clause’s last content word', () => {
		const words = textWords('Ich habe heute keine Zeit, aber morgen!', 'de');
		expect(words.map((w) => w.stress)).toEqual([0, 0, 0.5, 0.5, 1, 0, 1]);
	});

	it('returns silence for a chunk with nothing to say', () => {
		expect(alignVisemes({ text: '…', lang: 'en', duration: 0.4 })).toEqual([
			{ viseme: 'sil', start: 0, end: 0.4 }
		]);
	});
});

describe('viseme schedule on the audio clock', () => {
	const cues: VisemeCue[] = [
		{ viseme: 'PP', start: 0, end: 0.1 },
		{ viseme: 'aa', start: 0.1, end: 0.3 },
		{ viseme: 'sil', start: 0.3, end: 0.5 }
	];

	it('plays each chunk from the moment its audio starts', () => {
		const schedule = new VisemeSchedule();
		schedule.add(cues, 10, 0.5);
		schedule.add([{ viseme: 'O', start: 0, end: 0.4 }], 10.5, 0.4);
		expect(schedule.at(9.99)).toBeNull();
		expect(schedule.at(10.02)).toMatchObject({ viseme: 'PP', next: 'aa', blend: 0 });
		expect(schedule.at(10.09)!.blend).toBeGreaterThan(0.5);
		expect(schedule.at(10.2)?.viseme).toBe('aa');
		expect(schedule.at(10.6)?.viseme).toBe('O');
		expect(schedule.at(11)).toBeNull();
		expect(schedule.size).toBe(0);
	});

	it('forgets everything at once on barge-in', () => {
		const schedule = new VisemeSchedule();
		schedule.add(cues, 3, 0.5);
		schedule.clear();
		expect(schedule.at(3.15)).toBeNull();
	});
});
