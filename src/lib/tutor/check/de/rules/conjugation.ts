import type { Finding } from '../../finding';
import { matchCase, type Token } from '../../tokens';
import {
	DIRECTIONAL,
	HABEN_PARTICIPLES,
	MOTION_PARTICIPLES,
	PLEASE_OBJECTS,
	SEIN_PARTICIPLES,
	SUBORDINATORS,
	COORDINATORS,
	determiner
} from '../data/words';
import {
	clauseEnd,
	isClauseBreak,
	isClauseStart,
	isWord,
	lower,
	pronounPersons,
	type GermanContext
} from '../context';
import type { Person } from '../lexicon';

/** Words that look like verb forms of rare verbs but follow a pronoun as something else. */
const NOT_VERBS = new Set([
	'alle',
	'allen',
	'auch',
	'nicht',
	'noch',
	'schon',
	'nur',
	'mal',
	'gern',
	'gerne',
	'selbst',
	'allein',
	'zusammen',
	'viel',
	'sehr',
	'leider',
	'heute',
	'morgen',
	'dann',
	'hier',
	'da',
	'jetzt',
	'immer'
]);

/** The one form of the verb at `verb` for `person`, keeping its tense; undefined when unsure. */
function formFor(ctx: GermanContext, verb: Token, person: Person): string | undefined {
	const readings = ctx.lexicon.finite(verb.text.toLowerCase());
	const forms = new Set<string>();
	for (const r of readings) {
		const form = ctx.lexicon.conjugate(r.lemma, r.tense, person);
		if (form) forms.add(form);
	}
	return forms.size === 1 ? [...forms][0] : undefined;
}

function disagrees(ctx: GermanContext, verb: Token | undefined, persons: Person[]): verb is Token {
	if (!isWord(verb) || NOT_VERBS.has(lower(verb)) || determiner(verb.text)) return false;
	const form = verb.text.toLowerCase();
	if (ctx.lexicon.finite(form).length === 0) return false;
	return !persons.some((p) => ctx.lexicon.agrees(form, p));
}

/** Subject–verb agreement where the pronoun and its verb stand side by side at a clause start. */
function agreement(ctx: GermanContext, sentence: Token[]): Finding[] {
	const findings: Finding[] = [];
	for (let i = 0; i < sentence.length - 1; i++) {
		if (!isClauseStart(sentence, i)) continue;
		if (SUBORDINATORS.has(lower(sentence[i]))) continue;
		// After "und"/"oder" a pronoun starts a new clause only if one has ended ("Sie ist Ärztin und
		// er …"); otherwise it is part of the subject ("Meine Freundin und ich gehen").
		const joined = COORDINATORS.has(lower(sentence[i - 1])) && sentence[i - 2]?.text !== ',';
		if (
			joined &&
			!sentence
				.slice(0, i - 1)
				.some((t) => isWord(t) && ctx.lexicon.finite(lower(t)).length > 0 && !determiner(t.text))
		) {
			continue;
		}
		// "ich gehen" (pronoun, verb) and "Haben du" (verb, pronoun).
		const pairs: [Token, Token, boolean][] = [
			[sentence[i], sentence[i + 1], false],
			[sentence[i + 1], sentence[i], true]
		];
		for (const [pronoun, verb, inverted] of pairs) {
			const persons = pronounPersons(pronoun, pronoun.index === 0);
			if (!persons || persons.length !== 1) continue;
			if (inverted && !(i === 0 || isClauseBreak(sentence[i - 1]))) continue;
			if (!inverted && verb.text !== verb.text.toLowerCase() && ctx.mode === 'typed') continue;
			if (!disagrees(ctx, verb, persons)) continue;
			const form = formFor(ctx, verb, persons[0]);
			if (!form) continue;
			const formal = pronoun.text === 'Sie' && pronoun.index > 0;
			findings.push({
				start: verb.start,
				end: verb.end,
				replacement: matchCase(verb.text, form),
				category: formal ? 'du-sie' : 'verb-conjugation',
				rule: formal ? 'du-sie.verb' : 'verb-conjugation.agreement',
				sure: true,
				vars: { subject: pronoun.text }
			});
		}
	}
	return findings;
}

