/**
 * The tutor's shared vocabulary: what a correction is, in both layers (the deterministic checks in
 * `check/` and the LLM pass in `llm/`), in storage and on the correction card. Kept free of
 * imports so workers, repos and components can all read it.
 */

/** What a change fixes. The order is the order of the progress page's legend. */
export const CORRECTION_CATEGORIES = [
	'spelling',
	'capitalisation',
	'article-gender',
	'case',
	'adjective-ending',
	'verb-conjugation',
	'verb-position',
	'auxiliary',
	'preposition',
	'word-choice',
	'plural',
	'comma',
	'negation',
	'umlaut',
	'du-sie'
] as const;

export type CorrectionCategory = (typeof CORRECTION_CATEGORIES)[number];

/** Which layer found a change: the deterministic checks or the LLM. */
export type CorrectionLayer = 'rules' | 'llm';

/**
 * One change to the learner's text. Offsets are UTF-16 indexes into the original text, end
 * exclusive; `replacement` is '' for a deletion and `start === end` for an insertion.
 */
export interface CorrectionEdit {
	start: number;
	end: number;
	original: string;
	replacement: string;
	category: CorrectionCategory;
	layer: CorrectionLayer;
	/**
	 * One line on why, in the language it is written in. The rules fill it from their templates
	 * (German and English); the LLM writes its own; `lang` says which language it is.
	 */
	explanation: { text: string; lang: string };
	/** Which rule made it (rules layer), for the evaluation's per-rule figures. */
	rule?: string;
}

/**
 * What the deterministic layer found in one text: `edits` are changes it is sure of (applied in
 * `corrected`); `flags` are problems it found but would not rewrite (e.g. a misspelling with no
 * single good suggestion). Both sorted by `start`, never overlapping within one list.
 */
export interface CheckResult {
	text: string;
	corrected: string;
	edits: CorrectionEdit[];
	flags: CorrectionEdit[];
}

/** How the text reached the tutor: typed text is checked for punctuation and capitals, speech not. */
export type InputMode = 'typed' | 'spoken';
