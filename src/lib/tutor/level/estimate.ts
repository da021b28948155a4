import { CEFR_LEVELS } from '$lib/companion/languages';
import { clauseTenses, sentenceClauses, type Counts } from './grammar';
import { levelData } from './languages';
import { lexicon, type Lexicon } from './lexicon';
import { tokenize, type Token } from './tokenize';
import type {
	Calibration,
	CefrLevel,
	Clause,
	LanguageLevelData,
	LevelEstimate,
	LevelFeatures,
	LevelProfile,
	Tense
} from './types';

/**
 * The deterministic CEFR level estimator: sentence length, vocabulary band, word length and the
 * grammar a text uses, each placed on the 1 (A1) … 6 (C2) scale by the language's calibration and
 * averaged by its weights. Pure and synchronous; the word list is built on first use. Import this
 * module lazily (or in a worker): it carries the ~60 KB word list.
 */

/** Stems this frequent or more are function words: left out of the vocabulary part. */
const FUNCTION_WORD_RANK = 100;
const MIN_PART = 1;
const MAX_PART = 6;

export class UnsupportedLanguageError extends Error {
	override name = 'UnsupportedLanguageError';
	readonly code = 'tutor/level-language';
	constructor(language: string) {
		super(`The level estimator has no word list for “${language}” yet; only German is supported.`);
	}
}

export interface EstimateOptions {
	language: string;
}

function dataFor(language: string): { data: LanguageLevelData; words: Lexicon } {
	const data = levelData(language);
	const words = lexicon(language);
	if (!data || !words) throw new UnsupportedLanguageError(language);
	return { data, words };
}

/** Estimates the CEFR level of a learner's message or a companion's reply. */
export function estimateLevel(text: string, options: EstimateOptions): LevelEstimate {
	const { data, words } = dataFor(options.language);
	const measured = measure(text, data, words);
	const parts = placeParts(measured, data);
	const { grammarLevel: _grammar, ...features } = measured;
	const w = data.calibration.weights;
	const total = w.sentence + w.lexical + w.wordLength + w.grammar;
	const raw =
		measured.words === 0
			? MIN_PART
			: (parts.sentence * w.sentence +
					parts.lexical * w.lexical +
					parts.wordLength * w.wordLength +
					parts.grammar * w.grammar) /
				total;
	const floor = data.calibration.grammarFloor;
	const floored = floor === null ? raw : Math.max(raw, parts.grammar - floor);
	const score = round(clamp(floored, MIN_PART, MAX_PART), 2);
	return { level: levelOf(score), score, parts, features };
}

/** The level a score rounds to. */
export function levelOf(score: number): CefrLevel {
	return CEFR_LEVELS[clamp(Math.round(score), MIN_PART, MAX_PART) - 1];
}

interface Measured extends LevelFeatures {
	/** The most advanced level any found grammar needs (1…6). */
	grammarLevel: number;
}

function measure(text: string, data: LanguageLevelData, words: Lexicon): Measured {
	const sentences = tokenize(text);
	const tenses: Counts<Tense> = {};
	const clauses: Counts<Clause> = {};
	const bandCounts = [0, 0, 0, 0, 0, 0];
	const contentBands: number[] = [];
	let wordCount = 0;
	let letters = 0;
	let offList = 0;
	let nominal = 0;
	let longest = 0;
	const limits = bandLimits(data.profiles);
	const nominalSuffixes = data.markers.nominalSuffixes;
	for (const sentence of sentences) {
		longest = Math.max(longest, sentence.words);
		for (const clause of sentence.clauses) {
			merge(tenses, clauseTenses(clause, data.markers));
			for (const token of clause) {
				wordCount++;
				if (token.kind !== 'word') continue;
				letters += token.text.length;
				if (isName(token, words)) {
					bandCounts[0]++;
					continue;
				}
				const rank = wordRank(token.lower, words);
				if (rank === undefined) offList++;
				const band = bandOf(rank, limits);
				bandCounts[band - 1]++;
				if (rank === undefined || rank > FUNCTION_WORD_RANK) contentBands.push(band);
				if (
					token.text !== token.lower &&
					!token.initial &&
					nominalSuffixes.some((s) => token.lower.endsWith(s) && token.lower.length > s.length + 2)
				) {
					nominal++;
				}
			}
		}
		merge(clauses, sentenceClauses(sentence.clauses, data.markers));
	}
	const letterWords = bandCounts.reduce((a, b) => a + b, 0);
	const share = (n: number) => (letterWords ? round(n / letterWords, 3) : 0);
	const lexicalBands = Object.fromEntries(
		CEFR_LEVELS.map((level, i) => [level, share(bandCounts[i])])
	) as Record<CefrLevel, number>;
	const subordinate = (
		['subordinate-basic', 'subordinate', 'subordinate-formal', 'relative'] as const
	)
		.map((k) => clauses[k] ?? 0)
		.reduce((a, b) => a + b, 0);
	return {
		words: wordCount,
		sentences: sentences.length,
		meanSentenceWords: sentences.length ? round(wordCount / sentences.length, 2) : 0,
		longestSentenceWords: longest,
		meanWordLength: letterWords ? round(letters / letterWords, 2) : 0,
		lexicalBands,
		offList: share(offList),
		meanContentBand: contentBands.length
			? round(contentBands.reduce((a, b) => a + b, 0) / contentBands.length, 3)
			: 1,
		subordinateClauses: subordinate,
		clauses,
		tenses,
		nominalStyle: letterWords ? round(nominal / letterWords, 3) : 0,
		grammarLevel: grammarLevel(tenses, clauses, data.profiles)
	};
}

