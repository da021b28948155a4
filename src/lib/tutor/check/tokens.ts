/** A word, number or punctuation mark with its UTF-16 offsets in the checked text. */
export interface Token {
	text: string;
	start: number;
	end: number;
	/** `other`: a link, an address, letters mixed with digits; no rule reads it. */
	kind: 'word' | 'number' | 'punct' | 'other';
	/** Index in the sentence's token list. */
	index: number;
}

// Links and addresses are one token each; numbers keep inner separators ("3,5"); words keep
// inner hyphens and apostrophes ("E-Mail", "geht's"). Letters mixed with digits ("l33t") are
// neither words nor numbers.
const TOKEN =
	/(?:https?:\/\/|www\.)\S+?(?=[.,!?;:)]*(?:\s|$))|[^\s@]+@[^\s@]+\.[^\s@]+?(?=[.,!?;:)]*(?:\s|$))|\d+(?:[.,:]\d+)*(?![\p{L}\d])|[\p{L}\p{M}\d]+(?:[-'’][\p{L}\p{M}\d]+)*|[^\s\p{L}\p{M}\d]/gu;
const WORD = /^[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*$/u;
const NUMBER = /^\d+(?:[.,:]\d+)*$/;
const SENTENCE_END = new Set(['.', '!', '?']);
/** Ends a clause inside a sentence (commas, colons, dashes). */
export const CLAUSE_PUNCT = new Set([',', ';', ':', '–', '-', '(', ')', '"', '„', '“']);

/** Abbreviations whose full stop ends no sentence ("Frau Dr. Kaya", "z. B."). */
export const ABBREVIATIONS = new Set(
	'dr prof nr str hr fr bzw usw ca evtl ggf vgl inkl zzgl tel z b d h u a o s mio mrd st jh'.split(
		' '
	)
);

/** Splits text into sentences of tokens. Offsets are into `text`. */
export function tokenize(text: string): Token[][] {
	const sentences: Token[][] = [];
	let current: Token[] = [];
	for (const match of text.matchAll(TOKEN)) {
		const value = match[0];
		const kind = WORD.test(value)
			? 'word'
			: NUMBER.test(value)
				? 'number'
				: value.length === 1 && !/[\p{L}\d]/u.test(value)
					? 'punct'
					: 'other';
		const start = match.index;
		current.push({ text: value, start, end: start + value.length, kind, index: current.length });
		const before = current[current.length - 2];
		const abbreviation =
			value === '.' && before?.kind === 'word' && ABBREVIATIONS.has(before.text.toLowerCase());
		if (kind === 'punct' && SENTENCE_END.has(value) && !abbreviation) {
			sentences.push(current);
			current = [];
		}
	}
	if (current.length > 0) sentences.push(current);
	return sentences;
}

export function isCapitalised(word: string): boolean {
	const first = word[0];
	return first !== undefined && first !== first.toLowerCase() && first === first.toUpperCase();
}

export function capitalise(word: string): string {
	return word.charAt(0).toUpperCase() + word.slice(1);
}

export function decapitalise(word: string): string {
	return word.charAt(0).toLowerCase() + word.slice(1);
}

/** `replacement` with its first letter in the case of `model`'s ("Ich bin" → "Mir ist"). */
export function matchCase(model: string, replacement: string): string {
	return isCapitalised(model) ? capitalise(replacement) : decapitalise(replacement);
}
