import type { Finding } from '../../finding';
import type { Token } from '../../tokens';
import { CASE_NAMES, GENDER_NAMES } from '../data/explanations';
import {
	COPULAS,
	DATIVE_VERBS,
	PREPOSITION_CASE,
	TWO_WAY_PREPOSITIONS,
	determiner,
	determinerFor,
	type Case,
	type Determiner
} from '../data/words';
import {
	isClauseStart,
	isWord,
	lower,
	nounAt,
	pronounPersons,
	type GermanContext
} from '../context';
import type { Gender, NounInfo } from '../lexicon';

interface NounPhrase {
	det: Token;
	determiner: Determiner;
	adjective?: Token;
	noun: Token;
	info: NounInfo;
}

function nounPhrase(ctx: GermanContext, sentence: Token[], i: number): NounPhrase | undefined {
	const det = sentence[i];
	if (!isWord(det)) return undefined;
	const found = determiner(det.text);
	if (!found) return undefined;
	let next = sentence[i + 1];
	let adjective: Token | undefined;
	let info = nounAt(ctx, next);
	if (!info && isWord(next) && next.text === next.text.toLowerCase() && !determiner(next.text)) {
		adjective = next;
		next = sentence[i + 2];
		info = nounAt(ctx, next);
	}
	if (!info || !next) return undefined;
	// "Bahn- und Busfahrer": a truncated compound.
	if (sentence[next.index + 1]?.text === '-') return undefined;
	return { det, determiner: found, adjective, noun: next, info };
}

function finiteLemmas(ctx: GermanContext, token: Token | undefined): string[] {
	if (!isWord(token)) return [];
	return ctx.lexicon.finite(token.text.toLowerCase()).map((r) => r.lemma);
}

/**
 * The cases the noun phrase at `i` can be in, from what stands before it; and the case it must be
 * in where that is clear (a preposition with one case, the object right after a verb whose
 * subject is a pronoun).
 */
interface CaseContext {
	/** The cases the phrase may be in. */
	allowed: Case[];
	/** The one case a preposition or copula demands. */
	required?: Case;
	/** The case of the object of the verb before the phrase. */
	object?: Case;
	/** The likeliest case where several are allowed (the start of a clause: the subject). */
	guess?: Case;
	/** What demands the case, for the explanation. */
	cue?: Record<string, string>;
}

function caseContext(
	ctx: GermanContext,
	sentence: Token[],
	i: number,
	nounEnd: number
): CaseContext {
	const prev = sentence[i - 1];
	const word = lower(prev);
	const fixed = PREPOSITION_CASE[word];
	if (fixed) return { allowed: [fixed], required: fixed, cue: { preposition: prev!.text } };
	if (TWO_WAY_PREPOSITIONS.has(word)) return { allowed: ['akk', 'dat'] };
	if (isClauseStart(sentence, i)) {
		const verb = sentence[nounEnd + 1];
		const dative = finiteLemmas(ctx, verb).some((l) => DATIVE_VERBS.has(l));
		const objectFirst = ['ich', 'du', 'wir', 'ihr'].includes(lower(sentence[nounEnd + 2]));
		// "Dem Kind geht es besser": an article that can only be dative was meant as one.
		const dativeOnly = determiner(sentence[i].text)?.readings.every((r) => r.endsWith('dat'));
		return {
			allowed: (dative || dativeOnly ? ['nom', 'akk', 'dat'] : ['nom', 'akk']) as Case[],
			guess: objectFirst ? 'akk' : 'nom'
		};
	}
	const lemmas = finiteLemmas(ctx, prev);
	if (lemmas.some((l) => COPULAS.has(l))) return { allowed: ['nom'], required: 'nom' };
	// "Ich suche …" and "Hast du …": the phrase right after the verb and its pronoun is its object.
	const pronounFirst =
		lemmas.length > 0 &&
		pronounPersons(sentence[i - 2], i - 2 === 0) !== undefined &&
		isClauseStart(sentence, i - 2);
	const verbFirst =
		pronounPersons(prev, false) !== undefined &&
		finiteLemmas(ctx, sentence[i - 2]).length > 0 &&
		isClauseStart(sentence, i - 2);
	const verbLemmas = pronounFirst ? lemmas : verbFirst ? finiteLemmas(ctx, sentence[i - 2]) : [];
	const allowed: Case[] = ['nom', 'akk', 'dat'];
	const after = sentence[i - 1];
	if (after && after.kind === 'word' && /^\p{Lu}/u.test(after.text) && after.index > 0)
		allowed.push('gen');
	if (verbLemmas.length > 0) {
		const dative = verbLemmas.some((l) => DATIVE_VERBS.has(l));
		return {
			allowed: dative ? ['dat'] : ['akk', 'dat'],
			object: dative ? 'dat' : 'akk',
			cue: { verb: sentence[pronounFirst ? i - 1 : i - 2].text }
		};
	}
	return { allowed };
}

const ENDINGS_AFTER_DER: Record<string, string> = {
	'M-nom': 'e',
	'F-nom': 'e',
	'N-nom': 'e',
	'F-akk': 'e',
	'N-akk': 'e'
};
const ENDINGS_AFTER_EIN: Record<string, string> = {
	'M-nom': 'er',
	'N-nom': 'es',
	'N-akk': 'es',
	'F-nom': 'e',
	'F-akk': 'e'
};

