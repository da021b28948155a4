/** Languages a companion can speak. Whisper and the LLM catalogue cover all of them. */
export const LANGUAGES = {
	de: { name: 'German', native: 'Deutsch' },
	en: { name: 'English', native: 'English' },
	fr: { name: 'French', native: 'Français' },
	es: { name: 'Spanish', native: 'Español' },
	it: { name: 'Italian', native: 'Italiano' },
	nl: { name: 'Dutch', native: 'Nederlands' },
	pl: { name: 'Polish', native: 'Polski' },
	pt: { name: 'Portuguese', native: 'Português' },
	tr: { name: 'Turkish', native: 'Türkçe' },
	uk: { name: 'Ukrainian', native: 'Українська' }
} as const;

export type LanguageCode = keyof typeof LANGUAGES;
export const LANGUAGE_CODES = Object.keys(LANGUAGES) as LanguageCode[];

export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type CefrLevel = (typeof CEFR_LEVELS)[number];

export const CEFR_DESCRIPTIONS: Record<CefrLevel, string> = {
	A1: 'Beginner: short, simple sentences and everyday words',
	A2: 'Elementary: simple sentences about familiar topics',
	B1: 'Intermediate: connected speech on familiar topics',
	B2: 'Upper intermediate: natural speech, some idioms',
	C1: 'Advanced: fluent, nuanced speech',
	C2: 'Mastery: native-like speech'
};

export function languageName(code: string): string {
	return code in LANGUAGES ? LANGUAGES[code as LanguageCode].name : code;
}
