/**
 * Piper's phonemes and phoneme ids, as piper-phonemize makes them from espeak-ng's output
 * (rhasspy/piper-phonemize `phonemize_eSpeak` and `phonemes_to_ids`, what piper's voices were
 * trained with): espeak's IPA per clause, decomposed (NFD, so "ç" is "c" + U+0327), language
 * switch flags like "(en)" dropped, the clause's punctuation appended (`,` `:` `;` with a space
 * after them), a new sentence after `.` `?` `!`; then `^ _ p₁ _ p₂ _ … pₙ _ $`.
 */

/** Piper's padding, sentence start and sentence end symbols (piper/const.py). */
export const PAD = '_';
export const BOS = '^';
export const EOS = '$';

/** One espeak clause: its words in IPA, and the punctuation that ended it in the text. */
export interface Clause {
	words: string[];
	terminator: string;
}

/** What the voice says for one text: sentences of phonemes for the model, IPA per word for the face. */
export interface Phonemized {
	/** Each sentence's phonemes, one code point each (piper's `Phoneme`). */
	sentences: string[][];
	/** IPA per spoken word, a clause's punctuation at the end of its last word (the viseme contract). */
	words: string[];
}

const CLAUSE_END = /[.,!?:;](?=\s|$)/gu;
const SENTENCE_END = new Set(['.', '?', '!']);

/**
 * The punctuation that ended each clause of `text`. espeak-ng ends a clause at these marks when
 * a space or the end follows, as read here; where its clauses do not line up with these (an
 * abbreviation, a clause split for length), only the text's last mark is used, for the last clause.
 */
export function clauseTerminators(text: string, clauses: number): string[] {
	const marks = [...text.trim().matchAll(CLAUSE_END)].map((match) => match[0]);
	if (marks.length === clauses) return marks;
	const terminators = new Array<string>(clauses).fill('');
	const last = /[.,!?:;]$/u.exec(text.trim())?.[0];
	if (clauses > 0 && last) terminators[clauses - 1] = last;
	return terminators;
}

/**
 * Splits the output of espeak-ng's `espeak_TextToPhonemes` loop as the espeak-ng build here writes
 * it (IPA with `_` between phonemes, a space between words, ` | ` between clauses) into clauses
 * of words, dropping the separators and language switch flags.
 */
export function parseEspeakOutput(raw: string, text: string): Clause[] {
	const clauses = raw
		.split(' | ')
		.map((clause) =>
			clause
				.replace(/\([^)]*\)/gu, '')
				.replaceAll(PAD, '')
				.split(/\s+/u)
				.filter(Boolean)
		)
		.filter((words) => words.length > 0);
	const terminators = clauseTerminators(text, clauses.length);
	return clauses.map((words, i) => ({ words, terminator: terminators[i] }));
}

/** Piper's sentences of phonemes and the words for the face, from espeak's clauses. */
export function piperPhonemes(clauses: readonly Clause[]): Phonemized {
	const sentences: string[][] = [];
	const words: string[] = [];
	let sentence: string[] | null = null;
	for (const clause of clauses) {
		if (!sentence) {
			sentence = [];
			sentences.push(sentence);
		}
		const ipa = clause.words.join(' ').normalize('NFD');
		sentence.push(...ipa);
		const { terminator } = clause;
		if (terminator) {
			sentence.push(terminator);
			if (!SENTENCE_END.has(terminator)) sentence.push(' ');
		}
		clause.words.forEach((word, i) =>
			words.push(i === clause.words.length - 1 ? word + terminator : word)
		);
		if (SENTENCE_END.has(terminator)) sentence = null;
	}
	return { sentences, words };
}

/** A voice's map from phoneme to ids (the config's `phoneme_id_map`). */
export type PhonemeIdMap = Readonly<Record<string, readonly number[]>>;

/**
 * Piper's input ids for one sentence: `^ _`, each phoneme followed by `_`, then `$`. Phonemes the
 * voice does not know are skipped (as piper does), and returned so the caller can tell.
 */
export function phonemeIds(
	phonemes: readonly string[],
	map: PhonemeIdMap
): { ids: number[]; missing: string[] } {
	const ids = [...map[BOS], ...map[PAD]];
	const missing: string[] = [];
	for (const phoneme of phonemes) {
		const mapped = map[phoneme];
		if (!mapped) {
			missing.push(phoneme);
			continue;
		}
		ids.push(...mapped, ...map[PAD]);
	}
	ids.push(...map[EOS]);
	return { ids, missing };
}
