import type { World } from './types';

/**
 * Lena's world, written by hand: a language teacher in Kreuzberg with her friends, her brother, a
 * colleague, a landlord who answers slowly, and four stories that run over weeks. Every text is
 * first person, present or Perfekt, short sentences and everyday words (about A2), so the diary
 * can be read by a beginner; the words above that come with their English in `glossary`.
 */
export const BERLIN_WORLD: World = {
	city: 'Berlin',
	timeZone: 'Europe/Berlin',
	district: 'Kreuzberg',
	homeId: 'wohnung',
	work: {
		placeId: 'sprachschule',
		job: 'Deutschlehrerin',
		days: [1, 2, 3, 4, 5],
		start: '09:00',
		end: '16:00',
		moments: [
			{
				placeId: 'sprachschule',
				people: ['tom'],
				what: 'Ich unterrichte heute den A1-Kurs. Die Gruppe ist sehr nett und lacht viel.',
				feeling: 'froh'
			},
			{
				placeId: 'sprachschule',
				people: ['tom'],
				what: 'In der Mittagspause esse ich mit Tom eine Suppe. Er erzählt von seinem Rennrad.',
				feeling: 'entspannt'
			},
			{
				placeId: 'sprachschule',
				people: [],
				what: 'Eine Schülerin hat heute ihre Prüfung bestanden. Ich freue mich sehr für sie.',
				feeling: 'froh'
			},
			{
				placeId: 'sprachschule',
				people: ['tom'],
				what: 'Der Drucker ist schon wieder kaputt. Tom repariert ihn, und wir lachen.',
				feeling: 'gestresst'
			},
			{
				placeId: 'sprachschule',
				people: ['tom'],
				what: 'Wir haben eine lange Teamsitzung. Danach bin ich sehr müde.',
				feeling: 'müde'
			},
			{
				placeId: 'sprachschule',
				people: [],
				what: 'Heute lernen wir das Perfekt. Meine Schüler machen viele Fehler, aber sie sind mutig.',
				feeling: 'zufrieden'
			}
		]
	},
	people: [
		{ id: 'mia', name: 'Mia', relation: 'beste Freundin', trait: 'lacht laut und liebt Musik' },
		{ id: 'jonas', name: 'Jonas', relation: 'Bruder', trait: 'ist Koch und kocht gern scharf' },
		{ id: 'tom', name: 'Tom', relation: 'Kollege', trait: 'fährt jeden Tag Rennrad' },
		{
			id: 'aylin',
			name: 'Aylin',
			relation: 'Freundin aus dem Studium',
			trait: 'plant alles genau'
		},
		{ id: 'paul', name: 'Paul', relation: 'Laufpartner im Verein', trait: 'ist immer pünktlich' },
		{
			id: 'oezdemir',
			name: 'Frau Özdemir',
			relation: 'Nachbarin',
			trait: 'hat eine dicke Katze'
		},
		{ id: 'braun', name: 'Herr Braun', relation: 'Vermieter', trait: 'antwortet sehr langsam' }
	],
	places: [
		{ id: 'wohnung', name: 'Wohnung in der Wrangelstraße', kind: 'home' },
		{ id: 'sprachschule', name: 'Sprachschule am Kottbusser Tor', kind: 'work' },
		{ id: 'spaeti', name: 'Späti an der Ecke', kind: 'shop' },
		{ id: 'baeckerei', name: 'Bäckerei Kaya', kind: 'shop' },
		{ id: 'u1', name: 'U-Bahn U1', kind: 'transport' },
		{ id: 'markthalle', name: 'Markthalle Neun', kind: 'market' },
		{ id: 'tempelhof', name: 'Tempelhofer Feld', kind: 'park' },
		{ id: 'mauerpark', name: 'Flohmarkt im Mauerpark', kind: 'market' },
		{ id: 'verein', name: 'Laufverein Kreuzberg', kind: 'club' },
		{ id: 'kino', name: 'Kino Moviemento', kind: 'culture' },
		{ id: 'kanal', name: 'Café am Landwehrkanal', kind: 'cafe' },
		{ id: 'kneipe', name: 'Kneipe Zum Goldenen Hahn', kind: 'bar' },
		{ id: 'werkstatt', name: 'Fahrradwerkstatt in der Oranienstraße', kind: 'shop' },
		{ id: 'praxis', name: 'Arztpraxis am Mehringdamm', kind: 'other' },
		{ id: 'neukoelln', name: 'Wohnung in Neukölln', kind: 'other' }
	],
	routine: [
		{
			days: [1, 2, 3, 4, 5],
			time: '08:15',
			placeId: 'u1',
			people: [],
			what: 'Ich fahre mit der U1 zur Arbeit. Die Bahn ist voll.',
			feeling: 'müde',
			workday: true
		},
		{
			days: [2, 4],
			time: '18:30',
			placeId: 'verein',
			people: ['paul'],
			what: 'Ich habe Lauftraining im Verein. Paul ist schon da und wartet.',
			feeling: 'zufrieden'
		},
		{
			days: [3],
			time: '18:00',
			placeId: 'spaeti',
			people: [],
			what: 'Ich kaufe im Späti Milch und eine Zeitung.',
			feeling: 'entspannt'
		},
		{
			days: [5],
			time: '20:00',
			placeId: 'kneipe',
			people: ['mia'],
			what: 'Ich treffe Mia in der Kneipe. Wir reden über die Woche.',
			feeling: 'froh'
		},
		{
			days: [6],
			time: '09:30',
			placeId: 'baeckerei',
			people: [],
			what: 'Ich hole Brötchen in der Bäckerei Kaya und frühstücke lange.',
			feeling: 'entspannt'
		},
		{
			days: [7],
			time: '17:00',
			placeId: 'wohnung',
			people: ['jonas'],
			what: 'Ich telefoniere mit meinem Bruder Jonas. Er hat ein neues Rezept.',
			feeling: 'froh'
		},
		{
			days: [1],
			time: '19:00',
			placeId: 'wohnung',
			people: ['oezdemir'],
			what: 'Frau Özdemir klingelt. Ich gieße morgen ihre Blumen, denn sie fährt weg.',
			feeling: 'zufrieden'
		}
	],
	leisure: [
		{
			placeId: 'tempelhof',
			people: ['mia'],
			what: 'Ich fahre mit Mia Fahrrad auf dem Tempelhofer Feld. Der Himmel ist so groß!',
			feeling: 'froh',
			dry: true
		},
		{
			placeId: 'mauerpark',
			people: [],
			what: 'Ich gehe auf den Flohmarkt im Mauerpark und kaufe eine alte Lampe.',
			feeling: 'zufrieden',
			dry: true
		},
		{
			placeId: 'kino',
			people: ['mia'],
			what: 'Ich gehe mit Mia ins Kino. Der Film ist lang, aber schön.',
			feeling: 'entspannt'
		},
		{
			placeId: 'markthalle',
			people: ['jonas'],
			what: 'Ich esse mit Jonas in der Markthalle Neun. Er probiert alles.',
			feeling: 'froh'
		},
		{
			placeId: 'kanal',
			people: ['aylin'],
			what: 'Ich trinke mit Aylin einen Kaffee am Landwehrkanal.',
			feeling: 'entspannt'
		},
		{
			placeId: 'wohnung',
			people: [],
			what: 'Ich bleibe zu Hause, lese ein Buch und koche eine Suppe.',
			feeling: 'entspannt'
		},
		{
			placeId: 'kanal',
			people: [],
			what: 'Ich gehe am Kanal spazieren und esse ein Eis.',
			feeling: 'froh',
			dry: true,
			seasons: ['spring', 'summer']
		},
		{
			placeId: 'markthalle',
			people: ['mia'],
			what: 'Ich gehe mit Mia auf den Weihnachtsmarkt und trinke einen Glühwein.',
			feeling: 'froh',
			seasons: ['winter']
		}
	],
	threads: [
		{
			id: 'wohnung',
			title: 'Die Wohnungssuche',
			every: 5,
			steps: [
				{
					placeId: 'wohnung',
					people: [],
					what: 'Meine Wohnung ist zu klein. Ich lese heute Abend Anzeigen für neue Wohnungen.',
					feeling: 'gestresst'
				},
				{
					placeId: 'wohnung',
					people: ['braun'],
					what: 'Die Heizung ist kaputt. Ich schreibe Herrn Braun, aber er antwortet nicht.',
					feeling: 'gestresst'
				},
				{
					placeId: 'neukoelln',
					people: ['mia'],
					what: 'Ich habe eine Besichtigung in Neukölln. Die Wohnung ist hell, aber teuer. Mia kommt mit.',
					feeling: 'aufgeregt',
					invitation: {
						text: 'Ich habe bald noch eine Besichtigung. Übst du mit mir die Fragen?',
						scenarioId: 'de-wohnungsbesichtigung'
					}
				},
				{
					placeId: 'wohnung',
					people: [],
					what: 'Ich habe eine Zusage für die Wohnung in Neukölln! Ich kann es kaum glauben.',
					feeling: 'froh'
				},
				{
					placeId: 'wohnung',
					people: ['jonas', 'mia'],
					what: 'Heute ist Umzug. Jonas und Mia tragen Kisten, und am Abend essen wir Pizza.',
					feeling: 'müde'
				},
				{
					placeId: 'neukoelln',
					people: [],
					what: 'Ich treffe im Treppenhaus meine neue Nachbarin. Sie ist sehr neugierig.',
					feeling: 'froh',
					invitation: {
						text: 'Spielen wir das Treffen im Treppenhaus? Du bist neu im Haus, ich bin die Nachbarin.',
						scenarioId: 'de-nachbarn'
					}
				}
			]
		},
		{
			id: 'hochzeit',
			title: 'Aylins Hochzeit',
			every: 9,
			steps: [
				{
					placeId: 'wohnung',
					people: ['aylin'],
					what: 'Aylin ruft an: Sie heiratet! Ich bin ihre Trauzeugin.',
					feeling: 'aufgeregt'
				},
				{
					placeId: 'markthalle',
					people: ['aylin'],
					what: 'Ich suche mit Aylin einen Ort für die Feier. Sie plant alles genau.',
					feeling: 'zufrieden'
				},
				{
					placeId: 'wohnung',
					people: [],
					what: 'Ich schreibe eine kurze Rede für die Hochzeit. Das ist schwer!',
					feeling: 'nervös'
				},
				{
					placeId: 'kanal',
					people: ['aylin', 'mia'],
					what: 'Heute ist Aylins Hochzeit. Ich halte meine Rede, und alle tanzen bis spät.',
					feeling: 'froh'
				}
			]
		},
		{
			id: 'halbmarathon',
			title: 'Der Halbmarathon',
			every: 7,
			steps: [
				{
					placeId: 'verein',
					people: ['paul'],
					what: 'Ich melde mich mit Paul für den Halbmarathon im April an.',
					feeling: 'aufgeregt'
				},
				{
					placeId: 'tempelhof',
					people: ['paul'],
					what: 'Ich laufe mit Paul fünfzehn Kilometer auf dem Tempelhofer Feld.',
					feeling: 'müde'
				},
				{
					placeId: 'praxis',
					people: [],
					what: 'Mein Knie tut weh. Ich gehe zum Arzt, und er sagt: eine Woche Pause.',
					feeling: 'traurig',
					invitation: {
						text: 'Kannst du mit mir üben, wie man beim Arzt einen Termin macht?',
						scenarioId: 'de-arzttermin'
					}
				},
				{
					placeId: 'verein',
					people: ['paul'],
					what: 'Mein Knie ist wieder gut. Ich laufe langsam, und Paul wartet auf mich.',
					feeling: 'zufrieden'
				},
				{
					placeId: 'tempelhof',
					people: ['paul', 'mia'],
					what: 'Ich bin den Halbmarathon gelaufen! Mia steht am Ziel und ruft laut.',
					feeling: 'froh'
				}
			]
		},
		{
			id: 'fahrrad',
			title: 'Das kaputte Fahrrad',
			every: 3,
			steps: [
				{
					placeId: 'wohnung',
					people: [],
					what: 'Mein Fahrrad hat einen Platten. Heute gehe ich zu Fuß.',
					feeling: 'gestresst',
					invitation: {
						text: 'Mein Fahrrad ist kaputt. Übst du mit mir das Gespräch in der Werkstatt?',
						scenarioId: 'de-fahrradwerkstatt'
					}
				},
				{
					placeId: 'werkstatt',
					people: [],
					what: 'Ich bringe mein Fahrrad in die Werkstatt. Es ist morgen fertig.',
					feeling: 'zufrieden'
				},
				{
					placeId: 'werkstatt',
					people: [],
					what: 'Ich hole mein Fahrrad ab. Es fährt wie neu!',
					feeling: 'froh'
				}
			]
		}
	],
	glossary: {
		anzeige: 'advertisement, listing',
		anzeigen: 'advertisements, listings',
		besichtigung: 'viewing (of a flat)',
		vermieter: 'landlord',
		heizung: 'heating',
		zusage: 'acceptance, yes',
		umzug: 'move (house)',
		kisten: 'boxes',
		treppenhaus: 'stairwell',
		neugierig: 'curious',
		trauzeugin: 'maid of honour',
		heiratet: 'is getting married',
		hochzeit: 'wedding',
		feier: 'party, celebration',
		rede: 'speech',
		halbmarathon: 'half marathon',
		melde: '(sign) up, register',
		knie: 'knee',
		pause: 'break, rest',
		ziel: 'finish line, goal',
		platten: 'flat tyre',
		werkstatt: 'workshop, repair shop',
		unterrichte: 'teach',
		prüfung: 'exam',
		bestanden: 'passed',
		drucker: 'printer',
		repariert: 'repairs',
		teamsitzung: 'team meeting',
		mittagspause: 'lunch break',
		rennrad: 'racing bike',
		mutig: 'brave',
		späti: 'corner shop (Berlin)',
		kneipe: 'pub',
		brötchen: 'bread rolls',
		frühstücke: 'have breakfast',
		rezept: 'recipe',
		klingelt: 'rings the doorbell',
		gieße: 'water (plants)',
		flohmarkt: 'flea market',
		lampe: 'lamp',
		probiert: 'tries, tastes',
		glühwein: 'mulled wine',
		weihnachtsmarkt: 'Christmas market',
		lauftraining: 'running practice',
		verein: 'club',
		kilometer: 'kilometres',
		bahn: 'train',
		zeitung: 'newspaper',
		himmel: 'sky',
		tanzen: 'dance',
		tragen: 'carry',
		plant: 'plans',
		wartet: 'waits',
		pünktlich: 'on time',
		bewölkt: 'cloudy',
		regnerisch: 'rainy',
		verschneit: 'snowy',
		feiertag: 'public holiday',
		geplant: 'planned'
	}
};
