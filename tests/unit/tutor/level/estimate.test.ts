import { describe, expect, it } from 'vitest';
import { estimateLevel, UnsupportedLanguageError, wordRank } from '$lib/tutor/level/estimate';
import { lexicon } from '$lib/tutor/level/lexicon';
import { stemGerman } from '$lib/tutor/level/de/stem';

const de = { language: 'de' };
const estimate = (text: string) => estimateLevel(text, de);

describe('the level estimator on texts of known level', () => {
	it('rates a beginner’s short present-tense sentences A1', () => {
		const result = estimate(
			'Ich heiße Maria. Ich wohne in Wien. Ich habe einen Bruder. Er ist zehn.'
		);
		expect(result.level).toBe('A1');
		expect(result.score).toBeLessThan(1.5);
	});

	it('rates a narrative with weil/dass and modal verbs in the past A2 or B1, not higher', () => {
		const result = estimate(
			'Gestern wollte ich ins Kino gehen, aber ich hatte keine Zeit. Ich glaube, dass der Film gut ist. Ich gehe am Sonntag, weil ich dann frei habe.'
		);
		expect(['A2', 'B1']).toContain(result.level);
	});

	it('rates formal, nominal writing C1 or C2', () => {
		const result = estimate(
			'Ungeachtet der anhaltenden Kritik hält die Landesregierung an ihrem umstrittenen Bauvorhaben fest. Die Befürworter verweisen auf die zu erwartenden Arbeitsplätze, wohingegen Umweltverbände vor irreversiblen Schäden für das angrenzende Naturschutzgebiet warnen.'
		);
		expect(['C1', 'C2']).toContain(result.level);
		expect(result.features.clauses['subordinate-formal']).toBe(1);
		expect(result.features.clauses.participial).toBe(1);
	});

	it('orders texts of rising difficulty by score', () => {
		const scores = [
			'Das ist mein Haus. Es ist groß.',
			'Ich lerne Deutsch, weil ich in Berlin arbeiten möchte. Der Kurs ist am Montag.',
			'Das Buch, das du mir empfohlen hast, habe ich endlich gelesen. Obwohl es lang war, fand ich es spannend.',
			'Hätte ich früher gewusst, wie aufwendig die Renovierung werden würde, hätte ich einen Fachmann beauftragt.'
		].map((text) => estimate(text).score);
		expect(scores).toEqual([...scores].sort((a, b) => a - b));
	});

	it('is deterministic and cheap on an empty text', () => {
		expect(estimate('')).toMatchObject({ level: 'A1', score: 1, features: { words: 0 } });
		const text = 'Wir fahren morgen mit dem Zug nach Hamburg.';
		expect(estimate(text)).toEqual(estimate(text));
	});

	it('rates a 20,000-character message and nonsense without failing', () => {
		const long = 'Ich wohne seit drei Jahren in Köln und arbeite bei einer Bank. '.repeat(320);
		expect(long.length).toBeGreaterThan(20_000);
		expect(estimate(long)).toMatchObject({ level: 'A2', features: { sentences: 320 } });
		const noise = estimate(`${'x'.repeat(500)} qwrtzpsdfghjkl!!! 12345 ???`);
		expect(noise.features.offList).toBe(1);
		expect(noise.score).toBeGreaterThanOrEqual(1);
	});

	it('says clearly when a language has no word list', () => {
		expect(() => estimateLevel('Bonjour', { language: 'fr' })).toThrow(UnsupportedLanguageError);
		expect(() => estimateLevel('Bonjour', { language: 'fr' })).toThrow(/only German/);
	});
});

