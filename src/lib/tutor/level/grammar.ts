import type { Token } from './tokenize';
import type { Clause, GrammarMarkers, Tense } from './types';

export type Counts<K extends string> = Partial<Record<K, number>>;

function add<K extends string>(counts: Counts<K>, key: K): void {
	counts[key] = (counts[key] ?? 0) + 1;
}

const GE_PARTICIPLE = /^ge\p{Ll}{2,}(?:t|en)$/u;
const PARTICLE_PARTICIPLE =
	/^(?:ab|an|auf|aus|bei|ein|fest|her|hin|los|mit|nach|vor|weg|weiter|zurück|zusammen|zu|um|durch|dar|statt|teil|frei|fern|kennen|spazieren|kaputt)ge\p{Ll}{2,}(?:t|en)$/u;
const INSEPARABLE_PARTICIPLE =
	/^(?:be|ver|er|ent|zer|emp|miss|über|unter|hinter|wider)\p{Ll}{2,}(?:t|en)$/u;
const IERT = /^\p{Ll}{3,}iert$/u;
const INFINITIVE = /^\p{Ll}{2,}(?:en|ern|eln)$/u;
const ZU_INFIX =
	/^(?:ab|an|auf|aus|bei|ein|fest|her|hin|los|mit|nach|vor|weg|weiter|zurück|zusammen|zu|um|durch|dar|statt|teil|frei|heraus|hinaus|herein|vorbei|gegen|entgegen|kennen)zu\p{Ll}{3,}(?:en|ern|eln)$/u;
const MODAL_INFINITIVES = new Set(['können', 'müssen', 'sollen', 'dürfen', 'wollen', 'lassen']);
const PERSONAL = new Set(['ich', 'du', 'er', 'sie', 'es', 'wir', 'ihr', 'man']);
// -te/-ten only: -tet and -test are as often the present of verbs in -ten (kostet, arbeitest).
const WEAK_PAST = /^\p{Ll}{2,}ten?$/u;
const PREPOSITIONS = new Set([
	'in',
	'an',
	'auf',
	'von',
	'mit',
	'aus',
	'bei',
	'nach',
	'vor',
	'über',
	'unter',
	'zu',
	'seit',
	'für',
	'durch',
	'im',
	'am',
	'vom',
	'zum',
	'zur',
	'beim',
	'gegen',
	'ohne',
	'um',
	'hinter',
	'neben',
	'zwischen',
	'bis'
]);
const DETERMINERS = new Set([
	'der',
	'die',
	'das',
	'den',
	'dem',
	'des',
	'ein',
	'eine',
	'einer',
	'einen',
	'einem',
	'eines'
]);
const PARTICIPIAL_ADJECTIVE = /^\p{Ll}{3,}(?:t|en|end)(?:e|en|er|es|em)$/u;
/** Subordinators that are also prepositions or adverbs: counted only where a clause starts. */
const AMBIGUOUS = new Set([
	'als',
	'bis',
	'seit',
	'während',
	'damit',
	'da',
	'soweit',
	'insofern',
	'wie'
]);
const W_WORDS = new Set([
	'wie',
	'wo',
	'was',
	'wann',
	'warum',
	'wer',
	'woher',
	'wohin',
	'weshalb',
	'wieso',
	'worum',
	'wofür',
	'womit',
	'woran',
	'worauf',
	'wieviel'
]);
const RELATIVE_AFTER_PREPOSITION = new Set([
	'dem',
	'der',
	'den',
	'denen',
	'dessen',
	'deren',
	'welchem',
	'welcher',
	'welchen'
]);

/** What one language's markers make of its word lists, built once per markers object. */
class Lexis {
	readonly be: Set<string>;
	readonly have: Set<string>;
	readonly become: Set<string>;
	readonly beHavePast: Set<string>;
	readonly becomePast: Set<string>;
	readonly modalPast: Set<string>;
	readonly subjunctive2: Set<string>;
	readonly subjunctive1: Set<string>;
	readonly strongPast: Set<string>;
	readonly notPreterite: Set<string>;
	readonly thirdPerson: Set<string>;
	readonly relative: Set<string>;
	readonly infinitiveOpeners: Set<string>;
	readonly finite: Set<string>;
	readonly subordinator = new Map<string, Clause>();
	readonly hatte: Set<string>;

	constructor(readonly markers: GrammarMarkers) {
		const v = markers.verbs;
		this.be = new Set(v.be);
		this.have = new Set(v.have);
		this.become = new Set(v.become);
		this.beHavePast = new Set(v.beHavePast);
		this.becomePast = new Set(v.becomePast);
		this.modalPast = new Set(v.modalPast);
		this.subjunctive2 = new Set(v.subjunctive2);
		this.subjunctive1 = new Set(v.subjunctive1);
		this.strongPast = new Set(v.strongPast);
		this.notPreterite = new Set(markers.notPreterite);
		this.thirdPerson = new Set(markers.thirdPersonSubjects);
		this.relative = new Set(markers.relativePronouns);
		this.infinitiveOpeners = new Set(markers.infinitiveOpeners);
		this.hatte = new Set(v.subjunctive2.filter((w) => /^(?:hätt|wär)/u.test(w)));
		this.finite = new Set([
			...v.be,
			...v.have,
			...v.become,
			...v.beHavePast,
			...v.becomePast,
			...v.modalPast,
			...v.subjunctive2,
			...v.strongPast,
			...v.modal
		]);
		for (const [clause, words] of Object.entries(markers.subordinators)) {
			for (const word of words ?? []) this.subordinator.set(word, clause as Clause);
		}
	}
}

