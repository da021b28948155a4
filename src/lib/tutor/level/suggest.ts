import { CEFR_LEVELS } from '$lib/companion/languages';
import type { CefrLevel } from './types';

/** One level estimate of a learner's message (the fields of a stored level sample it needs). */
export interface LevelSampleLike {
	score: number;
	words: number;
	createdAt?: number;
}

export interface SuggestionOptions {
	/** How many of the latest samples count. */
	window?: number;
	/** Fewer usable samples than this: no suggestion. */
	minSamples?: number;
	/** Messages shorter than this say too little about a level ("ja", "danke"): left out. */
	minWords?: number;
}

export interface LevelSuggestion {
	direction: 'up' | 'down';
	from: CefrLevel;
	to: CefrLevel;
	/** The median score of the samples used (1 = A1 … 6 = C2). */
	median: number;
	samples: number;
}

export const SUGGESTION_DEFAULTS: Required<SuggestionOptions> = {
	window: 12,
	minSamples: 6,
	minWords: 5
};

/**
 * Whether the learner's recent messages suggest another level: the median score of the last
 * `window` messages of at least `minWords` words is a whole level or more away from the current
 * level (so one showy or one lazy message moves nothing). The suggestion is the median's level;
 * the person confirms it. Samples are taken in `createdAt` order where given, else as passed.
 */
export function suggestLevelChange(
	samples: readonly LevelSampleLike[],
	current: CefrLevel,
	options: SuggestionOptions = {}
): LevelSuggestion | null {
	const { window, minSamples, minWords } = { ...SUGGESTION_DEFAULTS, ...options };
	const usable = samples
		.map((sample, i) => ({ sample, i }))
		.filter(({ sample }) => sample.words >= minWords && Number.isFinite(sample.score))
		.sort((a, b) => (a.sample.createdAt ?? a.i) - (b.sample.createdAt ?? b.i) || a.i - b.i)
		.slice(-window)
		.map(({ sample }) => sample.score);
	if (usable.length < minSamples) return null;
	const m = median(usable);
	const index = CEFR_LEVELS.indexOf(current) + 1;
	if (Math.abs(m - index) < 1) return null;
	const target = Math.min(CEFR_LEVELS.length, Math.max(1, Math.round(m)));
	if (target === index) return null;
	return {
		direction: target > index ? 'up' : 'down',
		from: current,
		to: CEFR_LEVELS[target - 1],
		median: Math.round(m * 100) / 100,
		samples: usable.length
	};
}

function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
