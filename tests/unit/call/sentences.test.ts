import { describe, expect, it } from 'vitest';
import { SentenceSplitter, type SplitterOptions } from '$lib/call/sentences';
import { mulberry32 as seeded } from '../../../scripts/tiny-models/prng.mjs';

/** Feeds `chunks` into a fresh splitter and returns every sentence, flush included. */
function run(chunks: Iterable<string>, options?: SplitterOptions): string[] {
	const splitter = new SentenceSplitter(options);
	const out: string[] = [];
	for (const chunk of chunks) out.push(...splitter.push(chunk));
	out.push(...splitter.flush());
	return out;
}

/** Random-sized chunks of 1–8 UTF-16 code units: surrogate pairs may be cut in two. */
function* randomChunks(text: string, seed: number): Generator<string> {
	const random = seeded(seed);
	for (let i = 0; i < text.length;) {
		const size = 1 + Math.floor(random() * 8);
		yield text.slice(i, i + size);
		i += size;
	}
}

/** The sentences of `text`, after checking that every way of streaming it gives the same ones. */
function split(text: string, options?: SplitterOptions): string[] {
	const whole = run([text], options);
	expect(run([...text], options), 'one character at a time').toEqual(whole);
	expect(run(text.split(''), options), 'one UTF-16 code unit at a time').toEqual(whole);
	for (const seed of [1, 2, 3])
		expect(run(randomChunks(text, seed), options), `seed ${seed}`).toEqual(whole);
	return whole;
}

type Case = [text: string, sentences: string[]];

/** Every table case, for the test that streams them in random combinations. */
const allCases: Case[] = [];

function table(cases: Case[]): void {
	allCases.push(...cases);
	it.each(cases)('%j', (text, sentences) => {
		expect(split(text)).toEqual(sentences);
	});
}

