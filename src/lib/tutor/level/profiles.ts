import { languageName } from '$lib/companion/languages';
import { GERMAN_PROFILES } from './de/profiles';
import type { CefrLevel, Clause, LevelProfile, Tense } from './types';

/**
 * The level profiles and what the prompt and the call take from them. Light (no word list): the
 * prompt code may import it directly. Languages without profiles of their own use the German
 * ones' sentence lengths, clause types and speech rates, which are not specific to German.
 */
const PROFILES: Partial<Record<string, Record<CefrLevel, LevelProfile>>> = { de: GERMAN_PROFILES };

export function levelProfile(level: CefrLevel, language: string): LevelProfile {
	return (PROFILES[language] ?? GERMAN_PROFILES)[level];
}

/** The text-to-speech rate for a call at this level (slower at A1 and A2). */
export function speechRate(level: CefrLevel, language: string): number {
	return levelProfile(level, language).speechRate;
}

const TENSE_NAMES: Record<Tense, string> = {
	present: 'present',
	perfect: 'perfect',
	'preterite-be-have': 'simple past of be/have',
	'preterite-modal': 'simple past of modal verbs',
	preterite: 'simple past',
	future: 'future',
	'subjunctive-2': 'conditional (would/could)',
	pluperfect: 'past perfect',
	passive: 'passive',
	'subjunctive-2-past': 'past conditional',
	'subjunctive-1': 'reported speech (Konjunktiv I)'
};

const CLAUSE_NAMES: Record<Clause, string> = {
	coordinate: 'and/but/or',
	'subordinate-basic': 'because/that/if',
	subordinate: 'other subordinate clauses',
	relative: 'relative clauses',
	infinitive: 'infinitive clauses',
	correlative: 'paired connectors',
	'subordinate-formal': 'formal connectors',
	participial: 'participle phrases'
};

/**
 * One compact instruction for the system prompt (a stable section: the same level gives the same
 * text, so the prompt's cached prefix survives). About 50–70 tokens. At C1 and C2 nothing is
 * restricted, so only the style line and sentence length are given.
 */
export function levelInstruction(level: CefrLevel, language: string): string {
	const p = levelProfile(level, language);
	const name = languageName(language);
	const lines = [
		`Speak ${name} at CEFR ${level}: ${p.style}`,
		`Sentences of about ${p.sentenceWords.typical} words, never more than ${p.sentenceWords.max}.`
	];
	if (p.vocabularyRank !== null) {
		lines.push(
			`Use only the ~${p.vocabularyRank} most common ${name} words; if you need a rarer one, explain it.`
		);
	}
	const top = levelProfile('C2', language);
	const tenses = allowedOrAvoided(p.tenses, top.tenses, TENSE_NAMES);
	if (tenses) lines.push(`Tenses: ${tenses}.`);
	const clauses = allowedOrAvoided(p.clauses, top.clauses, CLAUSE_NAMES);
	if (clauses)
		lines.push(`Clauses: ${clauses.endsWith(' only') ? 'main clauses, ' : ''}${clauses}.`);
	return lines.join('\n');
}

/** The shorter of "a, b only" and "avoid c, d"; null when nothing is left out. */
function allowedOrAvoided<K extends string>(
	allowed: readonly K[],
	all: readonly K[],
	names: Record<K, string>
): string | null {
	const avoided = all.filter((k) => !allowed.includes(k));
	if (avoided.length === 0) return null;
	return allowed.length <= avoided.length
		? `${allowed.map((k) => names[k]).join(', ')} only`
		: `avoid ${avoided.map((k) => names[k]).join(', ')}`;
}
