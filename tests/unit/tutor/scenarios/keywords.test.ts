import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	builtInScenarios,
	findBuiltIn,
	goalsMetByKeywords,
	usesKeyword
} from '$lib/tutor/scenarios';
import { foldWord, stemOf } from '$lib/tutor/scenarios/normalise';

describe('normalising learner words', () => {
	it('folds case, umlaut spellings and ß to one form', () => {
		expect(foldWord('Möchte')).toBe(foldWord('moechte'));
		expect(foldWord('möchte')).toBe(foldWord('MOCHTE'));
		expect(foldWord('Straße')).toBe(foldWord('Strasse'));
		expect(foldWord('Größe')).toBe(foldWord('groesse'));
		expect(foldWord('café')).toBe('cafe');
	});

	it('strips one inflection ending only where a safe stem remains', () => {
		expect(stemOf(foldWord('bestelle'))).toBe(stemOf(foldWord('bestellen')));
		expect(stemOf(foldWord('bestellst'))).toBe('bestell');
		expect(stemOf('bar')).toBe('bar');
		expect(stemOf('tisch')).toBe('tisch');
	});
});

describe('the keyword judge', () => {
	const bakery = findBuiltIn('de-baeckerei')!;

	it.each([
		['Ich hätte gern zwei Brötchen.', ['order']],
		['ich haette gern zwei broetchen', ['order']],
		['Ich nehme drei Vollkornbrötchen und eine Brezel.', ['order']],
		['Was kostet das Croissant?', ['price']],
		['Wie viel kostet eine Brezel? Ich zahle mit Karte.', ['order', 'price', 'pay']],
		['Kann ich bar bezahlen?', ['pay']]
	])('meets goals in "%s"', (sentence, goals) => {
		expect(goalsMetByKeywords(bakery.goals, sentence)).toEqual(goals);
	});

	it.each([
		'Guten Morgen!',
		'Das Wetter ist schön heute.',
		'Ich habe keine Zeit.',
		// "Barbara" is not "bar", "Kartoffel" is not "Karte".
		'Barbara isst gern Kartoffeln.'
	])('meets no goal in "%s"', (sentence) => {
		expect(goalsMetByKeywords(bakery.goals, sentence)).toEqual([]);
	});

	it('matches a phrase in order within one sentence, with small gaps only', () => {
		expect(usesKeyword('Ich hätte sehr gern ein Brot.', 'ich hätte gern')).toBe(true);
		expect(usesKeyword('Gern. Ich hätte es gewusst.', 'ich hätte gern')).toBe(false);
		expect(usesKeyword('Gern hätte ich ein Brot.', 'ich hätte gern')).toBe(false);
		expect(
			usesKeyword('Ich bin heute wirklich sehr sehr müde und hätte gern Kaffee.', 'ich gern')
		).toBe(false);
	});

	it('treats a trailing * as a prefix, and hyphens as word breaks', () => {
		expect(usesKeyword('Wo ist der Pfandautomat?', 'pfand*')).toBe(true);
		expect(usesKeyword('Wo ist der Automat?', 'pfand*')).toBe(false);
		expect(usesKeyword('Bekomme ich eine EC-Karte?', 'ec karte')).toBe(true);
		expect(usesKeyword('Haben Sie Online-Banking?', 'online banking')).toBe(true);
	});

	it('is tolerant of inflected verbs and plural nouns', () => {
		const office = findBuiltIn('de-buergeramt-anmeldung')!;
		expect(goalsMetByKeywords(office.goals, 'Ich will mich anmelden.')).toContain('reason');
		expect(goalsMetByKeywords(office.goals, 'Hier sind meine Unterlagen.')).toContain('documents');
		const post = findBuiltIn('de-post')!;
		expect(goalsMetByKeywords(post.goals, 'Ich schicke ein Paket nach Polen.')).toContain('parcel');
		expect(goalsMetByKeywords(post.goals, 'Zehn Briefmarken, bitte.')).toContain('stamps');
	});

	it('reads a 20,000-character message without trouble', () => {
		const long = `${'Das ist ein langer Satz ohne Ziel. '.repeat(580)}Was kostet das?`;
		expect(long.length).toBeGreaterThan(20_000);
		expect(goalsMetByKeywords(bakery.goals, long)).toEqual(['price']);
	});
});

describe('keywords that are everyday words too', () => {
	const ticket = findBuiltIn('de-bahnticket')!;

	it('count the fare, not the adverb', () => {
		expect(goalsMetByKeywords(ticket.goals, 'Eine einfache Fahrt, bitte.')).toContain('ticket');
		expect(goalsMetByKeywords(ticket.goals, 'Das ist einfach zu teuer.')).not.toContain('ticket');
	});
});

describe('the keyword judge on a learner sentence for every goal of the library', () => {
	const sentences = JSON.parse(
		readFileSync('tests/fixtures/tutor/scenarios/learner-sentences.json', 'utf8')
	) as { positive: Record<string, Record<string, string>>; negative: string[] };
	const library = builtInScenarios('de');

	it('has a sentence for every goal', () => {
		for (const scenario of library)
			expect(Object.keys(sentences.positive[scenario.id] ?? {}), scenario.id).toEqual(
				scenario.goals.map((goal) => goal.id)
			);
	});

	it('ticks each goal by its sentence', () => {
		const missed = library.flatMap((scenario) =>
			scenario.goals
				.filter(
					(goal) =>
						!goalsMetByKeywords(scenario.goals, sentences.positive[scenario.id][goal.id]).includes(
							goal.id
						)
				)
				.map((goal) => `${scenario.id}/${goal.id}`)
		);
		expect(missed).toEqual([]);
	});

	it('ticks no goal of any scenario on everyday replies', () => {
		const ticked = library.flatMap((scenario) =>
			sentences.negative.flatMap((sentence) =>
				goalsMetByKeywords(scenario.goals, sentence).map(
					(goal) => `${scenario.id}/${goal}: ${sentence}`
				)
			)
		);
		expect(ticked).toEqual([]);
	});
});