/** "Frau Schmidt, kannst du …": whom the learner addresses as Herr/Frau gets "Sie". */
function formalAddress(ctx: GermanContext): Finding[] {
	const findings: Finding[] = [];
	let formal = false;
	for (const sentence of ctx.sentences) {
		for (let i = 0; i < sentence.length - 1; i++) {
			const title = sentence[i].text;
			if ((title === 'Herr' || title === 'Frau') && /^\p{Lu}/u.test(sentence[i + 1].text)) {
				const before = sentence[i - 1];
				const after = sentence[i + 2];
				const vocative =
					(i === 0 || before?.text === ',' || lower(before) === 'tag') &&
					(!after || after.text === ',' || after.text === '!' || after.text === '?');
				if (vocative) formal = true;
			}
		}
		if (!formal) continue;
		for (let i = 0; i < sentence.length; i++) {
			const token = sentence[i];
			const word = lower(token);
			if (word === 'du' && i > 0) {
				const verb = sentence[i - 1];
				const form =
					isWord(verb) && ctx.lexicon.agrees(lower(verb), 1) ? formFor(ctx, verb, 5) : undefined;
				if (!form) continue;
				findings.push({
					start: verb.start,
					end: token.end,
					replacement: `${matchCase(verb.text, form)} Sie`,
					category: 'du-sie',
					rule: 'du-sie.formal',
					sure: true
				});
			} else if (word === 'dir' || word === 'dich') {
				findings.push({
					start: token.start,
					end: token.end,
					replacement: word === 'dir' ? 'Ihnen' : 'Sie',
					category: 'du-sie',
					rule: 'du-sie.formal',
					sure: true
				});
			}
		}
	}
	return findings;
}

/** The perfect's auxiliary: "sein" for motion and change of state, "haben" otherwise. */
function auxiliary(ctx: GermanContext, sentence: Token[]): Finding[] {
	const findings: Finding[] = [];
	let start = 0;
	while (start < sentence.length) {
		const end = clauseEnd(sentence, start + 1);
		const clause = sentence.slice(start, end).filter(isWord);
		start = end + 1;
		const auxIndex = clause.findIndex((t) =>
			ctx.lexicon
				.finite(lower(t))
				.some((r) => (r.lemma === 'haben' || r.lemma === 'sein') && r.tense !== 'subjunctive')
		);
		if (auxIndex < 0) continue;
		const aux = clause[auxIndex];
		const last =
			clause[clause.length - 1] === aux ? clause[clause.length - 2] : clause[clause.length - 1];
		if (!last || last === aux) continue;
		const participle = lower(last);
		const readings = ctx.lexicon
			.finite(lower(aux))
			.filter((r) => r.lemma === 'haben' || r.lemma === 'sein');
		const lemma = readings[0].lemma;
		const words = clause.map(lower);
		let target: 'haben' | 'sein' | undefined;
		if (lemma === 'haben') {
			const motion =
				MOTION_PARTICIPLES.has(participle) &&
				words.some((w) => DIRECTIONAL.has(w)) &&
				!words.some((w) => ['den', 'einen', 'das', 'ein'].includes(w));
			const pleased = participle === 'gefallen' && words.some((w) => PLEASE_OBJECTS.has(w));
			if ((SEIN_PARTICIPLES.has(participle) && !pleased) || motion) target = 'sein';
		} else if (
			HABEN_PARTICIPLES.has(participle) &&
			words.some((w) => ['ich', 'du', 'wir', 'ihr'].includes(w))
		) {
			target = 'haben';
		}
		if (!target) continue;
		const forms = new Set<string>();
		for (const r of readings) {
			for (const p of r.persons) {
				const form = ctx.lexicon.conjugate(target, r.tense, p);
				if (form) forms.add(form);
			}
		}
		if (forms.size !== 1) continue;
		findings.push({
			start: aux.start,
			end: aux.end,
			replacement: matchCase(aux.text, [...forms][0]),
			category: 'auxiliary',
			rule: target === 'sein' ? 'auxiliary.sein' : 'auxiliary.haben',
			sure: true,
			vars: { participle: last.text }
		});
	}
	return findings;
}

export function conjugationRule(ctx: GermanContext): Finding[] {
	return [
		...formalAddress(ctx),
		...ctx.sentences.flatMap((sentence) => [
			...agreement(ctx, sentence),
			...auxiliary(ctx, sentence)
		])
	];
}
