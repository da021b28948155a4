import type { Gender, Person } from '../lexicon';

/** Nouns used with more than one gender; the lexicon keeps only one. Never flagged as wrong. */
export const GENDER_OVERRIDES: Record<string, Gender[]> = {
	Joghurt: ['M', 'N'],
	'E-Mail': ['F', 'N'],
	Email: ['F', 'N'],
	Cola: ['F', 'N'],
	Moment: ['M', 'N'],
	Teil: ['M', 'N'],
	See: ['M', 'F'],
	Band: ['M', 'F', 'N'],
	Liter: ['M', 'N'],
	Meter: ['M', 'N'],
	Kilometer: ['M', 'N'],
	Zentimeter: ['M', 'N'],
	Virus: ['M', 'N'],
	Bonbon: ['M', 'N'],
	Gummi: ['M', 'N'],
	Keks: ['M', 'N'],
	Laptop: ['M', 'N'],
	Blog: ['M', 'N'],
	Radio: ['N', 'M'],
	Ketchup: ['M', 'N'],
	Curry: ['M', 'N'],
	Spray: ['M', 'N'],
	Event: ['N', 'M'],
	Poster: ['N', 'M'],
	Filter: ['M', 'N'],
	Leiter: ['M', 'F'],
	Steuer: ['F', 'N'],
	Kiefer: ['M', 'F'],
	Tor: ['N', 'M'],
	Gehalt: ['N', 'M'],
	Erbe: ['M', 'N'],
	Bund: ['M', 'N'],
	Schild: ['N', 'M'],
	Single: ['M', 'F', 'N'],
	Match: ['N', 'M'],
	Dschungel: ['M', 'N'],
	Knäuel: ['M', 'N'],
	Pony: ['N', 'M'],
	Service: ['M', 'N'],
	Tag: ['M'],
	Stift: ['M', 'N'],
	Mark: ['F', 'N'],
	Bauer: ['M', 'N'],
	Golf: ['M', 'N'],
	Verdienst: ['M', 'N'],
	Reis: ['M', 'N'],
	Hut: ['M', 'F'],
	Mangel: ['M', 'F'],
	Marsch: ['M', 'F'],
	Mast: ['M', 'F'],
	Laster: ['M', 'N'],
	Otter: ['M', 'F'],
	Flur: ['M', 'F'],
	Heide: ['M', 'F'],
	Weise: ['M', 'F'],
	Kunde: ['M', 'F'],
	Tau: ['M', 'N'],
	Kristall: ['M', 'N'],
	Lama: ['N', 'M'],
	Ekel: ['M', 'N'],
	Pack: ['M', 'N'],
	Gefallen: ['M', 'N'],
	Bord: ['M', 'N'],
	Elf: ['M', 'F'],
	Wagen: ['M'],
	Laden: ['M'],
	Rücken: ['M'],
	Regen: ['M'],
	Haken: ['M'],
	Glauben: ['M'],
	Reifen: ['M'],
	Schaden: ['M'],
	Graben: ['M'],
	Handy: ['N'],
	Auto: ['N'],
	Team: ['N'],
	Problem: ['N'],
	Mädchen: ['N'],
	Kaffee: ['M'],
	Computer: ['M'],
	Regenschirm: ['M'],
	Schirm: ['M'],
	Idee: ['F']
};

/** Nominative personal pronouns and the person their verb takes ("sie" is singular or plural). */
export const SUBJECT_PRONOUNS: Record<string, Person[]> = {
	ich: [0],
	du: [1],
	er: [2],
	es: [2],
	man: [2],
	sie: [2, 5],
	wir: [3],
	ihr: [4]
};

export type Case = 'nom' | 'akk' | 'dat' | 'gen';
type Reading = `${Gender | 'P'}-${Case}`;

