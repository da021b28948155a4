// Builds src/lib/tutor/level/de/frequency.json, the German word ranks the CEFR level estimator
// reads: `node scripts/build-word-bands.mjs`. Run it again after changing the stemmer.
//
// Source: the spoken-German frequency list in @zxcvbn-ts/language-de (MIT; ~12.5k lower-case word
// forms, most frequent first; its names and words like "sir" suggest film and TV subtitles). Each
// form is stemmed with the same function the estimator uses (src/lib/tutor/level/de/stem.ts,
// CISTEM) and the stems are written once each, in the order of their first (most frequent) form:
// a stem's rank is its position.
// Which rank counts as which CEFR band is data in the profiles (de/profiles.ts), not here.
//
// Subtitles rarely name the things a course starts with (shopping, the flat, the timetable:
// "Brötchen" is form 8,236, "Kakao" 10,112), so a short list of everyday words, written for this
// project from the topics of A1/A2 courses (not copied from any exam list), is stored beside the
// ranks; the estimator ranks those stems no lower than the end of the A1 band. The package's first
// names are stored too, so "Anna" counts as a name, not as a rare word.
import { dictionary } from '@zxcvbn-ts/language-de';
import { readFileSync, writeFileSync } from 'node:fs';
import { runnerImport } from 'vite';

const root = new URL('..', import.meta.url);
const out = new URL('src/lib/tutor/level/de/frequency.json', root);
const { module } = await runnerImport(new URL('src/lib/tutor/level/de/stem.ts', root).pathname, {
	configFile: false,
	logLevel: 'silent'
});
/** @type {(word: string) => string} */
const stem = module.stemGerman;

const pkg = JSON.parse(
	readFileSync(new URL('node_modules/@zxcvbn-ts/language-de/package.json', root), 'utf8')
);
/** @type {string[]} */
const words = dictionary.commonWords;
const stems = new Set();
for (const word of words) {
	// Keep words only: the list has a few entries with digits or apostrophes.
	if (!/^[a-zäöüß]+(-[a-zäöüß]+)*$/.test(word)) continue;
	stems.add(stem(word));
}

const EVERYDAY = `
brötchen kakao käse butter marmelade obst gemüse apfel banane tomate kartoffel salat suppe nudeln
reis ei eier wurst kuchen joghurt saft tee milch zucker salz frühstück mittagessen abendessen
wohnung zimmer küche bad balkon miete kühlschrank schrank regal sofa lampe fenster tür garten keller
nachbar nachbarin supermarkt bäckerei apotheke post bank markt kasse euro cent preis angebot kino
museum bibliothek schwimmbad park rathaus bahnhof haltestelle flughafen fahrrad rad bus
straßenbahn u-bahn zug auto taxi fahrkarte ticket kurs lehrer lehrerin schüler hausaufgaben
prüfung beruf büro kollege kollegin chef chefin termin eltern geschwister bruder schwester oma opa
großmutter großvater tante onkel sohn tochter freundin montag dienstag mittwoch donnerstag freitag
samstag sonntag wochenende vormittag nachmittag frühling sommer herbst winter uhr minute stunde
wetter regen schnee sonne wind warm kalt arzt ärztin kopf bauch fieber krank gesund hobby sport
fußball tennis gitarre konzert urlaub reise ausflug strand meer see berg berge deutschland
österreich schweiz berlin hamburg münchen köln wien zürich frankfurt england italien spanien
frankreich türkei europa einkaufen kochen frühstücken aufstehen duschen telefonieren bezahlen
kosten schmecken wohnen lernen spielen reisen schwimmen wandern grillen mitbringen sparen üben
backen fernsehen teuer billig günstig laut leise freundlich lecker müde hungrig langweilig
interessant`
	.split(/\s+/)
	.filter(Boolean);

const data = {
	source: `${pkg.name}@${pkg.version} commonWords (${pkg.license})`,
	note: 'CISTEM stems of the list, most frequent first; a stem’s rank is its position (1-based).',
	forms: words.length,
	stems: [...stems].join(' '),
	everyday: [...new Set(EVERYDAY.map(stem))].join(' '),
	// First names (the same package's list): a capitalised name is not vocabulary.
	names: dictionary.firstnames.filter((/** @type {string} */ n) => n.length > 2).join(' ')
};
writeFileSync(out, JSON.stringify(data, null, '\t') + '\n');
console.log(`${words.length} forms → ${stems.size} stems → ${out.pathname}`);
