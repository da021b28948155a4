/** The words the sentence splitter looks up (sentences.ts): German and English, lower case unless said. */

/** Never end a sentence, whatever follows. Lower case, inner dots kept, the last dot dropped. */
export const PREFIX = new Set(
	(
		'z.b d.h u.a o.ä s.o s.u u.u z.t bzw ca evtl ggf inkl vgl bspw sog ggü nr dr prof hr str st ' +
		'mio mrd tsd jh jhd hrsg std min sek tel feb mär apr aug sep sept okt nov dez mr mrs vs ' +
		'e.g i.e u.s jr sr approx'
	).split(' ')
);
/** Case-sensitive: in lower case these are words ("abs", "ms" for milliseconds). */
export const PREFIX_CASED = new Set(['Fr', 'Abs', 'Mo', 'Di', 'Mi', 'Sa', 'Ms']);
/**
 * Not an end before a number ("No. 5", "usw. 10", "So. 12. Mai"), an end before a capital: these
 * often close a sentence ("…, Musik usw. Was magst du?", "I said no. Then…", "Ich bin Jan. Und du?").
 */
export const BEFORE_NUMBER = new Set(['usw', 'usf', 'etc', 'a.m', 'p.m', 'no']);
export const BEFORE_NUMBER_CASED = new Set(['Do', 'So', 'Jan', 'Jun', 'Jul']);
/** A number after one of these and before a capital is an ordinal: "am 3. Oktober", "der 2. Weltkrieg". */
export const DETERMINERS = new Set(
	(
		'der die das den dem des am im zum zur vom beim ins ein eine einem einen jeder jede jedem ' +
		'jeden jedes dieser diese diesem diesen dieses mein meine meinem meinen sein seine seinem ' +
		'seinen ihr ihre ihrem ihren unser unsere unserem unseren'
	).split(' ')
);
export const MONTHS = new Set(
	(
		'januar jänner februar märz april mai juni juli august september oktober november dezember ' +
		'jan feb mär apr jun jul aug sep sept okt nov dez'
	).split(' ')
);
