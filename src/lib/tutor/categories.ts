import type { CorrectionCategory } from './types';

/** How the card and the progress page name each category. */
export const CATEGORY_LABELS: Record<CorrectionCategory, { en: string; de: string }> = {
	spelling: { en: 'Spelling', de: 'Rechtschreibung' },
	capitalisation: { en: 'Noun capitals', de: 'Großschreibung' },
	'article-gender': { en: 'Article / gender', de: 'Artikel / Genus' },
	case: { en: 'Case', de: 'Kasus' },
	'adjective-ending': { en: 'Adjective ending', de: 'Adjektivendung' },
	'verb-conjugation': { en: 'Verb form', de: 'Konjugation' },
	'verb-position': { en: 'Word order', de: 'Verbstellung' },
	auxiliary: { en: 'haben / sein', de: 'Hilfsverb' },
	preposition: { en: 'Preposition', de: 'Präposition' },
	'word-choice': { en: 'Word choice', de: 'Wortwahl' },
	plural: { en: 'Plural', de: 'Plural' },
	comma: { en: 'Comma', de: 'Komma' },
	negation: { en: 'Negation', de: 'Verneinung' },
	umlaut: { en: 'Umlaut', de: 'Umlaut' },
	'du-sie': { en: 'du / Sie', de: 'du / Sie' }
};

/** A category's label in the explanation language (German or English). */
export function categoryLabel(category: CorrectionCategory, lang: string): string {
	return CATEGORY_LABELS[category][lang === 'de' ? 'de' : 'en'];
}