describe('SentenceSplitter', () => {
	describe('sentence ends', () => {
		table([
			[
				'Hallo! Wie geht es dir? Mir geht es gut.',
				['Hallo!', 'Wie geht es dir?', 'Mir geht es gut.']
			],
			['Hello! How are you? I am fine.', ['Hello!', 'How are you?', 'I am fine.']],
			['Na ja… Vielleicht morgen.', ['Na ja…', 'Vielleicht morgen.']],
			['Well... Maybe tomorrow.', ['Well...', 'Maybe tomorrow.']],
			['Wirklich?! Das ist ja toll!', ['Wirklich?!', 'Das ist ja toll!']],
			['Really!? That is great.', ['Really!?', 'That is great.']],
			['Ja. Ich komme gleich.', ['Ja.', 'Ich komme gleich.']],
			['Wie bitte? 5 Leute?', ['Wie bitte?', '5 Leute?']],
			[
				'Hier sind drei Ideen:\nWir gehen spazieren.',
				['Hier sind drei Ideen:', 'Wir gehen spazieren.']
			],
			['Here is the plan:\nWe start at nine.', ['Here is the plan:', 'We start at nine.']],
			['Erstens das;\nzweitens jenes.', ['Erstens das;', 'zweitens jenes.']],
			['Achtung: Das ist wichtig.', ['Achtung: Das ist wichtig.']],
			['Es ist 10:30 Uhr. Gut.', ['Es ist 10:30 Uhr.', 'Gut.']],
			[
				'Erster Absatz ohne Punkt\n\nZweiter Absatz.',
				['Erster Absatz ohne Punkt', 'Zweiter Absatz.']
			],
			['First paragraph\r\n\r\nSecond one.', ['First paragraph', 'Second one.']],
			['Das ist ein langer\nSatz über zwei Zeilen.', ['Das ist ein langer Satz über zwei Zeilen.']],
			['Gut.\nUnd du?', ['Gut.', 'Und du?']]
		]);
	});

	describe('closing quotes and brackets', () => {
		table([
			['„Wirklich?“ fragte sie. Dann lachte sie.', ['„Wirklich?“ fragte sie.', 'Dann lachte sie.']],
			['Sie rief: „Komm her!“ Dann lief sie los.', ['Sie rief: „Komm her!“', 'Dann lief sie los.']],
			['„Ja“, sagte er. „Nein!“, rief sie.', ['„Ja“, sagte er.', '„Nein!“, rief sie.']],
			['"Really?" she asked. Then she laughed.', ['"Really?" she asked.', 'Then she laughed.']],
			['He shouted "Stop!" Nobody listened.', ['He shouted "Stop!"', 'Nobody listened.']],
			['«Wirklich?» Er nickte.', ['«Wirklich?»', 'Er nickte.']],
			['»Komm!« Sie kam.', ['»Komm!«', 'Sie kam.']],
			['(Das war ein Witz.) Jetzt im Ernst.', ['(Das war ein Witz.)', 'Jetzt im Ernst.']],
			['Das ist gut (wirklich!). Weiter.', ['Das ist gut (wirklich!).', 'Weiter.']],
			["She said 'fine.' Then she left.", ["She said 'fine.'", 'Then she left.']]
		]);
	});

	describe('German abbreviations are not ends', () => {
		table([
			[
				'Wir können z. B. ins Kino gehen. Oder ins Theater.',
				['Wir können z. B. ins Kino gehen.', 'Oder ins Theater.']
			],
			[
				'Wir können z.B. ins Kino gehen. Oder nicht.',
				['Wir können z.B. ins Kino gehen.', 'Oder nicht.']
			],
			['Z. B. Berlin ist schön. Hamburg auch.', ['Z. B. Berlin ist schön.', 'Hamburg auch.']],
			['Ich übe viel, d. h. jeden Tag. Du auch?', ['Ich übe viel, d. h. jeden Tag.', 'Du auch?']],
			['Ich übe viel, d.h. jeden Tag. Du auch?', ['Ich übe viel, d.h. jeden Tag.', 'Du auch?']],
			['Wir lernen u. a. Grammatik. Super.', ['Wir lernen u. a. Grammatik.', 'Super.']],
			['Wir lernen u.a. Grammatik. Super.', ['Wir lernen u.a. Grammatik.', 'Super.']],
			['Nimm Äpfel o. ä. Obst mit. Danke.', ['Nimm Äpfel o. ä. Obst mit.', 'Danke.']],
			['Siehe s. o. Kapitel zwei. Danke.', ['Siehe s. o. Kapitel zwei.', 'Danke.']],
			['Das gilt u. U. Auch für dich. Klar?', ['Das gilt u. U. Auch für dich.', 'Klar?']],
			['Das ist z. T. Richtig. Gut.', ['Das ist z. T. Richtig.', 'Gut.']],
			[
				'Ich treffe Dr. Müller und Prof. Schmidt. Sie sind nett.',
				['Ich treffe Dr. Müller und Prof. Schmidt.', 'Sie sind nett.']
			],
			['Fr. Meier kommt. Hr. Meier nicht.', ['Fr. Meier kommt.', 'Hr. Meier nicht.']],
			[
				'Das kostet ca. 5 Euro, inkl. Steuer. Okay?',
				['Das kostet ca. 5 Euro, inkl. Steuer.', 'Okay?']
			],
			['Es gibt Obst bzw. Gemüse. Lecker.', ['Es gibt Obst bzw. Gemüse.', 'Lecker.']],
			['Bring evtl. Kuchen mit. Oder ggf. Kekse.', ['Bring evtl. Kuchen mit.', 'Oder ggf. Kekse.']],
			['Ggf. Kommst du morgen. Oder nicht.', ['Ggf. Kommst du morgen.', 'Oder nicht.']],
			['Vgl. Kapitel 3. Das ist wichtig.', ['Vgl. Kapitel 3.', 'Das ist wichtig.']],
			['Wähle Nr. 5 bitte. Danke.', ['Wähle Nr. 5 bitte.', 'Danke.']],
			[
				'Er wohnt in der Hauptstr. 5 in Berlin. Schön.',
				['Er wohnt in der Hauptstr. 5 in Berlin.', 'Schön.']
			],
			['Er wohnt in der Goethe Str. Zehn. Schön.', ['Er wohnt in der Goethe Str. Zehn.', 'Schön.']],
			['Wir besuchen St. Pauli. Toll.', ['Wir besuchen St. Pauli.', 'Toll.']],
			[
				'Berlin hat ca. 3,7 Mio. Einwohner. Das ist viel.',
				['Berlin hat ca. 3,7 Mio. Einwohner.', 'Das ist viel.']
			],
			['Das kostet 2 Mrd. Euro. Teuer.', ['Das kostet 2 Mrd. Euro.', 'Teuer.']],
			['Im 19. Jh. Gab es Kriege. Leider.', ['Im 19. Jh. Gab es Kriege.', 'Leider.']],
			['Im 19. Jhd. gab es Kriege. Leider.', ['Im 19. Jhd. gab es Kriege.', 'Leider.']],
			['Lies Abs. 2 genau. Gut.', ['Lies Abs. 2 genau.', 'Gut.']],
			[
				'Das dauert 2 Std. Oder 120 Min. Oder 7200 Sek. Puh.',
				['Das dauert 2 Std. Oder 120 Min. Oder 7200 Sek. Puh.']
			],
			['Ruf an: Tel. 030 123456. Danke.', ['Ruf an: Tel. 030 123456.', 'Danke.']],
			[
				'Geöffnet Mo. Di. Mi. Sa. Fr. Bis 18 Uhr. Gut.',
				['Geöffnet Mo. Di. Mi. Sa. Fr. Bis 18 Uhr.', 'Gut.']
			],
			['Am Do. 12. Mai. Gut.', ['Am Do. 12. Mai.', 'Gut.']],
			['Am So. 12. Mai ist Muttertag. Schön.', ['Am So. 12. Mai ist Muttertag.', 'Schön.']],
			[
				'Am 3. Jan. 2026 geht es los. Freust du dich?',
				['Am 3. Jan. 2026 geht es los.', 'Freust du dich?']
			],
			['Im Feb. Oder Mär. Oder Apr. Gut.', ['Im Feb. Oder Mär. Oder Apr. Gut.']],
			['Im Aug. Sept. Okt. Nov. Dez. Gut.', ['Im Aug. Sept. Okt. Nov. Dez. Gut.']],
			['Im Jun. 2026 oder Jul. 2027. Gut.', ['Im Jun. 2026 oder Jul. 2027.', 'Gut.']],
			[
				'Äpfel, Birnen usw. sind gesund. Iss mehr davon!',
				['Äpfel, Birnen usw. sind gesund.', 'Iss mehr davon!']
			],
			[
				'Äpfel, Birnen etc. sind gesund. Iss mehr davon!',
				['Äpfel, Birnen etc. sind gesund.', 'Iss mehr davon!']
			]
		]);
	});

	describe('words that look like abbreviations still end sentences', () => {
		table([
			['Ich mag Sport, Musik usw. Was magst du?', ['Ich mag Sport, Musik usw.', 'Was magst du?']],
			['Ich heiße Jan. Und du?', ['Ich heiße Jan.', 'Und du?']],
			['So. Jetzt fangen wir an.', ['So.', 'Jetzt fangen wir an.']],
			['Das ist so. Wirklich.', ['Das ist so.', 'Wirklich.']],
			['I think so. Do you?', ['I think so.', 'Do you?']],
			['I said no. Then I left.', ['I said no.', 'Then I left.']],
			['Train your abs. Then rest.', ['Train your abs.', 'Then rest.']],
			[
				'Er wohnt in der Goethestr. Das ist zentral.',
				['Er wohnt in der Goethestr.', 'Das ist zentral.']
			]
		]);
	});

	describe('English abbreviations are not ends', () => {
		table([
			[
				'Mr. Smith and Mrs. Brown met Dr. Jones. They talked.',
				['Mr. Smith and Mrs. Brown met Dr. Jones.', 'They talked.']
			],
			['Ms. Lee met Prof. Green. Nice.', ['Ms. Lee met Prof. Green.', 'Nice.']],
			['St. Paul is a city. It is cold.', ['St. Paul is a city.', 'It is cold.']],
			['Apples vs. Oranges is a classic. Right?', ['Apples vs. Oranges is a classic.', 'Right?']],
			[
				'Bring fruit, e.g. Apples or pears. Thanks.',
				['Bring fruit, e.g. Apples or pears.', 'Thanks.']
			],
			[
				'Practice daily, i.e. Every single day. Okay?',
				['Practice daily, i.e. Every single day.', 'Okay?']
			],
			['The U.S. Army is big. Yes.', ['The U.S. Army is big.', 'Yes.']],
			['See No. 5 on the list. Done.', ['See No. 5 on the list.', 'Done.']],
			['We met at 5 p.m. and talked. Fun.', ['We met at 5 p.m. and talked.', 'Fun.']],
			['It is 10 a.m. We should go.', ['It is 10 a.m.', 'We should go.']],
			['Apples, pears, etc. are fruit. Yes.', ['Apples, pears, etc. are fruit.', 'Yes.']],
			['Apples, pears, etc. Anything else?', ['Apples, pears, etc.', 'Anything else?']]
		]);
	});

	describe('numbers, dates, versions, addresses, initials', () => {
		table([
			['Das kostet 3.5 Euro. Okay?', ['Das kostet 3.5 Euro.', 'Okay?']],
			['It costs 3.5 dollars. Okay?', ['It costs 3.5 dollars.', 'Okay?']],
			['Es sind 3,5 Grad. Zieh dich warm an.', ['Es sind 3,5 Grad.', 'Zieh dich warm an.']],
			['Wir treffen uns um 10.30 Uhr. Bis dann!', ['Wir treffen uns um 10.30 Uhr.', 'Bis dann!']],
			['Am 3. Oktober ist Feiertag. Schön, oder?', ['Am 3. Oktober ist Feiertag.', 'Schön, oder?']],
			[
				'Der 2. Weltkrieg endete 1945. Das ist lange her.',
				['Der 2. Weltkrieg endete 1945.', 'Das ist lange her.']
			],
			['Zum 3. Mal! Echt.', ['Zum 3. Mal!', 'Echt.']],
			[
				'Heute ist der 21.11.2026. Morgen ist Samstag.',
				['Heute ist der 21.11.2026.', 'Morgen ist Samstag.']
			],
			['Am 21.11. Treffen wir uns. Gut.', ['Am 21.11. Treffen wir uns.', 'Gut.']],
			['Montag, 3. Oktober passt mir.', ['Montag, 3. Oktober passt mir.']],
			['Das Datum: 21. 11. 2026. Gut.', ['Das Datum: 21. 11. 2026.', 'Gut.']],
			['3. Oktober ist ein Feiertag. Toll.', ['3. Oktober ist ein Feiertag.', 'Toll.']],
			['Ich bin 25. Und du?', ['Ich bin 25.', 'Und du?']],
			['Sie kam auf Platz 3. Das war knapp.', ['Sie kam auf Platz 3.', 'Das war knapp.']],
			['Version v1.2 ist neu. Lade sie.', ['Version v1.2 ist neu.', 'Lade sie.']],
			['Installiere v1.2. Dann starte neu.', ['Installiere v1.2.', 'Dann starte neu.']],
			[
				'Besuch https://www.example.com/a.b?c=d!e für mehr. Dann reden wir.',
				['Besuch https://www.example.com/a.b?c=d!e für mehr.', 'Dann reden wir.']
			],
			['Geh auf example.com. Dort steht alles.', ['Geh auf example.com.', 'Dort steht alles.']],
			[
				'Schreib an anna.meier@example.de. Sie antwortet.',
				['Schreib an anna.meier@example.de.', 'Sie antwortet.']
			],
			[
				'A. Merkel war Kanzlerin. Jetzt nicht mehr.',
				['A. Merkel war Kanzlerin.', 'Jetzt nicht mehr.']
			],
			[
				'J. K. Rowling schrieb Harry Potter. Kennst du das?',
				['J. K. Rowling schrieb Harry Potter.', 'Kennst du das?']
			],
			['J.K. Rowling wrote it. Nice.', ['J.K. Rowling wrote it.', 'Nice.']]
		]);
	});

	describe('ellipsis', () => {
		table([
			[
				'Ich dachte … vielleicht gehen wir ins Kino. Okay?',
				['Ich dachte … vielleicht gehen wir ins Kino.', 'Okay?']
			],
			['Hmm... ich weiß nicht. Und du?', ['Hmm... ich weiß nicht.', 'Und du?']],
			['Well… maybe. Or not.', ['Well… maybe.', 'Or not.']],
			['Also... Lass uns anfangen.', ['Also...', 'Lass uns anfangen.']]
		]);
	});

	describe('markdown', () => {
		table([
			[
				'**Wichtig:** Lerne jeden Tag. *Wirklich* jeden Tag!',
				['Wichtig: Lerne jeden Tag.', 'Wirklich jeden Tag!']
			],
			['Das ist **gut.** Dann weiter.', ['Das ist gut.', 'Dann weiter.']],
			['Das ist __fett__ und _kursiv_. Gut.', ['Das ist fett und kursiv.', 'Gut.']],
			['Nutze `git status`. Fertig.', ['Nutze git status.', 'Fertig.']],
			['Das ist ~~falsch~~ richtig. Ja.', ['Das ist falsch richtig.', 'Ja.']],
			['# Überschrift\nText mit Inhalt.', ['Überschrift', 'Text mit Inhalt.']],
			['## Tipps\nLies jeden Tag.', ['Tipps', 'Lies jeden Tag.']],
			['- Äpfel\n- Birnen\n- Kirschen', ['Äpfel', 'Birnen', 'Kirschen']],
			['* Punkt eins\n* Punkt zwei', ['Punkt eins', 'Punkt zwei']],
			['+ Plus eins\n+ Plus zwei', ['Plus eins', 'Plus zwei']],
			[
				'1. Erstens lernen\n2. Dann üben\n10. Zuletzt schlafen',
				['Erstens lernen', 'Dann üben', 'Zuletzt schlafen']
			],
			['1) Erstens\n2) Zweitens', ['Erstens', 'Zweitens']],
			[
				'Du brauchst\n- Mehl\n- Eier\nDann backen wir.',
				['Du brauchst', 'Mehl', 'Eier', 'Dann backen wir.']
			],
			[
				'Tipps:\n\n1. **Hören:** Podcasts.\n2. **Sprechen:** mit mir.',
				['Tipps:', 'Hören: Podcasts.', 'Sprechen: mit mir.']
			],
			['- Obst\n  - Äpfel\n  - Birnen', ['Obst', 'Äpfel', 'Birnen']],
			[
				'- Das ist gut. Wirklich gut\n- Zweiter Punkt',
				['Das ist gut.', 'Wirklich gut', 'Zweiter Punkt']
			],
			['- Item ohne Punkt\nNächster Absatz.', ['Item ohne Punkt', 'Nächster Absatz.']],
			['**Tipp 1:**\nJeden Tag üben.', ['Tipp 1:', 'Jeden Tag üben.']],
			['> Ein Zitat\nDanach Text.', ['Ein Zitat', 'Danach Text.']],
			[
				'Lies [die Anleitung](https://example.com/a). Dann weiter.',
				['Lies die Anleitung.', 'Dann weiter.']
			],
			['Die Datei heißt my_file.txt. Öffne sie.', ['Die Datei heißt my_file.txt.', 'Öffne sie.']],
			['Also 5 * 3 = 15. Richtig!', ['Also 5 * 3 = 15.', 'Richtig!']],
			['Das ist #Hamburg. Toll.', ['Das ist #Hamburg.', 'Toll.']],
			['Minus -5 Grad. Kalt.', ['Minus -5 Grad.', 'Kalt.']]
		]);
	});

	describe('emoji, symbols and whitespace', () => {
		table([
			['Ich freue mich 🎉🇩🇪 sehr. Du auch?', ['Ich freue mich 🎉🇩🇪 sehr.', 'Du auch?']],
			['Super!😊 Wie geht es dir?', ['Super!😊', 'Wie geht es dir?']],
			['Toll!👍🏽 Weiter.', ['Toll!👍🏽', 'Weiter.']],
			['Danke! 😊 Bis morgen!', ['Danke!', '😊 Bis morgen!']],
			['Das kostet 5 € & mehr. Okay.', ['Das kostet 5 € & mehr.', 'Okay.']],
			['Hallo   Welt,\tschön\u00a0hier.  Ja.', ['Hallo Welt, schön hier.', 'Ja.']],
			['  \n\nHallo.\n\n\n  Tschüss.  \n', ['Hallo.', 'Tschüss.']]
		]);
	});

	describe('short fragments join the next sentence', () => {
		table([
			['Gut.\n\n–\n\nWeiter geht es.', ['Gut.', '– Weiter geht es.']],
			['Danke!\n\n😊\n\nBis bald!', ['Danke!', '😊 Bis bald!']],
			['- A\n- Birnen', ['A Birnen']],
			['Okay. 1. Weiter.', ['Okay.', '1. Weiter.']],
			['Hallo!\n\n😊', ['Hallo!', '😊']]
		]);
	});

	describe('the examples from the issue', () => {
		table([
			['Das ist z. B. ein Hund. Er bellt.', ['Das ist z. B. ein Hund.', 'Er bellt.']],
			['Dr. Meier ist da. Komm rein!', ['Dr. Meier ist da.', 'Komm rein!']],
			[
				'Das Ergebnis ist 3.5 Punkte. Gut gemacht!',
				['Das Ergebnis ist 3.5 Punkte.', 'Gut gemacht!']
			]
		]);
	});

	describe('the first clause alone (firstClauseWords: 4)', () => {
		it.each<Case>([
			[
				'Das ist eine gute Frage, und ich denke gern darüber nach. Was meinst du, Anna?',
				['Das ist eine gute Frage,', 'und ich denke gern darüber nach.', 'Was meinst du, Anna?']
			],
			['Ja, das stimmt. Gut, dann los.', ['Ja, das stimmt.', 'Gut, dann los.']],
			['Es kostet 3,50 Euro, glaube ich.', ['Es kostet 3,50 Euro, glaube ich.']],
			['Das kostet etwa 3,50 Euro, glaube ich.', ['Das kostet etwa 3,50 Euro,', 'glaube ich.']],
			[
				'Hier ist meine Idee für heute: Wir gehen ins Kino.',
				['Hier ist meine Idee für heute:', 'Wir gehen ins Kino.']
			],
			['Um 10:30 Uhr treffen wir uns, ja?', ['Um 10:30 Uhr treffen wir uns,', 'ja?']],
			['**Sehr gut gemacht**, Anna!', ['Sehr gut gemacht, Anna!']],
			['– Also, Lisa und ich, wir fahren morgen.', ['– Also, Lisa und ich,', 'wir fahren morgen.']],
			['Well, I think that is right, Anna.', ['Well, I think that is right,', 'Anna.']]
		])('%j', (text, sentences) => {
			expect(split(text, { firstClauseWords: 4 })).toEqual(sentences);
		});

		it('starts again after flush and reset', () => {
			const splitter = new SentenceSplitter({ firstClauseWords: 4 });
			const reply = 'Das ist eine gute Frage, finde ich.';
			expect([...splitter.push(reply), ...splitter.flush()]).toEqual([
				'Das ist eine gute Frage,',
				'finde ich.'
			]);
			splitter.push('Noch ein langer Satz, ');
			splitter.reset();
			expect([...splitter.push(reply), ...splitter.flush()]).toHaveLength(2);
		});

		it('splits every table case the same however it is chunked', () => {
			for (const [text] of allCases) split(text, { firstClauseWords: 4 });
		});
	});

	describe('streaming', () => {
		it('gives the same sentences however random mixes of the cases above are chunked', () => {
			const random = seeded(42);
			// The long filler makes sentences longer than the splitter's look-back window.
			const separators = [' ', ' ', '\n', '\n\n', '', '\n- ', ' **', ` ${'und dann '.repeat(20)}`];
			for (let n = 0; n < 150; n++) {
				let text = '';
				for (let parts = 1 + Math.floor(random() * 4); parts > 0; parts--) {
					text += allCases[Math.floor(random() * allCases.length)][0];
					text += separators[Math.floor(random() * separators.length)];
				}
				const whole = run([text]);
				expect(run([...text]), JSON.stringify(text)).toEqual(whole);
				expect(run(randomChunks(text, n)), JSON.stringify(text)).toEqual(whole);
			}
		});

		it('emits a sentence once the next non-space character is known', () => {
			const splitter = new SentenceSplitter();
			expect(splitter.push('Ja.')).toEqual([]);
			expect(splitter.push(' ')).toEqual([]);
			expect(splitter.push('I')).toEqual(['Ja.']);
			expect(splitter.push('ch komme. ')).toEqual([]);
			expect(splitter.flush()).toEqual(['Ich komme.']);
		});

		it('waits on "3." until it knows whether a digit follows', () => {
			const splitter = new SentenceSplitter();
			expect(splitter.push('Das kostet 3.')).toEqual([]);
			expect(splitter.push('5 Euro.')).toEqual([]);
			expect(splitter.push(' Gut')).toEqual(['Das kostet 3.5 Euro.']);
			expect(splitter.flush()).toEqual(['Gut']);
		});

		it('waits on "z." and "Dr." until the next word shows they are abbreviations', () => {
			const splitter = new SentenceSplitter();
			expect(splitter.push('Geh z.')).toEqual([]);
			expect(splitter.push(' B.')).toEqual([]);
			expect(splitter.push(' zu Dr.')).toEqual([]);
			expect(splitter.push(' Müller. Dann')).toEqual(['Geh z. B. zu Dr. Müller.']);
			expect(splitter.flush()).toEqual(['Dann']);
		});

		it('emits at a line break after a list item without waiting for the next line', () => {
			const splitter = new SentenceSplitter();
			expect(splitter.push('- Mehl\n')).toEqual(['Mehl']);
			expect(splitter.push('- Eier')).toEqual([]);
			expect(splitter.flush()).toEqual(['Eier']);
		});

		it('returns several sentences from one delta, in order', () => {
			const splitter = new SentenceSplitter();
			expect(splitter.push('Eins. Zwei! Drei? Vier')).toEqual(['Eins.', 'Zwei!', 'Drei?']);
			expect(splitter.flush()).toEqual(['Vier']);
		});

		it('keeps a long sentence intact across many small deltas', () => {
			const long = `${'wir gehen heute ganz lange spazieren und '.repeat(30)}am 3. Oktober Dr. Müller besuchen`;
			const text = `${long}. Das ${'ist schön und '.repeat(20)}usw. Was meinst du?`;
			expect(split(text)).toEqual([
				`${long}.`,
				`Das ${'ist schön und '.repeat(20)}usw.`,
				'Was meinst du?'
			]);
		});
	});

	describe('flush and reset', () => {
		it('flush emits a final sentence without a mark, and nothing when empty', () => {
			const splitter = new SentenceSplitter();
			expect(splitter.push('Hallo.')).toEqual([]);
			expect(splitter.flush()).toEqual(['Hallo.']);
			expect(splitter.push('Ohne Punkt am Ende')).toEqual([]);
			expect(splitter.flush()).toEqual(['Ohne Punkt am Ende']);
			expect(splitter.flush()).toEqual([]);
		});

		it('flush strips markdown and drops whitespace-only rests', () => {
			const splitter = new SentenceSplitter();
			expect(splitter.push('Gut. **Fett**  ')).toEqual(['Gut.']);
			expect(splitter.flush()).toEqual(['Fett']);
			expect(splitter.push('  \n ')).toEqual([]);
			expect(splitter.flush()).toEqual([]);
		});

		it('flush starts a new reply: list and line state do not leak', () => {
			const splitter = new SentenceSplitter();
			splitter.push('- Punkt');
			expect(splitter.flush()).toEqual(['Punkt']);
			expect(splitter.push('Zeile eins\nZeile zwei. Ende')).toEqual(['Zeile eins Zeile zwei.']);
			expect(splitter.flush()).toEqual(['Ende']);
		});

		it('reset drops what was pending', () => {
			const splitter = new SentenceSplitter();
			splitter.push('Halb fertig\n\n–\n\n');
			splitter.reset();
			expect(splitter.push('Neu. Weiter')).toEqual(['Neu.']);
			expect(splitter.flush()).toEqual(['Weiter']);
		});
	});

	it('splits a 2,000-character reply pushed one character at a time quickly', () => {
		const paragraph =
			'Das ist z. B. am 3. Oktober, ca. 10.30 Uhr bei Dr. Müller – „Wirklich?“ fragte sie. ' +
			'**Wichtig:** Übe jeden Tag… oder fast! Besuch https://example.com/a.b für mehr.\n\n' +
			'- Hören\n- Sprechen usw.\n\n';
		const text = paragraph.repeat(Math.ceil(2000 / paragraph.length)).slice(0, 2000);
		const expected = run([text]);
		// Timings on a shared machine are noisy: report the first run and the median of ten.
		const times: number[] = [];
		for (let round = 0; round < 10; round++) {
			const splitter = new SentenceSplitter();
			const out: string[] = [];
			const started = performance.now();
			for (const char of text) out.push(...splitter.push(char));
			out.push(...splitter.flush());
			times.push(performance.now() - started);
			expect(out).toEqual(expected);
		}
		const sorted = [...times].sort((a, b) => a - b);
		console.log(
			`SentenceSplitter: ${text.length} characters one at a time, ${expected.length} sentences: ` +
				`first run ${times[0].toFixed(2)} ms, median of 10 ${sorted[5].toFixed(2)} ms, ` +
				`fastest ${sorted[0].toFixed(2)} ms`
		);
	});
});
