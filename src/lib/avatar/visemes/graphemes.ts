import { applyRules, compileRules } from './rules';
import { DE_RULES } from './rules-de';
import { EN_RULES } from './rules-en';
import type { Viseme, VisemeLanguage } from './types';

const compiled = new Map<VisemeLanguage, ReturnType<typeof compileRules>>();
const rulesFor = (lang: VisemeLanguage) => {
	let rules = compiled.get(lang);
	if (!rules) {
		rules = compileRules(lang === 'de' ? DE_RULES : EN_RULES);
		compiled.set(lang, rules);
	}
	return rules;
};

const DIGITS: Record<VisemeLanguage, string[]> = {
	de: ['null', 'eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun'],
	en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']
};

/** The visemes of one written word by the language's letter rules (digits are read one by one). */
export function wordVisemes(word: string, lang: VisemeLanguage): Viseme[] {
	const spelled = word.replace(/\d/g, (d) => ` ${DIGITS[lang][Number(d)]} `);
	return spelled
		.split(/[^\p{L}']+/u)
		.filter((part) => part.length > 0)
		.flatMap((part) => applyRules(part, rulesFor(lang)));
}

/** A word of a chunk, as the aligner times it. */
export interface SpokenWord {
	text: string;
	visemes: Viseme[];
	/** The pause after it, in the aligner's units (0: none; a comma 1.5, a full stop 2.5). */
	pause: number;
	/** Sentence stress, 0..1 (the brows). */
	stress: number;
}

/** How long the pause after a punctuation mark is, relative to an average viseme. */
export function pauseAfter(punctuation: string): number {
	if (/[.!?…]/.test(punctuation)) return 2.5;
	if (/[,;:—–]/.test(punctuation)) return 1.5;
	return 0;
}

const FUNCTION_WORDS = new Set(
	(
		'der die das den dem des ein eine einen einem einer und oder aber ich du er sie es wir ihr ' +
		'mich dich sich mir dir uns euch ist bin bist sind war hat habe haben in im an am auf zu zum ' +
		'zur mit von vom für bei aus nach nicht noch auch so ja nein wie was the a an and or but i you ' +
		'he she it we they me him her us them is am are was were be to of in on at for with from by ' +
		'not so as that this do does did have has had my your his its our their'
	).split(' ')
);

/** Sentence stress per word: content words carry it, the last one of a clause most. */
export function stressOf(words: readonly { text: string; pause: number }[]): number[] {
	const stress = words.map(({ text }): number => {
		const plain = text.toLowerCase().replace(/[^\p{L}]/gu, '');
		return plain.length > 3 && !FUNCTION_WORDS.has(plain) ? 0.5 : 0;
	});
	let lastContent = -1;
	for (let i = 0; i < words.length; i++) {
		if (stress[i] > 0) lastContent = i;
		const endsClause = words[i].pause > 0 || i === words.length - 1;
		if (endsClause && lastContent >= 0) {
			stress[lastContent] = 1;
			lastContent = -1;
		}
	}
	return stress;
}

/** The words of a text with their visemes, pauses and stress. */
export function textWords(text: string, lang: VisemeLanguage): SpokenWord[] {
	const words: SpokenWord[] = [];
	for (const token of text.split(/\s+/)) {
		const visemes = wordVisemes(token, lang);
		const trailing = /[^\p{L}\p{N}']+$/u.exec(token)?.[0] ?? '';
		if (visemes.length === 0) {
			// Punctuation on its own ("—"): a pause after the word before.
			const last = words.at(-1);
			if (last) last.pause = Math.max(last.pause, pauseAfter(token));
			continue;
		}
		words.push({ text: token, visemes, pause: pauseAfter(trailing), stress: 0 });
	}
	const stress = stressOf(words);
	words.forEach((word, i) => (word.stress = stress[i]));
	return words;
}
