import type { Finding } from '../../finding';
import { isCapitalised, type Token } from '../../tokens';
import {
	FRONT_ADVERBS,
	FRONT_ADVERB_TAILS,
	FUSED_PREPOSITIONS,
	PARTICLES,
	PREPOSITION_CASE,
	SUBORDINATORS,
	TWO_WAY_PREPOSITIONS,
	determiner
} from '../data/words';
import {
	agreeingVerb,
	clauseEnd,
	isClauseBreak,
	isWord,
	lower,
	nounAt,
	pronounPersons,
	type GermanContext
} from '../context';
import type { Person } from '../lexicon';

const isPreposition = (word: string) =>
	word in PREPOSITION_CASE || TWO_WAY_PREPOSITIONS.has(word) || FUSED_PREPOSITIONS.has(word);

const AUXILIARIES = new Set([
	'haben',
	'sein',
	'werden',
	'können',
	'müssen',
	'wollen',
	'sollen',
	'dürfen',
	'mögen'
]);

/** A subject at `i`: a pronoun, or article (+ adjective) + noun. Returns its persons and end. */
function subjectAt(
	ctx: GermanContext,
	sentence: Token[],
	i: number
): { persons: Person[]; end: number } | undefined {
	const persons = pronounPersons(sentence[i], i === 0);
	if (persons) return { persons, end: i + 1 };
	const det = sentence[i];
	if (!isWord(det) || !determiner(det.text)) return undefined;
	if (nounAt(ctx, sentence[i + 1])) return { persons: [2, 5], end: i + 2 };
	if (isWord(sentence[i + 1]) && nounAt(ctx, sentence[i + 2]))
		return { persons: [2, 5], end: i + 3 };
	return undefined;
}

/** Where the first position of the main clause starting at `k` ends, if it is one we recognise. */
function firstPositionEnd(ctx: GermanContext, sentence: Token[], k: number): number | undefined {
	const word = lower(sentence[k]);
	if (FRONT_ADVERBS.has(word))
		return FRONT_ADVERB_TAILS.has(lower(sentence[k + 1])) ? k + 2 : k + 1;
	if (!isPreposition(word)) return undefined;
	// "Am Wochenende", "Nach dem Essen", "In Deutschland": preposition, article, adjective, noun.
	for (let j = k + 1; j <= k + 3 && j < sentence.length; j++) {
		const token = sentence[j];
		if (!isWord(token)) return undefined;
		if (
			isCapitalised(token.text) &&
			(nounAt(ctx, token) || !ctx.speller.spell(token.text.toLowerCase()))
		) {
			return j + 1;
		}
		if (ctx.mode === 'spoken' && nounAt(ctx, token)) return j + 1;
	}
	return undefined;
}

/** Main clauses: the finite verb comes second, so after a fronted adverb it precedes the subject. */
function verbSecond(ctx: GermanContext, sentence: Token[]): Finding[] {
	const starts = [0];
	if (SUBORDINATORS.has(lower(sentence[0]))) {
		const comma = sentence.findIndex((t) => t.text === ',');
		if (comma > 0) starts.push(comma + 1);
	}
	const findings: Finding[] = [];
	for (const k of starts) {
		const first = k === 0 ? firstPositionEnd(ctx, sentence, k) : k;
		if (first === undefined || first >= sentence.length) continue;
		const subject = subjectAt(ctx, sentence, first);
		if (!subject) continue;
		const verb = sentence[subject.end];
		if (!agreeingVerb(ctx, verb, subject.persons) || isCapitalised(verb.text)) continue;
		const subjectText = ctx.text.slice(sentence[first].start, sentence[subject.end - 1].end);
		findings.push({
			start: sentence[first].start,
			end: verb.end,
			replacement: `${verb.text} ${subjectText}`,
			category: 'verb-position',
			rule: 'verb-position.second',
			sure: true,
			vars: { first: ctx.text.slice(sentence[k].start, sentence[first - 1].end) }
		});
	}
	return findings;
}