const LEXES = new WeakMap<GrammarMarkers, Lexis>();
function lexisOf(markers: GrammarMarkers): Lexis {
	let lexis = LEXES.get(markers);
	if (!lexis) LEXES.set(markers, (lexis = new Lexis(markers)));
	return lexis;
}

function isParticiple(word: string): boolean {
	return (
		GE_PARTICIPLE.test(word) ||
		PARTICLE_PARTICIPLE.test(word) ||
		INSEPARABLE_PARTICIPLE.test(word) ||
		IERT.test(word)
	);
}

/**
 * The verb forms in one clause. German puts the participle and the infinitive at the end of the
 * clause, so only the last three words are read for them: that keeps "Ich habe Geburtstag
 * gefeiert" a Perfekt and "Sie hat einen bekannten Namen" not one. The present is every level's
 * and is not counted.
 */
export function clauseTenses(clause: readonly Token[], markers: GrammarMarkers): Counts<Tense> {
	const lx = lexisOf(markers);
	const counts: Counts<Tense> = {};
	for (const unit of coordinatedUnits(clause, lx)) merge(counts, unitTenses(unit, lx));
	return counts;
}

const COORDINATORS = new Set(['und', 'aber', 'oder', 'sondern', 'denn']);

/**
 * Main clauses joined without a comma ("Er war nett und hat mir Eier gegeben") are read apart, so
 * one's "war" and the other's participle do not make a pluperfect. A coordinator starts a new unit
 * only when a finite verb or a pronoun follows it: "Brot und Käse gekauft" stays one.
 */
function coordinatedUnits(clause: readonly Token[], lx: Lexis): Token[][] {
	const words = clause.filter((t) => t.kind === 'word');
	const units: Token[][] = [[]];
	words.forEach((t, i) => {
		const next = words[i + 1]?.lower ?? '';
		if (COORDINATORS.has(t.lower) && i > 0 && (lx.finite.has(next) || PERSONAL.has(next))) {
			units.push([]);
		} else units[units.length - 1].push(t);
	});
	return units.filter((u) => u.length > 0);
}

function merge(into: Counts<Tense>, from: Counts<Tense>): void {
	for (const [key, n] of Object.entries(from) as [Tense, number][]) {
		into[key] = (into[key] ?? 0) + n;
	}
}

function unitTenses(words: readonly Token[], lx: Lexis): Counts<Tense> {
	const counts: Counts<Tense> = {};
	const lower = words.map((t) => t.lower);
	const tail = words.slice(-3).filter((t) => t.text === t.lower);
	const participle = tail.some((t) => isParticiple(t.lower));
	const infinitive = tail.some((t) => INFINITIVE.test(t.lower));
	const has = (set: Set<string>) => lower.some((w) => set.has(w));
	const passive = (has(lx.become) || has(lx.becomePast)) && participle;
	const subjunctive2Past =
		(lower.some((w) => lx.hatte.has(w)) && participle) ||
		(lower.some((w) => lx.hatte.has(w)) &&
			lower.length > 2 &&
			MODAL_INFINITIVES.has(lower[lower.length - 1]) &&
			INFINITIVE.test(lower[lower.length - 2]));
	if (passive) add(counts, 'passive');
	if (subjunctive2Past) add(counts, 'subjunctive-2-past');
	else if (lower.some((w) => lx.subjunctive2.has(w))) add(counts, 'subjunctive-2');
	if (!passive && !subjunctive2Past && participle) {
		if (has(lx.beHavePast)) add(counts, 'pluperfect');
		else if (has(lx.have) || has(lx.be)) add(counts, 'perfect');
	}
	if (!participle && has(lx.beHavePast)) add(counts, 'preterite-be-have');
	if (!passive && has(lx.become) && infinitive && !participle) add(counts, 'future');
	if (has(lx.modalPast)) add(counts, 'preterite-modal');
	lower.forEach((w, i) => {
		if (lx.subjunctive1.has(w)) add(counts, 'subjunctive-1');
		else if (
			(w === 'habe' || w === 'werde') &&
			(lx.thirdPerson.has(lower[i - 1] ?? '') || lx.thirdPerson.has(lower[i + 1] ?? ''))
		) {
			add(counts, 'subjunctive-1');
		}
		if (lx.strongPast.has(w) && !(passive && lx.becomePast.has(w))) add(counts, 'preterite');
		else if (isWeakPast(words, i, lx)) add(counts, 'preterite');
	});
	return counts;
}