const DEFINITE: Record<string, Reading[]> = {
	der: ['M-nom', 'F-dat', 'F-gen', 'P-gen'],
	die: ['F-nom', 'F-akk', 'P-nom', 'P-akk'],
	das: ['N-nom', 'N-akk'],
	den: ['M-akk', 'P-dat'],
	dem: ['M-dat', 'N-dat'],
	des: ['M-gen', 'N-gen']
};
/** Endings of "ein", "kein", "mein", …: stem + ending. */
const EIN_ENDINGS: Record<string, Reading[]> = {
	'': ['M-nom', 'N-nom', 'N-akk'],
	e: ['F-nom', 'F-akk', 'P-nom', 'P-akk'],
	en: ['M-akk', 'P-dat'],
	em: ['M-dat', 'N-dat'],
	er: ['F-dat', 'F-gen', 'P-gen'],
	es: ['M-gen', 'N-gen']
};
// "ihr" and "euer" are left out: "ihr" is also a pronoun ("Habt ihr Zeit?").
const EIN_STEMS = ['ein', 'kein', 'mein', 'dein', 'sein', 'unser'];

export interface Determiner {
	/** "der" for the definite article, else the stem ("ein", "mein"). */
	stem: string;
	readings: Reading[];
}

const DETERMINERS = new Map<string, Determiner>();
for (const [form, readings] of Object.entries(DEFINITE)) {
	DETERMINERS.set(form, { stem: 'der', readings });
}
for (const stem of EIN_STEMS) {
	for (const [ending, readings] of Object.entries(EIN_ENDINGS)) {
		// "ein" has no plural.
		const own = stem === 'ein' ? readings.filter((r) => !r.startsWith('P')) : readings;
		DETERMINERS.set(stem + ending, { stem, readings: own });
	}
}

export function determiner(word: string): Determiner | undefined {
	return DETERMINERS.get(word.toLowerCase());
}

/** The determiner of type `stem` for a gender (or plural) and case, if there is one. */
export function determinerFor(stem: string, gender: Gender | 'P', kase: Case): string | undefined {
	const reading = `${gender}-${kase}`;
	if (stem === 'der') {
		return Object.keys(DEFINITE).find((form) => DEFINITE[form].includes(reading as Reading));
	}
	for (const [ending, readings] of Object.entries(EIN_ENDINGS)) {
		if (stem === 'ein' && gender === 'P') return undefined;
		if (readings.includes(reading as Reading)) return stem + ending;
	}
	return undefined;
}

/** Prepositions that always take one case. Two-way prepositions (in, an, auf, …) are left out. */
export const PREPOSITION_CASE: Record<string, Case> = {
	mit: 'dat',
	nach: 'dat',
	bei: 'dat',
	seit: 'dat',
	von: 'dat',
	zu: 'dat',
	aus: 'dat',
	gegenüber: 'dat',
	durch: 'akk',
	für: 'akk',
	gegen: 'akk',
	ohne: 'akk',
	um: 'akk',
	wegen: 'gen',
	trotz: 'gen',
	während: 'gen',
	statt: 'gen'
};

export const TWO_WAY_PREPOSITIONS = new Set([
	'in',
	'an',
	'auf',
	'über',
	'unter',
	'vor',
	'hinter',
	'neben',
	'zwischen'
]);

/** Prepositions fused with an article ("am", "im", "zum"): the noun after them needs no article check. */
export const FUSED_PREPOSITIONS = new Set(['am', 'im', 'ins', 'ans', 'zum', 'zur', 'vom', 'beim']);

/** Verbs whose object is dative ("Ich helfe meinem Bruder"). */
export const DATIVE_VERBS = new Set([
	'helfen',
	'danken',
	'gefallen',
	'gehören',
	'antworten',
	'gratulieren',
	'folgen',
	'schmecken',
	'passen',
	'zuhören',
	'begegnen',
	'vertrauen',
	'fehlen',
	'schaden'
]);

/** Verbs that take a nominative complement ("Das ist der Tisch"). */
export const COPULAS = new Set(['sein', 'werden', 'bleiben', 'heißen']);

