/**
 * One-line explanations per rule, in German and English. `{original}` and `{replacement}` are the
 * edit's text; other `{names}` come from the rule (`vars`). Rule ids are stable: the evaluation's
 * per-rule figures and stored corrections refer to them.
 */
export const EXPLANATIONS: Record<string, { de: string; en: string }> = {
	'spelling.word': {
		de: '„{original}“ schreibt man „{replacement}“.',
		en: '"{original}" is spelt "{replacement}".'
	},
	'spelling.unknown': {
		de: '„{original}“ steht nicht im Wörterbuch: Ist das Wort richtig geschrieben?',
		en: '"{original}" is not in the dictionary: check the spelling.'
	},
	'umlaut.missing': {
		de: '„{replacement}“ schreibt man mit Umlaut.',
		en: '"{replacement}" is written with an umlaut.'
	},
	'umlaut.transliterated': {
		de: 'ae, oe und ue sind nur ein Ersatz: Man schreibt „{replacement}“.',
		en: 'ae, oe and ue only stand in for umlauts: write "{replacement}".'
	},
	'capitalisation.noun': {
		de: 'Nomen schreibt man im Deutschen groß: „{replacement}“.',
		en: 'German nouns always start with a capital letter: "{replacement}".'
	},
	'capitalisation.name': {
		de: 'Namen schreibt man groß: „{replacement}“.',
		en: 'Names start with a capital letter: "{replacement}".'
	},
	'capitalisation.not-noun': {
		de: '„{replacement}“ ist hier kein Nomen und wird kleingeschrieben.',
		en: '"{replacement}" is not a noun here, so it is written in lower case.'
	},
	'article-gender.noun': {
		de: '„{noun}“ ist {genderDe}: „{replacement} {noun}“.',
		en: '"{noun}" is {genderEn}: "{replacement} {noun}".'
	},
	'case.object': {
		de: 'Das Objekt von „{verb}“ steht im {caseDe}: „{replacement}“.',
		en: 'The object of "{verb}" takes the {caseEn}: "{replacement}".'
	},
	'case.preposition': {
		de: '„{preposition}“ steht mit dem {caseDe}: „{replacement}“.',
		en: '"{preposition}" takes the {caseEn}: "{replacement}".'
	},
	'verb-position.second': {
		de: 'Im Hauptsatz steht das Verb an Position 2: nach „{first}“ kommt zuerst das Verb, dann das Subjekt.',
		en: 'In a main clause the verb comes second: after "{first}" put the verb before the subject.'
	},
	'verb-position.final': {
		de: 'Nach „{conjunction}“ steht das konjugierte Verb am Ende des Nebensatzes.',
		en: 'After "{conjunction}" the conjugated verb goes to the end of the clause.'
	},
	'verb-position.bracket': {
		de: '„{verb}“ gehört ans Ende des Satzes (Satzklammer).',
		en: '"{verb}" goes to the end of the clause (the verb bracket).'
	},
	'verb-conjugation.agreement': {
		de: 'Zu „{subject}“ gehört die Verbform „{replacement}“.',
		en: 'With "{subject}" the verb form is "{replacement}".'
	},
	'du-sie.formal': {
		de: 'Wer mit „Herr“ oder „Frau“ angesprochen wird, bekommt „Sie“: „{replacement}“.',
		en: 'Someone you address as Herr or Frau gets the formal "Sie": "{replacement}".'
	},
	'du-sie.verb': {
		de: 'Zu „Sie“ (höflich) gehört die Verbform „{replacement}“.',
		en: 'Formal "Sie" takes the verb form "{replacement}".'
	},
	'auxiliary.sein': {
		de: '„{participle}“ bildet das Perfekt mit „sein“: „{replacement}“.',
		en: '"{participle}" forms the perfect with "sein": "{replacement}".'
	},
	'auxiliary.haben': {
		de: '„{participle}“ bildet das Perfekt mit „haben“: „{replacement}“.',
		en: '"{participle}" forms the perfect with "haben": "{replacement}".'
	},
	'word-choice.bekommen': {
		de: '„bekommen“ heißt „to get“, nicht „to become“: „werden“.',
		en: '"bekommen" means "to get", not "to become": use "werden".'
	},
	'word-choice.mir-ist': {
		de: 'Für ein Gefühl von Kälte oder Wärme sagt man „Mir ist …“.',
		en: 'For feeling cold or warm German says "Mir ist …" ("Ich bin kalt" describes a person\'s character).'
	},
	'word-choice.mir-geht-es': {
		de: 'Auf „Wie geht es dir?“ antwortet man „Mir geht es gut“.',
		en: 'To "How are you?" German answers "Mir geht es gut" ("Ich bin gut" means "I am good at it").'
	},
	'word-choice.alter': {
		de: 'Das Alter sagt man mit „sein“: „Ich bin … Jahre alt“.',
		en: 'Age takes "sein" in German: "Ich bin … Jahre alt".'
	},
	'word-choice.verbringen': {
		de: '„spenden“ heißt „to donate“; Zeit „verbringt“ man.',
		en: '"spenden" means "to donate"; time is "verbringen".'
	},
	'word-choice.gift': {
		de: '„Gift“ heißt „poison“; ein „gift“ ist ein „Geschenk“.',
		en: '"Gift" means "poison" in German; a gift is a "Geschenk".'
	},
	'preposition.nach-hause': {
		de: 'Wohin? „nach Hause“. Wo? „zu Hause“.',
		en: 'Going home is "nach Hause"; being at home is "zu Hause".'
	},
	'preposition.warten-auf': {
		de: 'Man wartet „auf“ etwas oder jemanden.',
		en: 'In German you wait "auf" (not "für") something.'
	},
	'preposition.am-tag': {
		de: 'Vor Wochentagen steht „am“: „am Montag“.',
		en: 'Days of the week take "am": "am Montag".'
	},
	'preposition.aus-land': {
		de: 'Herkunft aus einem Land: „aus“.',
		en: 'Coming from a country is "aus".'
	},
	'preposition.in-die': {
		de: 'Länder mit Artikel: „in die Schweiz“, nicht „nach“.',
		en: 'Countries with an article take "in": "in die Schweiz".'
	},
	'negation.kein': {
		de: '„nicht ein“ wird zu „kein“.',
		en: '"nicht ein" becomes "kein".'
	},
	'comma.subordinate': {
		de: 'Vor „{conjunction}“ steht ein Komma.',
		en: 'A comma goes before "{conjunction}".'
	}
};

export const GENDER_NAMES = {
	de: { M: 'maskulin (der)', F: 'feminin (die)', N: 'neutral (das)' },
	en: { M: 'masculine (der)', F: 'feminine (die)', N: 'neuter (das)' }
} as const;

export const CASE_NAMES = {
	de: { nom: 'Nominativ', akk: 'Akkusativ', dat: 'Dativ', gen: 'Genitiv' },
	en: { nom: 'nominative', akk: 'accusative', dat: 'dative', gen: 'genitive' }
} as const;
