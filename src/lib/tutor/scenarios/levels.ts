import { CEFR_LEVELS, type CefrLevel } from '$lib/companion/languages';
import type { ScenarioContent } from './types';

export const levelIndex = (level: CefrLevel) => CEFR_LEVELS.indexOf(level);

/** Whether a learner at `level` fits the scenario's level range. */
export function fitsLevel(range: ScenarioContent['levelRange'], level: CefrLevel): boolean {
	const at = levelIndex(level);
	return levelIndex(range.min) <= at && at <= levelIndex(range.max);
}

/** How far `level` lies outside the range: 0 inside it. */
export function levelDistance(range: ScenarioContent['levelRange'], level: CefrLevel): number {
	const at = levelIndex(level);
	return Math.max(0, levelIndex(range.min) - at, at - levelIndex(range.max));
}

/** "A2" for a one-level range, else "A2–B1". */
export const levelLabel = ({ min, max }: ScenarioContent['levelRange']) =>
	min === max ? min : `${min}–${max}`;
