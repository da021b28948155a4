import type { CorrectionCategory, CorrectionEdit, InputMode } from '../types';

/** What a rule found: an edit when `sure`, else a flag. Offsets are into the checked text. */
export interface Finding {
	start: number;
	end: number;
	replacement: string;
	category: CorrectionCategory;
	/** Rule id: the key of its explanation template ("article-gender.noun"). */
	rule: string;
	sure: boolean;
	/** Values for the explanation template's `{names}`. */
	vars?: Record<string, string>;
}

export type ExplanationLanguage = 'de' | 'en';

export interface CheckOptions {
	mode: InputMode;
	/** The target language's code: 'de'. */
	language: string;
	/** Language of the explanations (the rules have German and English templates); default English. */
	explain?: ExplanationLanguage;
}

/** Explanation templates: rule id → line per explanation language. */
export type Templates = Record<string, Record<ExplanationLanguage, string>>;

function fill(template: string, vars: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

export function explain(
	templates: Templates,
	finding: Finding,
	original: string,
	lang: ExplanationLanguage
): CorrectionEdit['explanation'] {
	const template = templates[finding.rule]?.[lang];
	const vars = { original, replacement: finding.replacement, ...finding.vars };
	return { text: template ? fill(template, vars) : finding.rule, lang };
}
