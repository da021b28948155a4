/**
 * The CEFR level room's vocabulary: what a level profile says (how the companion speaks at a
 * level) and what the estimator reports. Free of imports but the level list, so the prompt code,
 * workers and the progress page can all read it.
 */
import type { CefrLevel } from '$lib/companion/languages';

export type { CefrLevel };

/**
 * Verb forms the profiles allow and the estimator recognises, in the usual order German courses
 * teach them. Names are English so another language can reuse those it has.
 */
export const TENSES = [
	'present',
	'perfect',
	/** Präteritum of sein and haben (war, hatte). */
	'preterite-be-have',
	/** Präteritum of the modal verbs (konnte, musste, wollte…). */
	'preterite-modal',
	/** Präteritum of other verbs (ging, sagte): narration. */
	'preterite',
	'future',
	/** würde + infinitive, wäre, hätte, könnte: wishes and polite requests. */
	'subjunctive-2',
	'pluperfect',
	/** werden/wurde + participle. */
	'passive',
	/** hätte/wäre + participle: unreal past. */
	'subjunctive-2-past',
	/** Konjunktiv I: indirect speech (er sagt, er sei…). */
	'subjunctive-1'
] as const;
export type Tense = (typeof TENSES)[number];

/** Sentence and clause types, from main clauses to the constructions of formal writing. */
export const CLAUSES = [
	/** Main clauses joined with und, aber, oder, denn, sondern. */
	'coordinate',
	/** weil, dass, wenn, ob and w-questions as clauses. */
	'subordinate-basic',
	/** als, nachdem, bevor, während, seit, bis, obwohl, damit… */
	'subordinate',
	'relative',
	/** zu + infinitive, um … zu. */
	'infinitive',
	/** je … desto, nicht nur … sondern auch, sowohl … als auch, weder … noch. */
	'correlative',
	/** Formal connectors: wohingegen, zumal, sofern, wenngleich, insofern als… */
	'subordinate-formal',
	/** Extended attributes: die in der Studie befragten Lehrkräfte. */
	'participial'
] as const;
export type Clause = (typeof CLAUSES)[number];

/** How the companion speaks at one level: the prompt's instruction and the overshoot check. */
export interface LevelProfile {
	level: CefrLevel;
	/** Words per sentence: what is typical, and the most a sentence should have. */
	sentenceWords: { typical: number; max: number };
	/**
	 * The vocabulary band: the word list's rank (of stems, most frequent first) up to which words
	 * are in this level's band. `null` at the top: any word.
	 */
	vocabularyRank: number | null;
	/** Verb forms the companion uses at this level; the later ones in TENSES are avoided. */
	tenses: readonly Tense[];
	/** Clause types she uses; the others are avoided. */
	clauses: readonly Clause[];
	/** Text-to-speech rate in calls (1 = the voice's normal speed). */
	speechRate: number;
	/** One short line of style for the prompt, in English (the prompt's language). */
	style: string;
}

/** Grammar markers the estimator looks for in one language: word lists, kept as data. */
export interface GrammarMarkers {
	/** Subordinating conjunctions by the clause type they open. */
	subordinators: Partial<Record<Clause, readonly string[]>>;
	/** Relative pronouns (after a comma or a preposition after a comma). */
	relativePronouns: readonly string[];
	/** Words opening an infinitive clause with zu (um, ohne, statt, anstatt). */
	infinitiveOpeners: readonly string[];
	/** Pairs that make a correlative construction: both words within one sentence. */
	correlatives: readonly (readonly [string, string])[];
	/** Finite forms by the verb they belong to. */
	verbs: {
		be: readonly string[];
		have: readonly string[];
		become: readonly string[];
		/** Present forms of the modal verbs (kann, muss, möchte…). */
		modal: readonly string[];
		/** Präteritum of sein/haben. */
		beHavePast: readonly string[];
		/** Präteritum of werden (wurde…), the passive's past. */
		becomePast: readonly string[];
		modalPast: readonly string[];
		/** Konjunktiv II forms: würde…, wäre…, hätte…, könnte… */
		subjunctive2: readonly string[];
		/** Konjunktiv I forms that cannot be indicative (sei, habe after er/sie/es, könne…). */
		subjunctive1: readonly string[];
		/** Präteritum forms of common strong and mixed verbs (ging, kam, sah…). */
		strongPast: readonly string[];
	};
	/** Forms that look like weak Präteritum (-te) but are not (bitte, Leute…). */
	notPreterite: readonly string[];
	/** Subject pronouns that make "habe"/"werde" a Konjunktiv I (er/sie/es/man habe). */
	thirdPersonSubjects: readonly string[];
	/** Noun endings of nominal, formal style (-ung, -heit, -keit…). */
	nominalSuffixes: readonly string[];
}

/** The estimator's calibration for one language: where each feature's value sits on 1–6. */
export interface Calibration {
	/** Mean words per sentence at the centre of each level (A1…C2). */
	sentenceWords: readonly number[];
	/** Mean stem rank band of content words at each level's centre. */
	lexicalBand: readonly number[];
	/** Mean letters per word at each level's centre. */
	wordLength: readonly number[];
	/** Weights of sentence length, vocabulary, word length and grammar in the score. */
	weights: { sentence: number; lexical: number; wordLength: number; grammar: number };
	/**
	 * Grammar as a floor: the score stays at least this far below the level the most advanced
	 * grammar found needs (a relative clause is B1 however short the words), or no floor: null.
	 */
	grammarFloor: number | null;
}

/** Everything the level room knows about one target language: data only. */
export interface LanguageLevelData {
	profiles: Record<CefrLevel, LevelProfile>;
	markers: GrammarMarkers;
	calibration: Calibration;
}

/** What the estimator measured in a text. */
export interface LevelFeatures {
	words: number;
	sentences: number;
	meanSentenceWords: number;
	longestSentenceWords: number;
	meanWordLength: number;
	/** Share of words in each band (A1…B2 by the profiles' ranks; C1 the rest of the list; C2 off it). */
	lexicalBands: Record<CefrLevel, number>;
	/** Share of word tokens not in the list at all (names, typos, rare compounds). */
	offList: number;
	/** Mean band (1 = A1 … 6 = C2) of the words that are not function words. */
	meanContentBand: number;
	/** Subordinate and relative clauses counted. */
	subordinateClauses: number;
	clauses: Partial<Record<Clause, number>>;
	tenses: Partial<Record<Tense, number>>;
	/** Nouns with a nominal-style suffix, per word. */
	nominalStyle: number;
}

export interface LevelEstimate {
	level: CefrLevel;
	/** Continuous level: 1 = A1 … 6 = C2. */
	score: number;
	/** The parts the score is made of, each on the same 1–6 scale. */
	parts: { sentence: number; lexical: number; wordLength: number; grammar: number };
	features: LevelFeatures;
}