describe('features', () => {
	it('counts sentences, words and the longest sentence', () => {
		const f = estimate(
			'Ich bin müde. Heute habe ich viel gearbeitet und wenig geschlafen!'
		).features;
		expect(f).toMatchObject({ sentences: 2, words: 11, longestSentenceWords: 8 });
		expect(f.meanSentenceWords).toBe(5.5);
	});

	it('does not end a sentence at an abbreviation', () => {
		expect(estimate('Ich mag Obst, z. B. Äpfel und Birnen.').features.sentences).toBe(1);
	});

	it('finds subordinate clauses and tells them from prepositions and comparisons', () => {
		const f = (text: string) => estimate(text).features;
		expect(f('Ich bleibe zu Hause, weil es regnet.').clauses['subordinate-basic']).toBe(1);
		expect(f('Als ich nach Deutschland kam, verstand ich nichts.').clauses.subordinate).toBe(1);
		expect(f('Als Kind konnte ich nicht schwimmen.').clauses.subordinate).toBeUndefined();
		expect(f('Mein Bruder ist älter als ich.').clauses.subordinate).toBeUndefined();
		expect(f('Ich warte bis morgen.').clauses.subordinate).toBeUndefined();
		expect(f('Ich warte, bis du kommst.').clauses.subordinate).toBe(1);
		expect(f('Ich weiß nicht, wo der Bahnhof ist.').clauses['subordinate-basic']).toBe(1);
		expect(f('Ich rufe dich an, sobald ich zu Hause bin.').subordinateClauses).toBe(1);
	});

	it('finds relative clauses but not a main clause after a comma', () => {
		const clauses = (text: string) => estimate(text).features.clauses;
		expect(clauses('Das Buch, das ich lese, ist spannend.').relative).toBe(1);
		expect(clauses('Das ist die Firma, in der ich arbeite.').relative).toBe(1);
		expect(clauses('Oh nein, der Zug hat Verspätung!').relative).toBeUndefined();
		expect(clauses('Gönn dir eine Pause, das hast du dir verdient.').relative).toBeUndefined();
	});

	it('finds infinitive clauses and paired connectors', () => {
		const clauses = (text: string) => estimate(text).features.clauses;
		expect(clauses('Ich lerne jeden Tag, um die Prüfung zu bestehen.').infinitive).toBe(1);
		expect(clauses('Ich habe vergessen, die Tür abzuschließen.').infinitive).toBe(1);
		expect(clauses('Ich gehe zu meinen Eltern.').infinitive).toBeUndefined();
		expect(clauses('Je mehr ich lese, desto mehr verstehe ich.').correlative).toBe(1);
	});

	it('finds the tenses', () => {
		const tenses = (text: string) => estimate(text).features.tenses;
		expect(tenses('Ich habe gestern Pizza gegessen.')).toEqual({ perfect: 1 });
		expect(tenses('Wir sind nach Berlin gefahren.')).toEqual({ perfect: 1 });
		expect(tenses('Der Film war gut.')).toEqual({ 'preterite-be-have': 1 });
		expect(tenses('Ich konnte nicht kommen.')).toEqual({ 'preterite-modal': 1 });
		expect(tenses('Er ging nach Hause und sie spielte Klavier.')).toEqual({ preterite: 2 });
		expect(tenses('Ich möchte einen Kaffee, bitte.')).toEqual({});
		expect(tenses('Das Schwimmbad wird gerade gebaut.')).toEqual({ passive: 1 });
		expect(tenses('Das Museum wurde 1990 eröffnet.')).toEqual({ passive: 1 });
		expect(tenses('Ich werde morgen arbeiten.')).toEqual({ future: 1 });
		expect(tenses('Ich würde gern nach Italien fahren.')).toEqual({ 'subjunctive-2': 1 });
		expect(tenses('Nachdem wir gegessen hatten, gingen wir.')).toMatchObject({ pluperfect: 1 });
		expect(tenses('Das hätte ich nicht gedacht.')).toEqual({ 'subjunctive-2-past': 1 });
		expect(tenses('Er sagt, er habe keine Zeit.')).toEqual({ 'subjunctive-1': 1 });
		expect(tenses('Sie meint, das sei zu teuer.')).toEqual({ 'subjunctive-1': 1 });
	});

	it('does not take an adjective, an infinitive or a present in -te/-ten/-tet for a past tense', () => {
		expect(estimate('Das ist die beste Idee.').features.tenses).toEqual({});
		expect(estimate('Ich habe eine gute Freundin.').features.tenses).toEqual({});
		expect(estimate('Ich lerne, weil ich in Deutschland arbeiten möchte.').features.tenses).toEqual(
			{}
		);
		expect(estimate('Die Miete kostet 900 Euro.').features.tenses).toEqual({});
	});

	it('reads main clauses joined by "und" apart', () => {
		expect(estimate('Er war nett und hat mir Eier gegeben.').features.tenses).toEqual({
			'preterite-be-have': 1,
			perfect: 1
		});
		expect(estimate('Ich habe Brot und Käse gekauft.').features.tenses).toEqual({ perfect: 1 });
	});

	it('puts common words in low bands, rare ones high, and names in none', () => {
		const f = estimate('Ich habe Zeit.').features;
		expect(f.lexicalBands.A1).toBe(1);
		const rare = estimate('Die Akribie des Gutachters verdient Anerkennung.').features;
		expect(rare.lexicalBands.C2).toBeGreaterThan(0);
		expect(estimate('Hallo Anna!').features.offList).toBe(0);
	});

	it('ranks inflected forms by their stem and compounds by their rarest part', () => {
		const words = lexicon('de');
		if (!words) throw new Error('no German lexicon');
		expect(wordRank('häuser', words)).toBe(wordRank('haus', words));
		expect(wordRank('gegessen', words)).toBeLessThan(1000);
		// Not in the list itself, but both parts are (the linking -s dropped).
		expect(words.rank(words.stem('bahnhofsbäckerei'))).toBeUndefined();
		const compound = wordRank('bahnhofsbäckerei', words);
		expect(compound).toBeDefined();
		expect(compound).toBe(
			Math.max(wordRank('bahnhof', words) ?? 0, wordRank('bäckerei', words) ?? 0)
		);
		expect(wordRank('xqzvlk', words)).toBeUndefined();
	});
});

describe('the German stemmer (CISTEM)', () => {
	it('folds case, umlauts, ß and accents and strips endings', () => {
		expect(stemGerman('Häuser')).toBe(stemGerman('Haus'));
		expect(stemGerman('Straße')).toBe(stemGerman('strasse'));
		expect(stemGerman('Café')).toBe(stemGerman('cafe'));
		expect(stemGerman('Kinder')).toBe('kind');
		expect(stemGerman('gekommen')).toBe(stemGerman('kommen'));
		expect(stemGerman('gut')).toBe('gut');
	});
});