/** Adverbs that fill the first position of a main clause on their own ("Gestern habe ich…"). */
export const FRONT_ADVERBS = new Set([
	'gestern',
	'heute',
	'morgen',
	'vorgestern',
	'übermorgen',
	'dann',
	'danach',
	'jetzt',
	'manchmal',
	'oft',
	'immer',
	'leider',
	'vielleicht',
	'hier',
	'dort',
	'später',
	'bald',
	'zuerst',
	'trotzdem',
	'deshalb',
	'deswegen',
	'außerdem',
	'natürlich',
	'normalerweise',
	'früher',
	'abends',
	'morgens',
	'nachmittags',
	'sonntags',
	'samstags',
	'endlich',
	'schließlich',
	'plötzlich',
	'letztes',
	'nächstes'
]);
/** Words that may follow a front adverb inside the first position ("heute Abend"). */
export const FRONT_ADVERB_TAILS = new Set([
	'abend',
	'morgen',
	'mittag',
	'nachmittag',
	'früh',
	'nacht'
]);

/** Conjunctions that send the finite verb to the end of their clause. */
export const SUBORDINATORS = new Set([
	'weil',
	'dass',
	'ob',
	'wenn',
	'als',
	'obwohl',
	'damit',
	'bevor',
	'nachdem',
	'sodass',
	'falls'
]);

/** Conjunctions that join main clauses without taking a position of their own. */
export const COORDINATORS = new Set(['und', 'aber', 'oder', 'denn', 'sondern']);

/** Separable-verb particles that stand at the end of a main clause ("Ich stehe früh auf"). */
export const PARTICLES = new Set([
	'ab',
	'an',
	'auf',
	'aus',
	'ein',
	'mit',
	'vor',
	'zu',
	'zurück',
	'weg',
	'los',
	'fern',
	'fest',
	'her',
	'hin',
	'nach',
	'um',
	'zusammen'
]);

/** Participles of verbs that form the perfect with "sein" in every use. */
export const SEIN_PARTICIPLES = new Set([
	'gegangen',
	'gekommen',
	'geblieben',
	'gewesen',
	'geworden',
	'passiert',
	'geschehen',
	'gestorben',
	'aufgestanden',
	'eingeschlafen',
	'aufgewacht',
	'angekommen',
	'abgefahren',
	'losgegangen',
	'losgefahren',
	'zurückgekommen',
	'mitgekommen',
	'gereist',
	'umgezogen',
	'eingezogen',
	'ausgestiegen',
	'eingestiegen',
	'umgestiegen',
	'gestiegen',
	'gelaufen',
	'gerannt',
	'gesprungen',
	'gefallen',
	'hingefallen',
	'gewachsen',
	'begegnet',
	'verschwunden'
]);
/** Participles that take "sein" when they say where to ("nach Hamburg gefahren") and "haben" with an object. */
export const MOTION_PARTICIPLES = new Set(['gefahren', 'geflogen', 'geschwommen', 'geritten']);
/** "gefallen" also belongs to "gefallen" (to please), which takes "haben": "Es hat mir gefallen". */
export const PLEASE_OBJECTS = new Set([
	'mir',
	'dir',
	'ihm',
	'ihr',
	'uns',
	'euch',
	'ihnen',
	'Ihnen'
]);

/** Participles of verbs that never take "sein" in the perfect with a personal subject. */
export const HABEN_PARTICIPLES = new Set([
	'gegessen',
	'getrunken',
	'gemacht',
	'gesehen',
	'gekauft',
	'gearbeitet',
	'gespielt',
	'gelernt',
	'gehabt',
	'geschlafen',
	'gelesen',
	'geschrieben',
	'gekocht',
	'gebacken',
	'gehört',
	'gesagt',
	'gewohnt',
	'besucht',
	'getroffen',
	'gefunden',
	'telefoniert',
	'geduscht',
	'geputzt',
	'gewartet',
	'gefragt',
	'geantwortet',
	'gesungen',
	'getanzt',
	'studiert'
]);

/** Prepositions that say where to, which make a motion verb take "sein". */
export const DIRECTIONAL = new Set(['nach', 'zu', 'zum', 'zur', 'in', 'ins', 'an', 'ans', 'durch']);
