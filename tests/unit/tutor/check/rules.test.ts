import { beforeAll, describe, expect, it } from 'vitest';
import type { TextChecker } from '$lib/tutor/check/checker';
import { createNodeChecker } from '$lib/tutor/check/node';
import type { CorrectionCategory, InputMode } from '$lib/tutor/types';

// The real German dictionary and lexicon, loaded once for the file.
let checker: TextChecker;
beforeAll(async () => {
	checker = await createNodeChecker('de');
}, 30_000);

const check = (text: string, mode: InputMode = 'typed') => checker.check(text, { mode });
/** The sure edits as "original → replacement (category)". */
const edits = (text: string, mode: InputMode = 'typed') =>
	check(text, mode).edits.map((e) => `${e.original} → ${e.replacement} (${e.category})`);
const nothing = (text: string, mode: InputMode = 'typed') => {
	const result = check(text, mode);
	expect(
		[...result.edits, ...result.flags].map((e) => `${e.original} (${e.rule})`),
		text
	).toEqual([]);
	expect(result.corrected).toBe(text);
};

describe('spelling', () => {
	it('corrects a typical slip and leaves the rest', () => {
		expect(edits('Ich trinke jeden Morgen einen Kafee.')).toEqual(['Kafee → Kaffee (spelling)']);
		expect(edits('Wir treffen uns vor dem Bahnhoff.')).toEqual(['Bahnhoff → Bahnhof (spelling)']);
	});

	it('flags a misspelling it cannot correct with certainty', () => {
		const result = check('Der Kühlschrank ist ganz xqzt.');
		expect(result.edits).toEqual([]);
		expect(result.flags.map((f) => [f.original, f.category, f.rule])).toEqual([
			['xqzt', 'spelling', 'spelling.unknown']
		]);
	});

	it('accepts compounds, proper names and nominalised verbs', () => {
		nothing('Das Kinderzimmer ist zu klein für zwei Betten.');
		nothing('Die Fahrradwerkstatt am Bahnhofsvorplatz hat samstags geschlossen.');
		nothing('Herr Müller kommt morgen aus Frankfurt.');
		nothing('Frau Yilmaz arbeitet im Klinikum Großhadern.');
		nothing('Das Essen war gut, und beim Laufen höre ich Musik.');
		nothing('Frau Dr. Kaya hat heute z. B. keine Sprechstunde.');
	});

	it('restores missing umlauts, also written as ae/oe/ue', () => {
		expect(edits('Das Madchen heißt Anna.')).toEqual(['Madchen → Mädchen (umlaut)']);
		expect(edits('Ich lerne Deutsch fuer meine Arbeit.')).toEqual(['fuer → für (umlaut)']);
	});

	it('attaches an explanation from the templates, in German or English', () => {
		const [edit] = check('Das Madchen heißt Anna.').edits;
		expect(edit.explanation).toEqual({ text: '"Mädchen" is written with an umlaut.', lang: 'en' });
		const [de] = checker.check('Das Madchen heißt Anna.', { mode: 'typed', explain: 'de' }).edits;
		expect(de.explanation).toEqual({ text: '„Mädchen“ schreibt man mit Umlaut.', lang: 'de' });
		expect(edit).toMatchObject({ start: 4, end: 11, layer: 'rules', rule: 'umlaut.missing' });
	});
});

