import type { LanguageCode } from '$lib/companion/languages';
import germanFrequency from './de/frequency.json';
import { GERMAN_PROFILES } from './de/profiles';
import { stemGerman } from './de/stem';

/** A language's word list: how a word is reduced to its stem, and each stem's frequency rank. */
export interface Lexicon {
	stem(word: string): string;
	/** 1-based rank of a stem (1 = most frequent), or undefined when the list lacks it. */
	rank(stem: string): number | undefined;
	/** Whether a lower-case word is a first name (checked only for capitalised words). */
	isName(word: string): boolean;
}

interface FrequencyData {
	stems: string;
	everyday: string;
	names: string;
}

function fromData(data: FrequencyData, stem: (word: string) => string, everydayRank: number) {
	let ranks: Map<string, number> | undefined;
	let names: Set<string> | undefined;
	return (): Lexicon => {
		names ??= new Set(data.names.split(' '));
		if (!ranks) {
			const built = new Map<string, number>();
			data.stems.split(' ').forEach((s, i) => built.set(s, i + 1));
			for (const s of data.everyday.split(' ')) {
				built.set(s, Math.min(built.get(s) ?? Infinity, everydayRank));
			}
			ranks = built;
		}
		const map = ranks;
		const known = names;
		return { stem, rank: (s) => map.get(s), isName: (w) => known.has(w) };
	};
}

/** Built on first use (a Map of ~8k stems, a few milliseconds), then kept. */
const LEXICONS: Partial<Record<LanguageCode, () => Lexicon>> = {
	// Everyday words rank no lower than the end of the A1 band (GERMAN_PROFILES.A1).
	de: fromData(germanFrequency, stemGerman, GERMAN_PROFILES.A1.vocabularyRank ?? 0)
};

export function lexicon(language: string): Lexicon | undefined {
	return LEXICONS[language as LanguageCode]?.();
}
