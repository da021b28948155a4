import type { LanguageCode } from '$lib/companion/languages';
import { GERMAN_CALIBRATION } from './de/calibration';
import { GERMAN_MARKERS } from './de/grammar';
import { GERMAN_PROFILES } from './de/profiles';
import type { LanguageLevelData } from './types';

/**
 * The target languages the level room has data for. Adding one is adding data: its profiles, its
 * grammar markers and calibration here, and its word ranks and stemmer in `lexicon.ts`.
 */
export const LEVEL_LANGUAGES: Partial<Record<LanguageCode, LanguageLevelData>> = {
	de: { profiles: GERMAN_PROFILES, markers: GERMAN_MARKERS, calibration: GERMAN_CALIBRATION }
};

/** The level data for a language, or undefined where there is none yet. */
export function levelData(language: string): LanguageLevelData | undefined {
	return LEVEL_LANGUAGES[language as LanguageCode];
}