function merge<K extends string>(into: Counts<K>, from: Counts<K>): void {
	for (const [key, n] of Object.entries(from) as [K, number][]) into[key] = (into[key] ?? 0) + n;
}

/** A capitalised first name ("Anna"): not vocabulary, so neither content nor a rare word. */
export function isName(token: Token, words: Lexicon): boolean {
	return token.text !== token.lower && words.isName(token.lower);
}

/**
 * A word's rank: its stem's; for a hyphenated word or a compound the list lacks, the rarest of its
 * parts ("Einkaufs|zentrum"). Compounds split at the longest known head (at least four letters)
 * whose modifier, less a linking -s/-n/-es/-en, is known too.
 */
export function wordRank(word: string, words: Lexicon): number | undefined {
	let cache = RANKS.get(words);
	if (!cache) RANKS.set(words, (cache = new Map()));
	if (cache.has(word)) return cache.get(word);
	// Bounded: a 20,000-character message of invented words must not grow it without end.
	if (cache.size >= RANK_CACHE_SIZE) cache.clear();
	const rank = uncachedRank(word, words);
	cache.set(word, rank);
	return rank;
}

const RANKS = new WeakMap<Lexicon, Map<string, number | undefined>>();
const RANK_CACHE_SIZE = 20_000;
/** Compounds are split only within these lengths (a longer "word" is noise, not German). */
const COMPOUND_LETTERS = { min: 7, max: 40 };

function uncachedRank(word: string, words: Lexicon): number | undefined {
	const direct = words.rank(words.stem(word));
	if (direct !== undefined) return direct;
	if (word.includes('-')) {
		const parts = word.split('-').map((p) => wordRank(p, words));
		return parts.every((r) => r !== undefined) ? Math.max(...(parts as number[])) : undefined;
	}
	if (word.length < COMPOUND_LETTERS.min || word.length > COMPOUND_LETTERS.max) return undefined;
	return compoundRank(word, words, 2);
}

function compoundRank(word: string, words: Lexicon, depth: number): number | undefined {
	for (let i = 3; i <= word.length - 4; i++) {
		const head = words.rank(words.stem(word.slice(i)));
		if (head === undefined) continue;
		const modifier = word.slice(0, i);
		const candidates = [modifier, modifier.replace(/(?:es|en|s|n)$/u, '')];
		for (const m of candidates) {
			if (m.length < 3) continue;
			const nested = depth > 1 && m.length >= COMPOUND_LETTERS.min;
			const rank =
				words.rank(words.stem(m)) ?? (nested ? compoundRank(m, words, depth - 1) : undefined);
			if (rank !== undefined) return Math.max(rank, head);
		}
	}
	return undefined;
}

/** Upper rank of each band A1…B2 (from the profiles); C1 is the rest of the list, C2 off it. */
function bandLimits(profiles: Record<CefrLevel, LevelProfile>): number[] {
	return CEFR_LEVELS.map((l) => profiles[l].vocabularyRank).filter((r): r is number => r !== null);
}

function bandOf(rank: number | undefined, limits: readonly number[]): number {
	if (rank === undefined) return MAX_PART;
	const i = limits.findIndex((limit) => rank <= limit);
	return i === -1 ? limits.length + 1 : i + 1;
}

function firstLevelAllowing(
	profiles: Record<CefrLevel, LevelProfile>,
	allows: (p: LevelProfile) => boolean
): number {
	const i = CEFR_LEVELS.findIndex((l) => allows(profiles[l]));
	return i === -1 ? MAX_PART : i + 1;
}

function grammarLevel(
	tenses: Counts<Tense>,
	clauses: Counts<Clause>,
	profiles: Record<CefrLevel, LevelProfile>
): number {
	let level = MIN_PART;
	for (const tense of Object.keys(tenses) as Tense[]) {
		level = Math.max(
			level,
			firstLevelAllowing(profiles, (p) => p.tenses.includes(tense))
		);
	}
	for (const clause of Object.keys(clauses) as Clause[]) {
		level = Math.max(
			level,
			firstLevelAllowing(profiles, (p) => p.clauses.includes(clause))
		);
	}
	return level;
}

function placeParts(f: Measured, data: LanguageLevelData): LevelEstimate['parts'] {
	const c: Calibration = data.calibration;
	return {
		sentence: round(place(f.meanSentenceWords, c.sentenceWords), 2),
		lexical: round(place(f.meanContentBand, c.lexicalBand), 2),
		wordLength: round(place(f.meanWordLength, c.wordLength), 2),
		grammar: f.grammarLevel
	};
}

/** Where a value falls between the anchors (the values at the centres of A1…C2), as 1…6. */
export function place(value: number, anchors: readonly number[]): number {
	if (value <= anchors[0]) {
		const step = anchors[1] - anchors[0];
		return clamp(1 - (anchors[0] - value) / step, MIN_PART, MAX_PART);
	}
	for (let i = 1; i < anchors.length; i++) {
		if (value <= anchors[i]) {
			return i + (value - anchors[i - 1]) / (anchors[i] - anchors[i - 1]);
		}
	}
	const last = anchors.length - 1;
	const step = anchors[last] - anchors[last - 1];
	return clamp(anchors.length + (value - anchors[last]) / step, MIN_PART, MAX_PART);
}

function clamp(n: number, min: number, max: number): number {
	return Math.min(max, Math.max(min, n));
}

function round(n: number, digits: number): number {
	const f = 10 ** digits;
	return Math.round(n * f) / f;
}

export { dataFor as levelDataFor };
