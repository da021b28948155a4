import type { CheckResult, CorrectionEdit, InputMode } from './types';

/** What the deterministic layer knows about a word (its dictionary and noun lexicon). */
export interface WordFacts {
	/** Hunspell accepts it. */
	spelled: boolean;
	/**
	 * The noun lexicon has it (so a capitalised word that is not a noun is a name); undefined
	 * when the lookup has no lexicon, and the merge tells names by the change itself.
	 */
	noun?: boolean;
}

/** Looks words up in the deterministic layer's data (in its worker). */
export type WordLookup = (words: readonly string[]) => Promise<ReadonlyMap<string, WordFacts>>;

export interface MergeInput {
	text: string;
	mode: InputMode;
	rules: CheckResult;
	llm: readonly CorrectionEdit[];
	lookup: WordLookup;
}

export interface Merged {
	corrected: string;
	edits: CorrectionEdit[];
	flags: CorrectionEdit[];
	/** LLM changes the rules overruled, with why (for the log and the figures). */
	rejected: {
		edit: CorrectionEdit;
		why: 'overlaps-rule' | 'misspelling' | 'proper-name' | 'speech';
	}[];
}

const WORD = /[\p{L}][\p{L}\p{M}'’-]*/gu;
const words = (text: string) => text.match(WORD) ?? [];
const overlaps = (a: CorrectionEdit, b: CorrectionEdit) =>
	(a.start < b.end && b.start < a.end) || (a.start === b.start && a.end === b.end);

/**
 * Merges the LLM pass into the deterministic layer's result. The rules' edits are sure and win
 * where the two overlap; an LLM change over a rules flag (a problem the rules would not rewrite)
 * replaces the flag. An LLM change is dropped when it brings in a word the dictionary rejects, when
 * it rewrites a correct proper name (a capitalised word inside a sentence that the dictionary
 * accepts and the noun lexicon does not have), and, for speech, when it only changes what speech
 * cannot carry (punctuation, capitals).
 */
export async function mergeLayers({ text, mode, rules, llm, lookup }: MergeInput): Promise<Merged> {
	const rejected: Merged['rejected'] = [];
	const candidates: CorrectionEdit[] = [];
	for (const edit of llm) {
		if (rules.edits.some((rule) => overlaps(rule, edit))) {
			rejected.push({ edit, why: 'overlaps-rule' });
		} else if (mode === 'spoken' && onlyWritingChanges(edit)) {
			rejected.push({ edit, why: 'speech' });
		} else {
			candidates.push(edit);
		}
	}
	const asked = new Set<string>();
	for (const edit of candidates) {
		for (const word of words(edit.replacement)) asked.add(word);
		for (const word of words(edit.original)) asked.add(word);
	}
	const facts = asked.size ? await lookup([...asked]) : new Map<string, WordFacts>();
	const learnerWords = new Set(words(text));
	const accepted: CorrectionEdit[] = [];
	for (const edit of candidates) {
		const introduced = words(edit.replacement).filter((word) => !learnerWords.has(word));
		if (introduced.some((word) => facts.get(word)?.spelled === false)) {
			rejected.push({ edit, why: 'misspelling' });
		} else if (rewritesName(text, edit, facts)) {
			rejected.push({ edit, why: 'proper-name' });
		} else {
			accepted.push(edit);
		}
	}
	const edits = [...rules.edits, ...accepted].sort((a, b) => a.start - b.start);
	const flags = rules.flags.filter((flag) => !accepted.some((edit) => overlaps(edit, flag)));
	return { corrected: applyEdits(text, edits), edits, flags, rejected };
}

/** Whether a change only touches punctuation or letter case. */
function onlyWritingChanges(edit: CorrectionEdit): boolean {
	const bare = (s: string) => s.toLocaleLowerCase('de').replace(/[^\p{L}\p{N}]+/gu, '');
	return edit.category === 'comma' || bare(edit.original) === bare(edit.replacement);
}

function rewritesName(
	text: string,
	edit: CorrectionEdit,
	facts: ReadonlyMap<string, WordFacts>
): boolean {
	const kept = new Set(words(edit.replacement));
	for (const match of edit.original.matchAll(WORD)) {
		const word = match[0];
		const at = edit.start + (match.index ?? 0);
		const capitalised = word[0] !== word[0].toLocaleLowerCase('de');
		if (!capitalised || sentenceStart(text, at) || kept.has(word)) continue;
		const known = facts.get(word);
		if (!known?.spelled || known.noun) continue;
		if (known.noun === false) return true;
		// No lexicon: a name is replaced by another word, while a noun's correction keeps its stem
		// (Haus → Häuser, Freund → Freunde); so a replacement that does not share it is a rename.
		if (!words(edit.replacement).some((other) => sameStem(word, other))) return true;
	}
	return false;
}

const fold = (word: string) =>
	word
		.toLocaleLowerCase('de')
		.replace(/ä/g, 'a')
		.replace(/ö/g, 'o')
		.replace(/ü/g, 'u')
		.replace(/ß/g, 'ss');

/** Whether two words share a stem: the first four letters, or all of a shorter word, folded. */
function sameStem(a: string, b: string): boolean {
	const [x, y] = [fold(a), fold(b)];
	const length = Math.min(4, x.length, y.length);
	return x.slice(0, length) === y.slice(0, length);
}

/** Whether `index` starts a sentence: nothing but spaces and quotes since the last . ! ? or the start. */
function sentenceStart(text: string, index: number): boolean {
	return /(^|[.!?…:]\s*)["„“'«»(]*\s*$/u.test(text.slice(0, index));
}

/** The text with the changes made (sorted, not overlapping). */
export function applyEdits(text: string, edits: readonly CorrectionEdit[]): string {
	let out = '';
	let at = 0;
	for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
		if (edit.start < at) continue;
		out += text.slice(at, edit.start) + edit.replacement;
		at = edit.end;
	}
	return out + text.slice(at);
}