describe('capitalisation', () => {
	it('capitalises a lower-case noun, also one Hunspell knows as another word after an article', () => {
		expect(edits('Ich habe einen hund und zwei Katzen.')).toEqual(['hund → Hund (capitalisation)']);
		expect(edits('Ich habe heute keine zeit.')).toEqual(['zeit → Zeit (capitalisation)']);
	});

	it('lower-cases a capitalised word that is no noun', () => {
		expect(edits('Ich gehe Heute ins Kino.')).toEqual(['Heute → heute (capitalisation)']);
	});

	it('leaves sentence-initial adjectives, nominalisations, formal address and names alone', () => {
		nothing('Schön, dass du da bist!');
		nothing('Neue Schuhe brauche ich nicht.');
		nothing('Interessant finde ich vor allem die Geschichte der Stadt.');
		nothing('Das Wichtigste ist, dass du gesund bist.');
		nothing('Ich wünsche dir alles Gute zum Geburtstag!');
		nothing('Frau Schneider, können Sie mir bitte helfen?');
		nothing('Ich gehe jetzt nach Hause.');
		nothing('Ich will das essen.');
	});

	it('never checks capitals or punctuation in spoken input', () => {
		nothing('ich habe einen hund und eine katze', 'spoken');
		nothing('wir treffen uns um acht am bahnhof', 'spoken');
		nothing('äh ich hab äh keine Zeit heute', 'spoken');
		// …but its grammar still is.
		expect(edits('gestern ich bin ins kino gegangen', 'spoken')).toEqual([
			'ich bin → bin ich (verb-position)'
		]);
	});
});

describe('article gender and case', () => {
	it('corrects an article that fits the noun in no case', () => {
		expect(edits('Die Tisch ist sehr alt.')).toEqual(['Die → Der (article-gender)']);
		expect(edits('Ich lese eine Buch über Geschichte.')).toEqual(['eine → ein (article-gender)']);
		expect(edits('Ich brauche eine Regenschirm.')).toEqual(['eine → einen (article-gender)']);
	});

	it('uses the case the verb or preposition demands', () => {
		expect(edits('Ich suche der Bahnhof.')).toEqual(['der → den (case)']);
		expect(edits('Ich fahre mit der Bus.')).toEqual(['der → dem (case)']);
		expect(edits('Das Geschenk ist für mein Vater.')).toEqual(['mein → meinen (case)']);
	});

	it('accepts plurals, datives, genitives, topicalised objects and relative pronouns', () => {
		nothing('Die Lehrer an meiner Schule sind sehr nett.');
		nothing('Der Frau gefällt das Kleid.');
		nothing('Den Film habe ich schon gesehen.');
		nothing('Das Auto meines Vaters ist alt.');
		nothing('Dem Kind geht es wieder besser.');
		nothing('Ich gebe der Frau das Buch.');
		nothing('Das ist die Frau, die Kaffee trinkt.');
	});

	it('never judges nouns with two genders or nominalised infinitives', () => {
		nothing('Der Joghurt ist abgelaufen.');
		nothing('Das Joghurt ist abgelaufen.');
		nothing('Hast du die E-Mail gelesen?');
		nothing('Der Teil, den ich nicht verstehe, ist die Grammatik.');
		nothing('Der Wagen steht vor dem Haus.');
	});
});

describe('verb position', () => {
	it('puts the verb second after a fronted adverb or phrase', () => {
		expect(edits('Gestern ich habe Fußball gespielt.')).toEqual([
			'ich habe → habe ich (verb-position)'
		]);
		expect(edits('Am Wochenende ich besuche meine Oma.')).toEqual([
			'ich besuche → besuche ich (verb-position)'
		]);
	});

	it('puts the verb last after weil, dass, ob, wenn…, joining a separable particle', () => {
		expect(edits('Ich bleibe zu Hause, weil ich bin krank.')).toEqual([
			'bin krank → krank bin (verb-position)'
		]);
		expect(edits('Ich bin müde, weil ich stehe jeden Tag um fünf Uhr auf.')).toEqual([
			'stehe jeden Tag um fünf Uhr auf → jeden Tag um fünf Uhr aufstehe (verb-position)'
		]);
	});

	it('closes the verb bracket', () => {
		expect(edits('Ich habe gegessen eine Pizza.')).toEqual([
			'gegessen eine Pizza → eine Pizza gegessen (verb-position)'
		]);
	});

	it('leaves correct orders alone', () => {
		nothing('Weil ich müde war, bin ich früh ins Bett gegangen.');
		nothing('Ich weiß nicht, ob sie heute kommt.');
		nothing('Morgen muss ich früh aufstehen.');
		nothing('Ich glaube, dass sie kommen will.');
		nothing('Ich bin gegangen, weil es spät war.');
	});
});

