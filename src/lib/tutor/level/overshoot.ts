import { CEFR_LEVELS } from '$lib/companion/languages';
import { estimateLevel, isName, levelDataFor, wordRank } from './estimate';
import { tokenize } from './tokenize';
import { TENSES, type CefrLevel, type Clause, type LevelEstimate, type Tense } from './types';

/**
 * Share of words above the level's vocabulary band a reply may have before it overshoots: names,
 * the topic's own words and one new word a turn are fine; more is not.
 */
export const VOCABULARY_TOLERANCE = 0.1;

export type OvershootReason =
	| { kind: 'estimate'; estimated: CefrLevel; score: number }
	| { kind: 'sentence-length'; words: number; max: number }
	| { kind: 'vocabulary'; share: number; tolerance: number; examples: string[] }
	| { kind: 'tense'; tenses: Tense[] }
	| { kind: 'clause'; clauses: Clause[] };

export interface Overshoot {
	overshoots: boolean;
	reasons: OvershootReason[];
	estimate: LevelEstimate;
}

/**
 * Whether a companion's reply speaks above the level it was asked for, and why: the estimate is
 * above it; a sentence is longer than the profile's maximum; more than VOCABULARY_TOLERANCE of its
 * words are beyond the level's band; or it uses a tense or a clause type the profile leaves out.
 */
export function overshoots(
	text: string,
	level: CefrLevel,
	options: { language: string }
): Overshoot {
	const estimate = estimateLevel(text, options);
	const { data, words } = levelDataFor(options.language);
	const profile = data.profiles[level];
	const reasons: OvershootReason[] = [];
	const index = CEFR_LEVELS.indexOf(level);
	if (CEFR_LEVELS.indexOf(estimate.level) > index) {
		reasons.push({ kind: 'estimate', estimated: estimate.level, score: estimate.score });
	}
	const f = estimate.features;
	if (f.longestSentenceWords > profile.sentenceWords.max) {
		reasons.push({
			kind: 'sentence-length',
			words: f.longestSentenceWords,
			max: profile.sentenceWords.max
		});
	}
	if (profile.vocabularyRank !== null) {
		const limit = profile.vocabularyRank;
		const all = tokenize(text).flatMap((s) => s.clauses.flat().filter((t) => t.kind === 'word'));
		const above = all.filter(
			(t) => !isName(t, words) && (wordRank(t.lower, words) ?? Infinity) > limit
		);
		const share = all.length ? above.length / all.length : 0;
		if (share > VOCABULARY_TOLERANCE) {
			reasons.push({
				kind: 'vocabulary',
				share: Math.round(share * 100) / 100,
				tolerance: VOCABULARY_TOLERANCE,
				examples: [...new Set(above.map((t) => t.text))].slice(0, 5)
			});
		}
	}
	const tenses = TENSES.filter((t) => f.tenses[t] && !profile.tenses.includes(t));
	if (tenses.length) reasons.push({ kind: 'tense', tenses });
	const clauses = (Object.keys(f.clauses) as Clause[]).filter((c) => !profile.clauses.includes(c));
	if (clauses.length) reasons.push({ kind: 'clause', clauses });
	return { overshoots: reasons.length > 0, reasons, estimate };
}
