/** A word or a number in a sentence; punctuation splits sentences into clauses. */
export interface Token {
	text: string;
	lower: string;
	kind: 'word' | 'number';
	/** Whether the token opens its sentence (capitalised for grammar, not because it is a noun). */
	initial: boolean;
}

/** One sentence: its clauses (split at , ; : and dashes), each a list of tokens. */
export interface Sentence {
	clauses: Token[][];
	words: number;
}

/** Abbreviations whose full stop does not end a sentence (lower-case, without the stop). */
const ABBREVIATIONS = new Set([
	'z',
	'b',
	'd',
	'h',
	'u',
	'a',
	'dr',
	'nr',
	'usw',
	'bzw',
	'etc',
	'ca',
	'vgl',
	'str',
	'evtl',
	'ggf',
	'bspw',
	'inkl',
	'prof',
	'hr',
	'fr',
	'mio',
	'mrd'
]);

const PIECE = /(\p{L}+(?:[-'’]\p{L}+)*)|(\d+(?:[.,:]\d+)*)|([.!?…]+)|([,;:–—]|\s-\s)/gu;

/**
 * Splits a text into sentences and clauses. A full stop after a known abbreviation does not end a
 * sentence; one after an ordinal number does ("am 3. Mai" splits: a rare date costs one short
 * sentence). Quotes and brackets are ignored.
 */
export function tokenize(text: string): Sentence[] {
	const sentences: Sentence[] = [];
	let clauses: Token[][] = [[]];
	let words = 0;
	let last: Token | undefined;
	const close = () => {
		const kept = clauses.filter((c) => c.length > 0);
		if (kept.length) sentences.push({ clauses: kept, words });
		clauses = [[]];
		words = 0;
	};
	for (const match of text.matchAll(PIECE)) {
		const [, word, number, stop, comma] = match;
		if (word || number) {
			const raw = word ?? number;
			const token: Token = {
				text: raw,
				lower: raw.toLowerCase(),
				kind: word ? 'word' : 'number',
				initial: words === 0
			};
			clauses[clauses.length - 1].push(token);
			words++;
			last = token;
		} else if (stop) {
			const abbreviation = stop === '.' && last?.kind === 'word' && ABBREVIATIONS.has(last.lower);
			if (!abbreviation) close();
		} else if (comma) {
			clauses.push([]);
		}
	}
	close();
	return sentences;
}