describe('agreement, auxiliaries, du/Sie, false friends', () => {
	it('conjugates the verb for its pronoun', () => {
		expect(edits('Er haben zwei Kinder.')).toEqual(['haben → hat (verb-conjugation)']);
		expect(edits('Sie ist Ärztin und er sind Lehrer.')).toEqual(['sind → ist (verb-conjugation)']);
		nothing('Meine Freundin und ich gehen heute Abend essen.');
	});

	it('chooses sein or haben for the perfect', () => {
		expect(edits('Ich habe nach Hause gegangen.')).toEqual(['habe → bin (auxiliary)']);
		expect(edits('Ich bin einen Kuchen gebacken.')).toEqual(['bin → habe (auxiliary)']);
		nothing('Es hat mir gut gefallen.');
		nothing('Ich habe das Auto in die Werkstatt gefahren.');
	});

	it('keeps to Sie with someone addressed as Herr or Frau', () => {
		expect(edits('Frau Schmidt, kannst du mir bitte helfen?')).toEqual([
			'kannst du → können Sie (du-sie)'
		]);
	});

	it('knows common false friends, kept as data', () => {
		expect(edits('Ich bekomme müde, wenn ich lange lerne.')).toEqual([
			'bekomme → werde (word-choice)'
		]);
		expect(edits('Ich habe 25 Jahre.')).toEqual(['habe 25 Jahre → bin 25 Jahre alt (word-choice)']);
		nothing('Ich bekomme morgen ein Paket.');
	});
});

describe('the result', () => {
	it('applies only sure edits, keeps offsets into the text and never overlaps', () => {
		const text = 'Gestern ich habe eine Auto gekauft, weil ich habe keine zeit.';
		const result = check(text);
		expect(result.corrected).toBe('Gestern habe ich ein Auto gekauft, weil ich keine Zeit habe.');
		for (const edit of result.edits) expect(text.slice(edit.start, edit.end)).toBe(edit.original);
		const spans = [...result.edits].sort((a, b) => a.start - b.start);
		spans.slice(1).forEach((e, i) => expect(e.start).toBeGreaterThanOrEqual(spans[i].end));
	});

	it('checks only the first 4,000 characters of a very long message, and keeps it whole', () => {
		const text = 'Ich habe einen hund. '.repeat(1000);
		const result = check(text);
		expect(result.text).toBe(text);
		expect(result.edits.length).toBeGreaterThan(100);
		expect(result.edits.every((e) => e.end <= 4000)).toBe(true);
		expect(result.corrected.endsWith('Ich habe einen hund. ')).toBe(true);
	});

	it('leaves links, addresses, codes and sentences in other languages alone', () => {
		nothing('Schau mal auf https://example.com/seite?x=1 nach.');
		nothing('Schreib an anna@example.com eine Nachricht.');
		nothing('Mein Passwort ist nicht l33t.');
		nothing('This is English and it should not be corrected at all.');
		nothing("C'est la vie, mon ami.");
	});

	it('returns nothing for empty input', () => {
		expect(check('')).toEqual({ text: '', corrected: '', edits: [], flags: [] });
	});

	it('uses only categories of the shared contract', () => {
		const categories = new Set<CorrectionCategory>();
		for (const text of [
			'Ich glaube dass er recht hat.',
			'Ich warte für den Bus.',
			'Ich habe nicht ein Auto.'
		]) {
			for (const edit of check(text).edits) categories.add(edit.category);
		}
		expect([...categories].sort()).toEqual(['comma', 'negation', 'preposition']);
	});
});