/**
 * A weak Präteritum ("spielte", "erzählten"): an -te form that is not a known look-alike, next to
 * a personal pronoun or after a noun (its subject). Adjectives in -te ("die gute Idee") follow an
 * article instead, so they are not caught.
 */
function isWeakPast(words: readonly Token[], i: number, lx: Lexis): boolean {
	const t = words[i];
	if (t.text !== t.lower || !WEAK_PAST.test(t.lower) || lx.notPreterite.has(t.lower)) return false;
	if (lx.finite.has(t.lower)) return false;
	const before = words[i - 1];
	const after = words[i + 1];
	// "…, weil ich arbeiten möchte": an infinitive before a finite verb.
	if (after !== undefined && lx.finite.has(after.lower) && !PERSONAL.has(before?.lower ?? '')) {
		return false;
	}
	return (
		(before !== undefined && PERSONAL.has(before.lower)) ||
		(after !== undefined && PERSONAL.has(after.lower)) ||
		(before !== undefined && !before.initial && before.text !== before.lower)
	);
}

/** The clause types in one sentence (its clauses as the tokenizer split them at commas). */
export function sentenceClauses(
	clauses: readonly (readonly Token[])[],
	markers: GrammarMarkers
): Counts<Clause> {
	const lx = lexisOf(markers);
	const counts: Counts<Clause> = {};
	const all = clauses.flat().map((t) => t.lower);
	clauses.forEach((clause, c) => {
		const tokens = clause.filter((t) => t.kind === 'word');
		const words = tokens.map((t) => t.lower);
		if (words.length === 0) return;
		const afterComma = c > 0;
		const first = words[0];
		// A clause fronted before the main clause is followed by a comma.
		const opens = afterComma || clauses.length > 1;
		const kind = lx.subordinator.get(first);
		if (kind && (!AMBIGUOUS.has(first) || opens) && words.length >= 3) add(counts, kind);
		else if (afterComma && W_WORDS.has(first) && !lx.relative.has(first)) {
			add(counts, 'subordinate-basic');
		} else if (afterComma && isRelative(tokens, lx)) add(counts, 'relative');
		else if (afterComma && W_WORDS.has(first)) add(counts, 'subordinate-basic');
		if (isInfinitiveClause(words, lx)) add(counts, 'infinitive');
		for (let i = 1; i < words.length - 1; i++) {
			const next = words[i + 1];
			const coordinate = ['und', 'aber', 'oder', 'denn', 'sondern'].includes(words[i]);
			if (coordinate && lx.finite.has(next)) add(counts, 'coordinate');
		}
		if (afterComma && ['aber', 'denn', 'sondern', 'doch'].includes(first))
			add(counts, 'coordinate');
	});
	for (const [a, b] of markers.correlatives) {
		const i = all.indexOf(a);
		if (i >= 0 && all.indexOf(b, i + 1) > i) add(counts, 'correlative');
	}
	const flat = clauses.flat();
	for (let i = 0; i < flat.length; i++) {
		if (DETERMINERS.has(flat[i].lower) && isExtendedAttribute(flat, i)) {
			add(counts, 'participial');
		}
	}
	return counts;
}

function isRelative(words: readonly Token[], lx: Lexis): boolean {
	const [first, second, third] = words;
	// A relative clause ends with its verb; "…, der Zug hat Verspätung" ends with a noun.
	const last = words[words.length - 1];
	if (last.text !== last.lower) return false;
	if (lx.relative.has(first.lower) && !W_WORDS.has(first.lower)) {
		// "…, das hast du verdient" is a main clause: its verb comes second.
		return second !== undefined && !lx.finite.has(second.lower) && second.text === second.lower;
	}
	return (
		PREPOSITIONS.has(first.lower) &&
		RELATIVE_AFTER_PREPOSITION.has(second?.lower ?? '') &&
		third !== undefined &&
		!lx.finite.has(third.lower)
	);
}

function isInfinitiveClause(words: readonly string[], lx: Lexis): boolean {
	const last = words[words.length - 1];
	if (ZU_INFIX.test(last)) return true;
	const zu = words.lastIndexOf('zu');
	// "…, die Prüfung zu bestehen": zu and the infinitive end the clause ("zu meinen Eltern" does not).
	const zuInfinitive = zu >= 0 && zu === words.length - 2 && INFINITIVE.test(last);
	return zuInfinitive || (lx.infinitiveOpeners.has(words[0]) && zu > 0);
}

/** "die in der Studie befragten Lehrkräfte", "die zu erwartenden Kosten": article, phrase, participle, noun. */
function isExtendedAttribute(tokens: readonly Token[], i: number): boolean {
	const opener = tokens[i + 1];
	if (!opener || !(PREPOSITIONS.has(opener.lower) || opener.lower === 'zu')) return false;
	for (let j = i + 2; j <= i + 7 && j + 1 < tokens.length; j++) {
		const t = tokens[j];
		const noun = tokens[j + 1];
		if (t.text === t.lower && PARTICIPIAL_ADJECTIVE.test(t.lower) && noun.text !== noun.lower) {
			return opener.lower === 'zu' ? j === i + 2 : j > i + 2;
		}
	}
	return false;
}