/** Subordinate clauses: after weil/dass/ob/… the finite verb goes to the end of the clause. */
function verbFinal(ctx: GermanContext, sentence: Token[]): Finding[] {
	const findings: Finding[] = [];
	for (let i = 0; i < sentence.length; i++) {
		const conjunction = lower(sentence[i]);
		if (!SUBORDINATORS.has(conjunction)) continue;
		// "als" is also "than" ("größer als ich"): only a clause-initial "als" starts a clause.
		if (conjunction === 'als' && i > 0 && !isClauseBreak(sentence[i - 1])) continue;
		const subject = subjectAt(ctx, sentence, i + 1);
		if (!subject) continue;
		const verb = sentence[subject.end];
		if (!agreeingVerb(ctx, verb, subject.persons)) continue;
		let end = clauseEnd(sentence, subject.end + 1);
		// Spoken text has no commas: a new "ich gehe" or "gehe ich" ends the clause.
		for (let j = subject.end + 1; j < end; j++) {
			const persons = pronounPersons(sentence[j], false);
			if (
				(persons && agreeingVerb(ctx, sentence[j + 1], persons)) ||
				(persons && agreeingVerb(ctx, sentence[j - 1], persons) && j - 1 > subject.end)
			) {
				end = persons && agreeingVerb(ctx, sentence[j - 1], persons) ? j - 1 : j;
				break;
			}
		}
		const rest = sentence.slice(subject.end + 1, end);
		if (rest.length === 0 || rest.some((t) => !isWord(t))) continue;
		// Another finite verb for this subject in the clause: the learner's order is something else.
		if (rest.some((t) => !determiner(t.text) && agreeingVerb(ctx, t, subject.persons))) continue;
		const last = rest[rest.length - 1];
		const lemma = ctx.lexicon.finite(verb.text.toLowerCase())[0]?.lemma ?? '';
		const particle = PARTICLES.has(lower(last)) && ctx.lexicon.isSeparable(lower(last), lemma);
		const moved = particle ? rest.slice(0, -1) : rest;
		if (moved.length === 0) continue;
		const verbText = particle ? lower(last) + verb.text : verb.text;
		findings.push({
			start: verb.start,
			end: last.end,
			replacement: `${ctx.text.slice(moved[0].start, moved[moved.length - 1].end)} ${verbText}`,
			category: 'verb-position',
			rule: 'verb-position.final',
			sure: true,
			vars: { conjunction: sentence[i].text }
		});
	}
	return findings;
}

/** "Ich habe gegessen eine Pizza": the participle or infinitive closes the main clause. */
function verbBracket(ctx: GermanContext, sentence: Token[]): Finding[] {
	const subject = pronounPersons(sentence[0], true);
	const finite = sentence[1];
	if (!subject || !agreeingVerb(ctx, finite, subject)) return [];
	const readings = ctx.lexicon.finite(finite.text.toLowerCase());
	const aux = readings.find((r) => AUXILIARIES.has(r.lemma))?.lemma;
	if (!aux) return [];
	const verb = sentence[2];
	if (!isWord(verb) || verb.text !== verb.text.toLowerCase()) return [];
	const isPerfect = (aux === 'haben' || aux === 'sein') && ctx.lexicon.participle(verb.text);
	const isInfinitive = aux !== 'haben' && aux !== 'sein' && ctx.lexicon.isInfinitive(verb.text);
	if (!isPerfect && !isInfinitive) return [];
	const end = clauseEnd(sentence, 3);
	const rest = sentence.slice(3, end);
	if (rest.length === 0 || !determiner(rest[0].text)) return [];
	// A prepositional phrase after the verb is accepted German ("Ich bin gegangen mit Anna").
	const verbish = (t: Token) => !determiner(t.text) && ctx.lexicon.finite(lower(t)).length > 0;
	if (rest.some((t) => !isWord(t) || isPreposition(lower(t)) || verbish(t))) {
		return [];
	}
	const last = rest[rest.length - 1];
	return [
		{
			start: verb.start,
			end: last.end,
			replacement: `${ctx.text.slice(rest[0].start, last.end)} ${verb.text}`,
			category: 'verb-position',
			rule: 'verb-position.bracket',
			sure: true,
			vars: { verb: verb.text }
		}
	];
}

export function verbPositionRule(ctx: GermanContext): Finding[] {
	return ctx.sentences.flatMap((sentence) => [
		...verbFinal(ctx, sentence),
		...verbSecond(ctx, sentence),
		...verbBracket(ctx, sentence)
	]);
}
