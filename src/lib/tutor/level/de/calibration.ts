import type { Calibration } from '../types';

/**
 * Where German texts of each level sit on each feature (the value at the level's centre, A1…C2),
 * and how much each part counts. First set by hand from the profiles; then adjusted on the `dev`
 * half of tests/fixtures/tutor/level-texts.jsonl only (bench/level.mjs reports `test` apart).
 */
export const GERMAN_CALIBRATION: Calibration = {
	sentenceWords: [4.9, 9.1, 11, 13, 15.3, 18.8],
	// The dev means of A1 and A2 are alike (1.21, 1.18): spread apart so one rarer word in a
	// short A1 text does not move it a whole level.
	lexicalBand: [1.1, 1.3, 1.6, 2.55, 3.1, 3.4],
	// C2's dev mean (6.28) is below C1's (6.62): kept rising, as the levels must.
	wordLength: [4.25, 4.65, 5.2, 6.05, 6.45, 6.7],
	// Grammar counts as a floor, not in the mean: on the dev texts a mean that included it pulled
	// C1/C2 texts down (their grammar is often no more advanced than B2's). A floor of half a level
	// below the grammar found (so the estimate rounds to at least that level) scored as well on
	// dev as a floor of one level or none, and keeps "weil" and "konnte" from ever reading as A1.
	weights: { sentence: 1, lexical: 1, wordLength: 0.5, grammar: 0 },
	grammarFloor: 0.5
};