/** Whether an adjective between article and noun already has the ending the new article needs. */
function adjectiveFits(adjective: Token | undefined, stem: string, gender: Gender, kase: Case) {
	if (!adjective) return true;
	const table = stem === 'der' ? ENDINGS_AFTER_DER : ENDINGS_AFTER_EIN;
	const ending = table[`${gender}-${kase}`] ?? 'en';
	const word = adjective.text.toLowerCase();
	return word.endsWith(ending) && !(ending === 'e' && /e[nmrs]$/.test(word));
}

/**
 * Article–noun agreement: an article that fits the noun's gender in no case the context allows
 * ("die Tisch", "eine Buch") is an article-gender error; one that fits the gender but not the case
 * a preposition or verb requires ("mit der Bus", "Ich suche der Bahnhof") is a case error.
 */
export function genderRule(ctx: GermanContext): Finding[] {
	const findings: Finding[] = [];
	for (const sentence of ctx.sentences) {
		for (let i = 0; i < sentence.length; i++) {
			const phrase = nounPhrase(ctx, sentence, i);
			if (!phrase) continue;
			const { det, determiner: d, info, noun, adjective } = phrase;
			const word = det.text.toLowerCase();
			const prev = sentence[i - 1];
			// Relative pronouns ("die Frau, die Kaffee trinkt") and "Ist das Kaffee?".
			if (d.stem === 'der' && (prev?.text === ',' || (word === 'das' && i === 1))) continue;
			if (info.genders.length !== 1) continue;
			const gender = info.genders[0];
			// "Die Fenster ist …": a singular verb right after the phrase rules out the plural.
			const after = sentence[noun.index + 1];
			const singular = (t: Token | undefined) =>
				isWord(t) && ctx.lexicon.agrees(lower(t), 2) && !ctx.lexicon.agrees(lower(t), 5);
			// … and so does a singular copula before it ("Wo ist die Schlüssel?").
			const copulaBefore = finiteLemmas(ctx, prev).some((l) => COPULAS.has(l)) && singular(prev);
			const singularVerb = (isClauseStart(sentence, i) && singular(after)) || copulaBefore;
			const genders: (Gender | 'P')[] = info.alsoPlural && !singularVerb ? [gender, 'P'] : [gender];
			// "nach die Schweiz": the preposition is the mistake ("in die Schweiz"), not the article.
			if (lower(prev) === 'nach' && word === 'die') continue;
			const context = caseContext(ctx, sentence, i, noun.index);
			const fits = (kase: Case) =>
				d.readings.some((r) => {
					const [g, c] = r.split('-');
					return genders.includes(g as Gender | 'P') && c === kase;
				});
			// The learner's article is right for the noun's gender in another basic case ("ein Apfel" where
			// "einen" is needed): a case error; otherwise a gender error ("der Tasche", "eine Buch").
			const fitsGender = d.readings.some((r) => {
				const [g, c] = r.split('-');
				return g === gender && (c === 'nom' || c === 'akk');
			});
			const learnerCases = d.readings.map((r) => r.split('-')[1] as Case);
			const lang = { de: GENDER_NAMES.de[gender], en: GENDER_NAMES.en[gender] };
			const at = { start: det.start, end: det.end };

			if (!context.allowed.some(fits)) {
				let target: Case[];
				if (context.required) target = [context.required];
				else if (context.object) target = [context.object];
				else if (context.guess) target = [context.guess];
				else target = context.allowed.filter((c) => learnerCases.includes(c));
				if (target.length === 0) target = context.allowed;
				const forms = [...new Set(target.map((c) => determinerFor(d.stem, gender, c)))];
				const form = forms[0];
				if (!form) continue;
				const replacement =
					det.text[0] === det.text[0].toUpperCase() ? form[0].toUpperCase() + form.slice(1) : form;
				const sure = forms.length === 1 && adjectiveFits(adjective, d.stem, gender, target[0]);
				findings.push({
					...at,
					replacement,
					category: fitsGender ? 'case' : 'article-gender',
					rule: fitsGender
						? context.cue?.preposition !== undefined
							? 'case.preposition'
							: 'case.object'
						: 'article-gender.noun',
					sure: sure && (!fitsGender || context.cue !== undefined),
					vars: {
						noun: noun.text,
						genderDe: lang.de,
						genderEn: lang.en,
						caseDe: CASE_NAMES.de[target[0]],
						caseEn: CASE_NAMES.en[target[0]],
						...context.cue
					}
				});
				continue;
			}

			// The gender fits; a nominative-only article where the verb needs its object, or any
			// article a one-case preposition does not take, is a case error.
			const needed = context.required ?? context.object;
			if (!needed || info.alsoPlural || fits(needed)) continue;
			if (!context.required && !learnerCases.every((c) => c === 'nom')) continue;
			if (context.required === 'nom') continue;
			const form = determinerFor(d.stem, gender, needed);
			if (!form || !adjectiveFits(adjective, d.stem, gender, needed)) continue;
			findings.push({
				...at,
				replacement: form,
				category: 'case',
				rule: context.cue?.preposition !== undefined ? 'case.preposition' : 'case.object',
				sure: true,
				vars: {
					noun: noun.text,
					caseDe: CASE_NAMES.de[needed],
					caseEn: CASE_NAMES.en[needed],
					...context.cue
				}
			});
		}
	}
	return findings;
}
