// The tiny embedding model's built-in German-English dictionary. Every word form on a line shares
// one embedding direction, so translations and inflections land close together. Forms are lower
// case (the tokenizer lower-cases) and keep their umlauts (it does not strip accents).
// German words that are also English words were left out where the meanings clash ("kind", "see").

const CONCEPTS = `
name: name names named | name namen heiße heißt heißen
live: live lives living lived | wohne wohnst wohnt wohnen lebe lebst lebt leben
city: city cities town | stadt städte
dog: dog dogs | hund hunde hunden
cat: cat cats | katze katzen
work: work works working worked job | arbeit arbeite arbeitest arbeitet arbeiten beruf
like: like likes liked love loves | mag magst mögen liebe liebst liebt lieben gern gerne
hamburg: hamburg | hamburg
berlin: berlin | berlin
munich: munich | münchen
vienna: vienna | wien
cologne: cologne | köln
anna: anna | anna
coffee: coffee | kaffee
drink: drink drinks drinking drank | trinke trinkst trinkt trinken
tea: tea | tee
beer: beer | bier
wine: wine | wein
water: water | wasser
food: food eat eats eating ate meal | essen esse isst
cook: cook cooks cooking cooked | koche kochst kocht kochen
bread: bread | brot
cake: cake | kuchen
apple: apple apples | apfel äpfel
meat: meat | fleisch
fish: fish | fisch
vegetarian: vegetarian | vegetarisch vegetarier vegetarierin
family: family families | familie familien
parents: parents | eltern
mother: mother mom mum | mutter mama
father: father dad | vater papa
sister: sister sisters | schwester schwestern
brother: brother brothers | bruder brüder
child: child children kid kids | kinder kindern
son: son sons | sohn söhne
daughter: daughter daughters | tochter töchter
grandmother: grandmother grandma | großmutter oma
grandfather: grandfather grandpa | großvater opa
friend: friend friends | freund freunde freundin freundinnen
wife: wife | ehefrau
husband: husband | ehemann
house: house houses | haus häuser
home: home | zuhause heim
apartment: apartment flat | wohnung
room: room rooms | zimmer raum
kitchen: kitchen | küche
garden: garden | garten
book: book books | buch bücher
read: read reads reading | lese liest lesen
write: write writes writing wrote | schreibe schreibst schreibt schreiben
music: music | musik
sing: sing sings singing | singe singst singt singen
dance: dance dances dancing | tanze tanzt tanzen
guitar: guitar | gitarre
piano: piano | klavier
play: play plays playing played | spiele spielst spielt spielen
game: game games | spiel
football: football soccer | fußball
sport: sport sports | sport
swim: swim swims swimming | schwimme schwimmst schwimmt schwimmen
run: run runs running | laufe läufst läuft laufen joggen
hike: hike hiking | wandere wanderst wandert wandern
bike: bike bicycle cycling | fahrrad rad radfahren
car: car cars | auto autos
train: train trains | zug züge bahn
travel: travel travels travelling traveling trip | reise reist reisen
holiday: holiday holidays vacation | urlaub ferien
weekend: weekend weekends | wochenende
today: today | heute
tomorrow: tomorrow | morgen
yesterday: yesterday | gestern
morning: morning mornings | morgens vormittag
evening: evening evenings | abend abends
night: night nights | nacht nächte
day: day days | tag tage
week: week weeks | woche wochen
year: year years | jahr jahre
birthday: birthday | geburtstag
school: school schools | schule schulen
university: university | universität uni
study: study studies studying | studiere studierst studiert studieren
learn: learn learns learning | lerne lernst lernt lernen
german: german | deutsch deutsche
english: english | englisch
language: language languages | sprache sprachen
teacher: teacher teachers | lehrer lehrerin
doctor: doctor doctors | arzt ärztin
hospital: hospital | krankenhaus
sick: sick ill | krank
tired: tired | müde
happy: happy glad | glücklich froh
sad: sad | traurig
money: money | geld
buy: buy buys buying bought | kaufe kaufst kauft kaufen
shop: shop shops store | laden geschäft
movie: movie movies film films | film filme kino
phone: phone mobile | telefon handy
computer: computer computers | computer rechner
office: office | büro
colleague: colleague colleagues | kollege kollegen kollegin
boss: boss | chef chefin
meeting: meeting meetings | besprechung termin
project: project projects | projekt projekte
weather: weather | wetter
rain: rain raining | regen regnet
sun: sun sunny | sonne sonnig
snow: snow | schnee
cold: cold | kalt
summer: summer | sommer
winter: winter | winter
sea: sea ocean beach | meer strand
mountain: mountain mountains | berg berge
good: good great | gut gute guten toll
bad: bad | schlecht
beautiful: beautiful nice pretty | schön schöne schönen
big: big large | groß große großen
small: small little | klein kleine kleinen
new: new | neu neue neuen
old: old | alt alte alten
young: young | jung junge
italy: italy italian | italien italienisch
spain: spain spanish | spanien spanisch
france: france french | frankreich französisch
germany: germany | deutschland
allergy: allergy allergic | allergie allergisch
`;

/** Words that carry little meaning in either language; they get a tiny weight. */
export const EMBED_FUNCTION_WORDS = Object.freeze(
	`the a an i you he she it we they me him us them my your his its our their is am are was were be been
	have has had do does did and or but if then than so because as at by for from in into of on to with
	without about over under this that these those there here not no yes very too also just only what
	which who when where why how all any some each every can could will would should may might must get got go
	ich du er sie es wir ihr mich dich ihn uns euch mir dir ihm ihnen mein meine meinen meinem meiner dein
	deine deinen sein seine ihre unser unsere der die das den dem des ein eine einen einem einer eines kein
	keine und oder aber wenn dann als weil dass auch nur sehr zu zum zur im ins an am auf aus bei mit nach
	von vom vor für über unter um durch ohne ist bin bist sind seid war waren habe hast hat haben hatte
	werden wird werde kann kannst können willst wollen muss musst müssen soll darf nicht nein ja was wer
	wie wo warum wann welche welcher diese dieser hier da gibt man noch schon mal doch denn`
		.split(/\s+/)
		.filter(Boolean)
);

/**
 * @typedef {Object} DictionaryEntry
 * @property {string} concept the shared meaning (names the embedding direction)
 * @property {readonly string[]} en English forms
 * @property {readonly string[]} de German forms
 */

/** @type {readonly DictionaryEntry[]} */
export const EMBED_DICTIONARY = Object.freeze(
	CONCEPTS.trim()
		.split('\n')
		.map((line) => {
			const [concept, forms] = line.split(': ');
			const [en, de] = forms.split(' | ').map((part) => Object.freeze(part.split(' ')));
			return Object.freeze({ concept, en, de });
		})
);
