import type { BuiltInScenario } from '../types';

/**
 * Role-plays of daily life in Germany, as data. Setting and role are German (the companion plays
 * them; the learner reads the setting before starting); goals are can-do statements in the app's
 * language, each with German keywords for the deterministic judge (lib/tutor/scenarios/keywords.ts:
 * folded, inflection-tolerant, `*` for a prefix). Nouns in the vocabulary carry their article.
 * Written for this app; tests/unit/tutor/scenarios/library.test.ts checks every entry.
 */
export const GERMAN_SCENARIOS: readonly BuiltInScenario[] = [
	{
		id: 'de-baeckerei',
		source: 'built-in',
		language: 'de',
		topic: 'food',
		title: 'In der Bäckerei',
		setting:
			'Samstagmorgen in einer kleinen Bäckerei in Köln. Vor der Theke steht eine kurze Schlange, und es riecht nach frischen Brötchen.',
		role: 'Verkäuferin hinter der Theke: freundlich, aber ein bisschen in Eile',
		levelRange: { min: 'A1', max: 'A2' },
		goals: [
			{
				id: 'order',
				text: 'I can order bread rolls and say how many I want.',
				keywords: [
					'brötchen*',
					'ich hätte gern',
					'ich nehme',
					'ich möchte',
					'vollkornbrot',
					'brezel*'
				]
			},
			{
				id: 'price',
				text: 'I can ask what something costs.',
				keywords: ['was kostet', 'wie viel kostet', 'wie teuer', 'was macht das', 'wie viel macht']
			},
			{
				id: 'pay',
				text: 'I can say how I want to pay.',
				keywords: ['mit karte', 'bar', 'kartenzahlung', 'bezahlen', 'zahlen', 'stimmt so']
			}
		],
		vocabulary: [
			{ term: 'Brötchen', article: 'das', translation: 'bread roll' },
			{ term: 'Vollkornbrot', article: 'das', translation: 'wholemeal bread' },
			{ term: 'Brezel', article: 'die', translation: 'pretzel' },
			{ term: 'Kuchen', article: 'der', translation: 'cake' },
			{ term: 'Tüte', article: 'die', translation: 'paper bag' },
			{ term: 'Theke', article: 'die', translation: 'counter' },
			{ term: 'Wechselgeld', article: 'das', translation: 'change (money)' },
			{ term: 'in Scheiben geschnitten', translation: 'sliced' },
			{ term: 'Sonst noch etwas?', translation: 'Anything else?' }
		]
	},
	{
		id: 'de-buergeramt-anmeldung',
		source: 'built-in',
		language: 'de',
		topic: 'admin',
		title: 'Anmeldung im Bürgeramt',
		setting:
			'Du bist vor drei Wochen nach Berlin gezogen und hast heute einen Termin im Bürgeramt, um deine neue Wohnung anzumelden. Du hast deinen Pass und die Wohnungsgeberbestätigung dabei.',
		role: 'Sachbearbeiterin im Bürgeramt: korrekt, sachlich, hat wenig Zeit; sie siezt dich',
		levelRange: { min: 'A2', max: 'B1' },
		goals: [
			{
				id: 'reason',
				text: 'I can say why I have come: to register my new address.',
				keywords: ['anmeld*', 'wohnsitz', 'umgezogen', 'neue adresse', 'neue wohnung', 'eingezogen']
			},
			{
				id: 'documents',
				text: 'I can hand over my documents and say what they are.',
				keywords: [
					'reisepass',
					'pass',
					'personalausweis',
					'ausweis',
					'wohnungsgeberbestätigung',
					'mietvertrag',
					'hier ist',
					'hier sind'
				]
			},
			{
				id: 'details',
				text: 'I can give my new address and the date I moved in.',
				keywords: [
					'ich wohne',
					'meine adresse',
					'straße',
					'eingezogen am',
					'seit dem',
					'postleitzahl'
				]
			},
			{
				id: 'certificate',
				text: 'I can ask for the registration certificate.',
				keywords: ['meldebescheinigung', 'bescheinigung', 'bestätigung', 'eine kopie']
			}
		],
		vocabulary: [
			{ term: 'Anmeldung', article: 'die', translation: 'registration' },
			{ term: 'Wohnsitz', article: 'der', translation: 'place of residence' },
			{ term: 'Meldebescheinigung', article: 'die', translation: 'registration certificate' },
			{
				term: 'Wohnungsgeberbestätigung',
				article: 'die',
				translation: 'landlord’s confirmation of moving in'
			},
			{ term: 'Reisepass', article: 'der', translation: 'passport' },
			{ term: 'Termin', article: 'der', translation: 'appointment' },
			{ term: 'Formular', article: 'das', translation: 'form' },
			{ term: 'Unterschrift', article: 'die', translation: 'signature' },
			{ term: 'unterschreiben', translation: 'to sign' },
			{ term: 'Einzugsdatum', article: 'das', translation: 'date of moving in' }
		]
	},
	{
		id: 'de-arzttermin',
		source: 'built-in',
		language: 'de',
		topic: 'health',
		title: 'Einen Arzttermin machen',
		setting:
			'Du hast seit zwei Tagen Halsschmerzen und Fieber. Du rufst in der Hausarztpraxis an und möchtest einen Termin, am liebsten noch heute.',
		role: 'Medizinische Fachangestellte am Empfang der Praxis: freundlich, aber das Wartezimmer ist voll',
		levelRange: { min: 'A2', max: 'B1' },
		goals: [
			{
				id: 'symptoms',
				text: 'I can describe my symptoms and how long I have had them.',
				keywords: [
					'halsschmerzen',
					'fieber',
					'kopfschmerzen',
					'husten',
					'seit zwei tagen',
					'seit gestern',
					'tut weh',
					'ich bin krank'
				]
			},
			{
				id: 'appointment',
				text: 'I can ask for an appointment as soon as possible.',
				keywords: [
					'termin',
					'heute noch',
					'so schnell wie möglich',
					'möglichst bald',
					'geht es heute'
				]
			},
			{
				id: 'insurance',
				text: 'I can say how I am insured.',
				keywords: ['versichert', 'versichertenkarte', 'krankenkasse', 'gesetzlich', 'privat']
			},
			{
				id: 'confirm',
				text: 'I can confirm the day and time of the appointment.',
				keywords: ['um uhr', 'das passt', 'passt mir', 'in ordnung', 'bis dann', 'bis später']
			}
		],
		vocabulary: [
			{ term: 'Praxis', article: 'die', translation: 'doctor’s practice' },
			{ term: 'Termin', article: 'der', translation: 'appointment' },
			{ term: 'Sprechstunde', article: 'die', translation: 'consulting hours' },
			{ term: 'Versichertenkarte', article: 'die', translation: 'health insurance card' },
			{ term: 'Krankenkasse', article: 'die', translation: 'health insurer' },
			{ term: 'Fieber', article: 'das', translation: 'fever' },
			{ term: 'Halsschmerzen', article: 'die', translation: 'sore throat (plural)' },
			{ term: 'Krankschreibung', article: 'die', translation: 'sick note' },
			{ term: 'Wartezimmer', article: 'das', translation: 'waiting room' }
		]
	},
	{
		id: 'de-wg-casting',
		source: 'built-in',
		language: 'de',
		topic: 'housing',
		title: 'WG-Casting',
		setting:
			'Du besichtigst ein freies Zimmer in einer Dreier-WG in Leipzig. Die Mitbewohner wollen dich beim WG-Casting in der Küche kennenlernen, bei einer Tasse Tee.',
		role: 'Mitbewohnerin in der WG: neugierig, locker, achtet darauf, ob man zusammenpasst; sie duzt dich',
		levelRange: { min: 'B1', max: 'B2' },
		goals: [
			{
				id: 'introduce',
				text: 'I can introduce myself: what I study or do, and my hobbies.',
				keywords: [
					'ich studiere',
					'ich arbeite',
					'ich mache eine ausbildung',
					'meine hobbys',
					'in meiner freizeit',
					'ich komme aus'
				]
			},
			{
				id: 'habits',
				text: 'I can talk about living together: cleaning, guests, quiet times.',
				keywords: [
					'putzplan',
					'putzen',
					'ordentlich',
					'ruhig',
					'gäste',
					'besuch',
					'zusammen kochen',
					'abwasch'
				]
			},
			{
				id: 'rent',
				text: 'I can ask about the rent and what it includes.',
				keywords: [
					'miete',
					'warmmiete',
					'nebenkosten',
					'kaution',
					'internet',
					'inklusive',
					'wie viel kostet'
				]
			},
			{
				id: 'move-in',
				text: 'I can say when I could move in.',
				keywords: ['einziehen', 'einzug', 'ab dem', 'ab anfang', 'ab nächsten monat', 'ab sofort']
			}
		],
		vocabulary: [
			{ term: 'Wohngemeinschaft (WG)', article: 'die', translation: 'flat share' },
			{ term: 'Mitbewohnerin', article: 'die', translation: 'flatmate (female)' },
			{ term: 'Mitbewohner', article: 'der', translation: 'flatmate (male)' },
			{ term: 'Warmmiete', article: 'die', translation: 'rent including heating' },
			{ term: 'Nebenkosten', article: 'die', translation: 'utilities (plural)' },
			{ term: 'Kaution', article: 'die', translation: 'deposit' },
			{ term: 'Putzplan', article: 'der', translation: 'cleaning rota' },
			{ term: 'Zimmer', article: 'das', translation: 'room' },
			{ term: 'einziehen', translation: 'to move in' }
		]
	},
	{
		id: 'de-wohnungsbesichtigung',
		source: 'built-in',
		language: 'de',
		topic: 'housing',
		title: 'Wohnungsbesichtigung',
		setting:
			'Du besichtigst eine Zweizimmerwohnung in Hamburg-Altona. Außer dir sind noch fünf andere Interessenten da. Die Maklerin führt durch die Wohnung.',
		role: 'Maklerin: professionell, spricht schnell, will wissen, ob du die Miete zahlen kannst; sie siezt dich',
		levelRange: { min: 'B1', max: 'B2' },
		goals: [
			{
				id: 'costs',
				text: 'I can ask about the rent, the utilities and the deposit.',
				keywords: ['kaltmiete', 'warmmiete', 'nebenkosten', 'kaution', 'miete', 'provision']
			},
			{
				id: 'flat',
				text: 'I can ask about the flat itself: heating, balcony, floor, kitchen.',
				keywords: [
					'heizung',
					'balkon',
					'stock',
					'etage',
					'aufzug',
					'keller',
					'einbauküche',
					'quadratmeter'
				]
			},
			{
				id: 'tenant',
				text: 'I can present myself as a reliable tenant.',
				keywords: [
					'festanstellung',
					'unbefristet',
					'gehaltsnachweis',
					'schufa*',
					'nichtraucher',
					'keine haustiere',
					'zuverlässig',
					'ich arbeite'
				]
			},
			{
				id: 'next-steps',
				text: 'I can ask what happens next.',
				keywords: [
					'unterlagen',
					'bewerbung',
					'wie geht es weiter',
					'wann erfahre ich',
					'selbstauskunft',
					'mietvertrag'
				]
			}
		],
		vocabulary: [
			{ term: 'Besichtigung', article: 'die', translation: 'viewing' },
			{ term: 'Kaltmiete', article: 'die', translation: 'rent without utilities' },
			{ term: 'Nebenkosten', article: 'die', translation: 'utilities (plural)' },
			{ term: 'Kaution', article: 'die', translation: 'deposit' },
			{ term: 'Einbauküche', article: 'die', translation: 'fitted kitchen' },
			{ term: 'Erdgeschoss', article: 'das', translation: 'ground floor' },
			{ term: 'Aufzug', article: 'der', translation: 'lift' },
			{ term: 'Mietvertrag', article: 'der', translation: 'tenancy agreement' },
			{ term: 'Schufa-Auskunft', article: 'die', translation: 'credit report' },
			{ term: 'Makler', article: 'der', translation: 'estate agent' }
		]
	},
	{
		id: 'de-bahnticket',
		source: 'built-in',
		language: 'de',
		topic: 'travel',
		title: 'Eine Bahnfahrkarte kaufen',
		setting:
			'Im Reisezentrum der Deutschen Bahn am Frankfurter Hauptbahnhof. Du möchtest morgen früh nach München fahren und brauchst eine Fahrkarte.',
		role: 'Mitarbeiter im Reisezentrum: hilfsbereit, erklärt die Verbindungen; er siezt dich',
		levelRange: { min: 'A1', max: 'A2' },
		goals: [
			{
				id: 'destination',
				text: 'I can say where and when I want to travel.',
				keywords: [
					'nach münchen',
					'morgen früh',
					'ich möchte nach',
					'ich muss nach',
					'fahrkarte nach',
					'ticket nach'
				]
			},
			{
				id: 'ticket',
				text: 'I can choose a single or a return ticket and a class.',
				keywords: [
					'hin und zurück',
					// "einfach" alone is also "simply": only the fare counts.
					'einfache fahrt',
					'nur hin',
					'hinfahrt',
					'rückfahrt',
					'zweite klasse',
					'erste klasse',
					'sparpreis'
				]
			},
			{
				id: 'seat',
				text: 'I can ask for a seat reservation.',
				keywords: ['reservierung', 'reservieren', 'sitzplatz', 'fensterplatz', 'platz']
			},
			{
				id: 'platform',
				text: 'I can ask about the platform and where I change trains.',
				keywords: ['gleis', 'umsteigen', 'direkt', 'abfahrt', 'wann fährt']
			}
		],
		vocabulary: [
			{ term: 'Fahrkarte', article: 'die', translation: 'ticket' },
			{ term: 'Hinfahrt', article: 'die', translation: 'outward journey' },
			{ term: 'Rückfahrt', article: 'die', translation: 'return journey' },
			{ term: 'Gleis', article: 'das', translation: 'platform (track)' },
			{ term: 'Verbindung', article: 'die', translation: 'connection' },
			{ term: 'umsteigen', translation: 'to change trains' },
			{ term: 'Sitzplatzreservierung', article: 'die', translation: 'seat reservation' },
			{ term: 'Sparpreis', article: 'der', translation: 'saver fare' },
			{ term: 'Abfahrt', article: 'die', translation: 'departure' }
		]
	},
	{
		id: 'de-zugverspaetung',
		source: 'built-in',
		language: 'de',
		topic: 'travel',
		title: 'Der Zug hat Verspätung',
		setting:
			'Dein ICE nach Berlin hat 70 Minuten Verspätung, und deinen Anschlusszug wirst du verpassen. Du sprichst am Bahnsteig eine Zugbegleiterin an.',
		role: 'Zugbegleiterin der Deutschen Bahn: gestresst, aber bemüht zu helfen; sie siezt dich',
		levelRange: { min: 'A2', max: 'B1' },
		goals: [
			{
				id: 'problem',
				text: 'I can explain that I will miss my connection.',
				keywords: ['anschluss*', 'verpasse*', 'verpasst', 'verspätung', 'umsteigen', 'zu spät']
			},
			{
				id: 'alternative',
				text: 'I can ask about another connection.',
				keywords: [
					'andere verbindung',
					'nächste zug',
					'nächster zug',
					'alternative',
					'welchen zug',
					'kann ich mit'
				]
			},
			{
				id: 'compensation',
				text: 'I can ask about compensation or a refund.',
				keywords: [
					'entschädigung',
					'erstattung',
					'fahrgastrechte',
					'geld zurück',
					'formular',
					'zugbindung'
				]
			}
		],
		vocabulary: [
			{ term: 'Verspätung', article: 'die', translation: 'delay' },
			{ term: 'Anschlusszug', article: 'der', translation: 'connecting train' },
			{ term: 'Bahnsteig', article: 'der', translation: 'platform' },
			{ term: 'Zugbegleiterin', article: 'die', translation: 'train conductor (female)' },
			{ term: 'Entschädigung', article: 'die', translation: 'compensation' },
			{ term: 'Fahrgastrechte', article: 'die', translation: 'passenger rights (plural)' },
			{ term: 'Zugbindung', article: 'die', translation: 'ticket tied to one train' },
			{ term: 'verpassen', translation: 'to miss' },
			{ term: 'ausfallen', translation: 'to be cancelled' }
		]
	},
	{
		id: 'de-vorstellungsgespraech',
		source: 'built-in',
		language: 'de',
		topic: 'work',
		title: 'Das Vorstellungsgespräch',
		setting:
			'Vorstellungsgespräch für eine Stelle als Sachbearbeiterin oder Sachbearbeiter in einem mittelständischen Unternehmen in Stuttgart. Ihr sitzt im Besprechungsraum, auf dem Tisch stehen Kaffee und Wasser.',
		role: 'Personalleiterin: höflich, strukturiert, stellt auch kritische Fragen; ihr siezt euch',
		levelRange: { min: 'B1', max: 'C1' },
		goals: [
			{
				id: 'experience',
				text: 'I can present my training and work experience.',
				keywords: [
					'berufserfahrung',
					'ausbildung',
					'studium',
					'ich habe studiert',
					'ich arbeite seit',
					'zuletzt',
					'abschluss'
				]
			},
			{
				id: 'strengths',
				text: 'I can name a strength and a weakness, with an example.',
				keywords: ['stärke*', 'schwäche*', 'teamfähig', 'zuverlässig', 'belastbar', 'organisiert']
			},
			{
				id: 'motivation',
				text: 'I can explain why I want this job.',
				keywords: [
					'weil ich',
					'interessiert mich',
					'mich reizt',
					'motiviert',
					'ihr unternehmen',
					'diese stelle'
				]
			},
			{
				id: 'questions',
				text: 'I can ask my own questions about the job.',
				keywords: [
					'einarbeitung',
					'arbeitszeit*',
					'homeoffice',
					'das team',
					'gehalt',
					'probezeit',
					'eintrittstermin'
				]
			}
		],
		vocabulary: [
			{ term: 'Stelle', article: 'die', translation: 'position, job' },
			{ term: 'Bewerbung', article: 'die', translation: 'application' },
			{ term: 'Lebenslauf', article: 'der', translation: 'CV' },
			{ term: 'Berufserfahrung', article: 'die', translation: 'work experience' },
			{ term: 'Stärke', article: 'die', translation: 'strength' },
			{ term: 'Schwäche', article: 'die', translation: 'weakness' },
			{ term: 'Einarbeitung', article: 'die', translation: 'induction, onboarding' },
			{ term: 'Gehalt', article: 'das', translation: 'salary' },
			{ term: 'Probezeit', article: 'die', translation: 'probation period' },
			{ term: 'Kündigungsfrist', article: 'die', translation: 'notice period' },
			{ term: 'sich bewerben', translation: 'to apply' }
		]
	},
	{
		id: 'de-elternabend',
		source: 'built-in',
		language: 'de',
		topic: 'school',
		title: 'Der Elternabend',
		setting:
			'Elternabend in der dritten Klasse einer Grundschule. Nach der großen Runde sprichst du kurz mit der Klassenlehrerin über dein Kind und die Klassenfahrt.',
		role: 'Klassenlehrerin: engagiert und freundlich, nach einem langen Tag etwas müde; sie siezt dich',
		levelRange: { min: 'B1', max: 'B2' },
		goals: [
			{
				id: 'child',
				text: 'I can ask how my child is doing at school.',
				keywords: [
					'wie macht sich',
					'meine tochter',
					'mein sohn',
					'im unterricht',
					'noten',
					'hausaufgaben',
					'mitkommen'
				]
			},
			{
				id: 'trip',
				text: 'I can ask about the class trip: dates, costs, what to pack.',
				keywords: ['klassenfahrt', 'kosten', 'mitnehmen', 'packen', 'wann fahren', 'übernachten']
			},
			{
				id: 'help',
				text: 'I can offer help or raise a concern.',
				keywords: [
					'ich kann helfen',
					'mithelfen',
					'helfen',
					'kuchen backen',
					'begleiten',
					'sorgen',
					'problem'
				]
			}
		],
		vocabulary: [
			{ term: 'Elternabend', article: 'der', translation: 'parents’ evening' },
			{ term: 'Klassenlehrerin', article: 'die', translation: 'class teacher (female)' },
			{ term: 'Klassenfahrt', article: 'die', translation: 'class trip' },
			{ term: 'Zeugnis', article: 'das', translation: 'school report' },
			{ term: 'Hausaufgaben', article: 'die', translation: 'homework (plural)' },
			{ term: 'Elternvertreter', article: 'der', translation: 'parent representative' },
			{ term: 'Grundschule', article: 'die', translation: 'primary school' },
			{ term: 'Stundenplan', article: 'der', translation: 'timetable' },
			{ term: 'sich Sorgen machen', translation: 'to worry' }
		]
	},
	{
		id: 'de-reklamation',
		source: 'built-in',
		language: 'de',
		topic: 'shopping',
		title: 'Eine Reklamation',
		setting:
			'Du hast vor einer Woche in einem Elektronikgeschäft einen Wasserkocher gekauft. Jetzt geht er nicht mehr an. Du bist mit dem Kassenbon wieder im Laden.',
		role: 'Mitarbeiter im Kundenservice: zuerst skeptisch, bleibt aber höflich; er siezt dich',
		levelRange: { min: 'A2', max: 'B1' },
		goals: [
			{
				id: 'problem',
				text: 'I can describe what is wrong with the product.',
				keywords: ['kaputt', 'funktioniert nicht', 'geht nicht', 'defekt', 'geht nicht mehr an']
			},
			{
				id: 'receipt',
				text: 'I can say when I bought it and show the receipt.',
				keywords: ['kassenbon', 'quittung', 'beleg', 'gekauft', 'letzte woche', 'vor einer woche']
			},
			{
				id: 'solution',
				text: 'I can ask for an exchange or my money back.',
				keywords: [
					'umtauschen',
					'umtausch',
					'geld zurück',
					'erstatten',
					'einen neuen',
					'ersatz',
					'reparieren',
					'garantie'
				]
			}
		],
		vocabulary: [
			{ term: 'Reklamation', article: 'die', translation: 'complaint' },
			{ term: 'Kassenbon', article: 'der', translation: 'receipt' },
			{ term: 'Umtausch', article: 'der', translation: 'exchange' },
			{ term: 'umtauschen', translation: 'to exchange' },
			{ term: 'Garantie', article: 'die', translation: 'guarantee' },
			{ term: 'Erstattung', article: 'die', translation: 'refund' },
			{ term: 'defekt', translation: 'faulty' },
			{ term: 'Wasserkocher', article: 'der', translation: 'kettle' },
			{ term: 'Kundenservice', article: 'der', translation: 'customer service' }
		]
	},
	{
		id: 'de-smalltalk-buero',
		source: 'built-in',
		language: 'de',
		topic: 'work',
		title: 'Small Talk im Büro',
		setting:
			'Montagmorgen in der Teeküche. An der Kaffeemaschine triffst du eine Kollegin aus einer anderen Abteilung.',
		role: 'Kollegin aus dem Marketing: gesprächig, duzt alle im Haus',
		levelRange: { min: 'A2', max: 'B1' },
		goals: [
			{
				id: 'weekend',
				text: 'I can talk about my weekend.',
				keywords: ['am wochenende', 'wochenende', 'ich war', 'samstag', 'sonntag', 'ausgeschlafen']
			},
			{
				id: 'react',
				text: 'I can ask my colleague questions and react to her answers.',
				keywords: [
					'und du',
					'und bei dir',
					'wie war',
					'echt',
					'wirklich',
					'klingt gut',
					'wie schön'
				]
			},
			{
				id: 'work',
				text: 'I can say something about my work this week.',
				keywords: [
					'projekt',
					'meeting',
					'besprechung',
					'ich arbeite an',
					'viel zu tun',
					'abteilung',
					'kunde*'
				]
			}
		],
		vocabulary: [
			{ term: 'Teeküche', article: 'die', translation: 'office kitchen' },
			{ term: 'Kaffeemaschine', article: 'die', translation: 'coffee machine' },
			{ term: 'Abteilung', article: 'die', translation: 'department' },
			{ term: 'Kollegin', article: 'die', translation: 'colleague (female)' },
			{ term: 'Besprechung', article: 'die', translation: 'meeting' },
			{ term: 'Mittagspause', article: 'die', translation: 'lunch break' },
			{ term: 'Feierabend', article: 'der', translation: 'end of the working day' },
			{ term: 'viel zu tun haben', translation: 'to be busy' }
		]
	},
	{
		id: 'de-apotheke',
		source: 'built-in',
		language: 'de',
		topic: 'health',
		title: 'In der Apotheke',
		setting:
			'In einer Apotheke in der Innenstadt. Du hast Schnupfen und Kopfschmerzen und brauchst etwas, das es ohne Rezept gibt.',
		role: 'Apothekerin: fürsorglich, fragt genau nach; sie siezt dich',
		levelRange: { min: 'A2', max: 'B1' },
		goals: [
			{
				id: 'symptoms',
				text: 'I can describe my complaints.',
				keywords: [
					'schnupfen',
					'kopfschmerzen',
					'erkältet',
					'erkältung',
					'husten',
					'halsschmerzen',
					'tut weh'
				]
			},
			{
				id: 'medicine',
				text: 'I can ask for a medicine that needs no prescription.',
				keywords: [
					'ohne rezept',
					'rezeptfrei',
					'haben sie etwas',
					'tabletten',
					'nasenspray',
					'medikament',
					'mittel gegen'
				]
			},
			{
				id: 'dosage',
				text: 'I can ask how to take it.',
				keywords: [
					'wie oft',
					'wie viele',
					'einnehmen',
					'am tag',
					'dosierung',
					'nebenwirkungen',
					'vor dem essen',
					'nach dem essen'
				]
			}
		],
		vocabulary: [
			{ term: 'Rezept', article: 'das', translation: 'prescription' },
			{ term: 'rezeptfrei', translation: 'over the counter' },
			{ term: 'Tablette', article: 'die', translation: 'tablet' },
			{ term: 'Nasenspray', article: 'das', translation: 'nasal spray' },
			{ term: 'Hustensaft', article: 'der', translation: 'cough syrup' },
			{ term: 'Nebenwirkung', article: 'die', translation: 'side effect' },
			{ term: 'Packungsbeilage', article: 'die', translation: 'package leaflet' },
			{ term: 'einnehmen', translation: 'to take (medicine)' },
			{ term: 'Schnupfen', article: 'der', translation: 'runny nose' }
		]
	},
	{
		id: 'de-restaurant',
		source: 'built-in',
		language: 'de',
		topic: 'food',
		title: 'Im Restaurant',
		setting:
			'Freitagabend in einem kleinen italienischen Restaurant in München. Du hast keinen Tisch reserviert.',
		role: 'Kellnerin: freundlich und aufmerksam; sie siezt dich',
		levelRange: { min: 'A1', max: 'A2' },
		goals: [
			{
				id: 'table',
				text: 'I can ask for a table.',
				keywords: [
					'einen tisch',
					'tisch für',
					'ist hier frei',
					'für zwei personen',
					'für eine person',
					'reserviert'
				]
			},
			{
				id: 'order',
				text: 'I can order a meal and a drink.',
				keywords: ['ich nehme', 'ich hätte gern', 'ich möchte', 'für mich', 'bestellen']
			},
			{
				id: 'bill',
				text: 'I can ask for the bill and pay.',
				keywords: ['die rechnung', 'rechnung', 'zahlen', 'zusammen', 'getrennt', 'stimmt so']
			}
		],
		vocabulary: [
			{ term: 'Speisekarte', article: 'die', translation: 'menu' },
			{ term: 'Vorspeise', article: 'die', translation: 'starter' },
			{ term: 'Hauptgericht', article: 'das', translation: 'main course' },
			{ term: 'Nachtisch', article: 'der', translation: 'dessert' },
			{ term: 'Getränk', article: 'das', translation: 'drink' },
			{ term: 'Rechnung', article: 'die', translation: 'bill' },
			{ term: 'Trinkgeld', article: 'das', translation: 'tip' },
			{ term: 'Stimmt so.', translation: 'Keep the change.' },
			{ term: 'reservieren', translation: 'to book' }
		]
	},
	{
		id: 'de-supermarkt-pfand',
		source: 'built-in',
		language: 'de',
		topic: 'shopping',
		title: 'Im Supermarkt: Pfand und Kasse',
		setting:
			'In einem Supermarkt. Du hast eine Tüte mit leeren Pfandflaschen dabei und suchst noch ein paar Sachen für das Abendessen. Ein Mitarbeiter räumt gerade ein Regal ein.',
		role: 'Mitarbeiter im Supermarkt: hilfsbereit, kennt jedes Regal',
		levelRange: { min: 'A1', max: 'A2' },
		goals: [
			{
				id: 'find',
				text: 'I can ask where to find a product.',
				keywords: ['wo finde ich', 'wo ist', 'wo sind', 'gibt es', 'haben sie', 'ich suche']
			},
			{
				id: 'deposit',
				text: 'I can ask how to return empty bottles.',
				keywords: ['pfand*', 'leergut', 'flasche*', 'zurückgeben', 'abgeben', 'automat*']
			},
			{
				id: 'checkout',
				text: 'I can manage the checkout: a bag, paying by card, the receipt.',
				keywords: ['tüte', 'mit karte', 'bar', 'kassenbon', 'bon', 'kasse']
			}
		],
		vocabulary: [
			{ term: 'Pfand', article: 'das', translation: 'bottle deposit' },
			{ term: 'Pfandautomat', article: 'der', translation: 'bottle return machine' },
			{ term: 'Leergut', article: 'das', translation: 'empties' },
			{ term: 'Pfandbon', article: 'der', translation: 'deposit receipt' },
			{ term: 'Flasche', article: 'die', translation: 'bottle' },
			{ term: 'Dose', article: 'die', translation: 'can' },
			{ term: 'Kasse', article: 'die', translation: 'checkout' },
			{ term: 'Regal', article: 'das', translation: 'shelf' },
			{ term: 'Sonderangebot', article: 'das', translation: 'special offer' }
		]
	},
	{
		id: 'de-post',
		source: 'built-in',
		language: 'de',
		topic: 'services',
		title: 'Auf der Post',
		setting:
			'In einer Postfiliale. Du möchtest ein Paket an deine Familie im Ausland schicken und ein paar Briefmarken kaufen.',
		role: 'Mitarbeiter am Postschalter: routiniert, nennt Preise und Möglichkeiten; er siezt dich',
		levelRange: { min: 'A2', max: 'B1' },
		goals: [
			{
				id: 'parcel',
				text: 'I can say that I want to send a parcel, and where to.',
				keywords: ['paket', 'päckchen', 'schicken', 'verschicken', 'ins ausland', 'senden']
			},
			{
				id: 'options',
				text: 'I can ask about the price and how long delivery takes.',
				keywords: [
					'wie lange',
					'was kostet',
					'wie viel kostet',
					'dauert',
					'versichert',
					'sendungsverfolgung',
					'express'
				]
			},
			{
				id: 'stamps',
				text: 'I can buy stamps.',
				keywords: ['briefmarke*', 'porto']
			}
		],
		vocabulary: [
			{ term: 'Paket', article: 'das', translation: 'parcel' },
			{ term: 'Päckchen', article: 'das', translation: 'small parcel' },
			{ term: 'Briefmarke', article: 'die', translation: 'stamp' },
			{ term: 'Porto', article: 'das', translation: 'postage' },
			{ term: 'Schalter', article: 'der', translation: 'counter' },
			{ term: 'Sendungsverfolgung', article: 'die', translation: 'tracking' },
			{ term: 'Absender', article: 'der', translation: 'sender' },
			{ term: 'Empfänger', article: 'der', translation: 'recipient' },
			{ term: 'Zollerklärung', article: 'die', translation: 'customs declaration' },
			{ term: 'verschicken', translation: 'to send' }
		]
	},
	{
		id: 'de-bankkonto',
		source: 'built-in',
		language: 'de',
		topic: 'admin',
		title: 'Ein Bankkonto eröffnen',
		setting:
			'Du hast einen Termin in einer Bankfiliale, um ein Girokonto zu eröffnen. Du bist neu in Deutschland und bekommst bald dein erstes Gehalt.',
		role: 'Bankberater: seriös, erklärt die Bedingungen, bietet gern zusätzliche Produkte an; er siezt dich',
		levelRange: { min: 'B1', max: 'B2' },
		goals: [
			{
				id: 'account',
				text: 'I can say which kind of account I want.',
				keywords: ['girokonto', 'konto eröffnen', 'ein konto']
			},
			{
				id: 'fees',
				text: 'I can ask about fees and the bank card.',
				keywords: [
					'kontoführungsgebühr*',
					'gebühr*',
					'kostet das konto',
					'girocard',
					'ec karte',
					'kreditkarte',
					'kostenlos'
				]
			},
			{
				id: 'documents',
				text: 'I can say which documents I have with me.',
				keywords: [
					'reisepass',
					'ausweis',
					'meldebescheinigung',
					'arbeitsvertrag',
					'steuer id',
					'steueridentifikationsnummer'
				]
			},
			{
				id: 'online',
				text: 'I can ask about online banking.',
				keywords: ['onlinebanking', 'online banking', 'app', 'überweisung', 'überweisen']
			}
		],
		vocabulary: [
			{ term: 'Girokonto', article: 'das', translation: 'current account' },
			{ term: 'Kontoführungsgebühr', article: 'die', translation: 'account fee' },
			{ term: 'Girocard', article: 'die', translation: 'debit card' },
			{ term: 'Überweisung', article: 'die', translation: 'bank transfer' },
			{ term: 'Dauerauftrag', article: 'der', translation: 'standing order' },
			{ term: 'Filiale', article: 'die', translation: 'branch' },
			{ term: 'Geheimzahl', article: 'die', translation: 'PIN' },
			{ term: 'Steuer-ID', article: 'die', translation: 'tax ID' },
			{ term: 'ein Konto eröffnen', translation: 'to open an account' }
		]
	},
	{
		id: 'de-fitnessstudio',
		source: 'built-in',
		language: 'de',
		topic: 'leisure',
		title: 'Im Fitnessstudio',
		setting:
			'Am Empfang eines Fitnessstudios. Du interessierst dich für eine Mitgliedschaft, möchtest aber zuerst alles genau wissen.',
		role: 'Trainer am Empfang: sportlich, motiviert, verkauft gern einen Vertrag; er duzt dich',
		levelRange: { min: 'A2', max: 'B1' },
		goals: [
			{
				id: 'membership',
				text: 'I can ask about the monthly fee and the contract term.',
				keywords: [
					'mitgliedschaft',
					'monatsbeitrag',
					'im monat',
					'vertrag',
					'laufzeit',
					'kündigen',
					'kündigungsfrist'
				]
			},
			{
				id: 'trial',
				text: 'I can ask for a free trial session.',
				keywords: ['probetraining', 'ausprobieren', 'testen', 'probe*']
			},
			{
				id: 'times',
				text: 'I can ask about opening hours and classes.',
				keywords: ['öffnungszeiten', 'geöffnet', 'wann habt ihr', 'kurs*', 'yoga', 'sauna']
			}
		],
		vocabulary: [
			{ term: 'Mitgliedschaft', article: 'die', translation: 'membership' },
			{ term: 'Monatsbeitrag', article: 'der', translation: 'monthly fee' },
			{ term: 'Vertragslaufzeit', article: 'die', translation: 'contract term' },
			{ term: 'Kündigungsfrist', article: 'die', translation: 'notice period' },
			{ term: 'Probetraining', article: 'das', translation: 'trial session' },
			{ term: 'Kurs', article: 'der', translation: 'class' },
			{ term: 'Umkleide', article: 'die', translation: 'changing room' },
			{ term: 'Gerät', article: 'das', translation: 'machine (equipment)' },
			{ term: 'Öffnungszeiten', article: 'die', translation: 'opening hours (plural)' }
		]
	},
	{
		id: 'de-nachbarn',
		source: 'built-in',
		language: 'de',
		topic: 'social',
		title: 'Die neue Nachbarin',
		setting:
			'Du bist gerade in ein Mehrfamilienhaus eingezogen. Im Treppenhaus triffst du deine Nachbarin aus dem zweiten Stock.',
		role: 'Nachbarin, wohnt schon lange im Haus: offen und ein bisschen neugierig; sie siezt dich zuerst',
		levelRange: { min: 'A1', max: 'A2' },
		goals: [
			{
				id: 'introduce',
				text: 'I can introduce myself and say that I have just moved in.',
				keywords: [
					'ich heiße',
					'mein name ist',
					'ich bin neu',
					'neu hier',
					'eingezogen',
					'ich wohne jetzt'
				]
			},
			{
				id: 'ask',
				text: 'I can ask her about herself and the building.',
				keywords: ['wohnen sie', 'wohnst du', 'wie lange', 'das haus', 'stock', 'woher kommen sie']
			},
			{
				id: 'favour',
				text: 'I can ask for a small favour, such as taking in a parcel.',
				keywords: ['paket annehmen', 'paket', 'können sie', 'könnten sie', 'würden sie', 'gefallen']
			}
		],
		vocabulary: [
			{ term: 'Nachbarin', article: 'die', translation: 'neighbour (female)' },
			{ term: 'Treppenhaus', article: 'das', translation: 'stairwell' },
			{ term: 'Stock', article: 'der', translation: 'floor, storey' },
			{ term: 'Briefkasten', article: 'der', translation: 'letterbox' },
			{ term: 'Hausordnung', article: 'die', translation: 'house rules' },
			{ term: 'Mülltonne', article: 'die', translation: 'bin' },
			{ term: 'einziehen', translation: 'to move in' },
			{ term: 'Herzlich willkommen!', translation: 'Welcome!' }
		]
	},
	{
		id: 'de-friseur',
		source: 'built-in',
		language: 'de',
		topic: 'services',
		title: 'Beim Friseur',
		setting:
			'Du hast einen Termin in einem Friseursalon. Deine Haare sind zu lang, aber du möchtest keine ganz neue Frisur.',
		role: 'Friseurin: plaudert gern, fragt genau nach, wie es werden soll; sie siezt dich',
		levelRange: { min: 'A2', max: 'B1' },
		goals: [
			{
				id: 'cut',
				text: 'I can describe the haircut I want.',
				keywords: [
					'kürzer',
					'schneiden',
					'spitzen',
					'nur ein bisschen',
					'zentimeter',
					'pony',
					'an den seiten',
					'stufen'
				]
			},
			{
				id: 'wash',
				text: 'I can answer questions about washing and styling.',
				keywords: ['waschen', 'föhnen', 'trocken', 'gel', 'glätten', 'locken']
			},
			{
				id: 'pay',
				text: 'I can ask about the price and pay.',
				keywords: ['was kostet', 'wie viel', 'zahlen', 'mit karte', 'bar', 'trinkgeld']
			}
		],
		vocabulary: [
			{ term: 'Frisur', article: 'die', translation: 'hairstyle' },
			{ term: 'Spitzen', article: 'die', translation: 'ends (plural)' },
			{ term: 'Pony', article: 'der', translation: 'fringe' },
			{ term: 'Stufen', article: 'die', translation: 'layers (plural)' },
			{ term: 'Scheitel', article: 'der', translation: 'parting' },
			{ term: 'föhnen', translation: 'to blow-dry' },
			{ term: 'kürzer', translation: 'shorter' },
			{ term: 'Friseursalon', article: 'der', translation: 'hair salon' }
		]
	},
	{
		id: 'de-kino',
		source: 'built-in',
		language: 'de',
		topic: 'leisure',
		title: 'Im Kino',
		setting:
			'Freitagabend an der Kinokasse. Du möchtest mit einer Freundin einen Film sehen, weißt aber noch nicht genau, welchen.',
		role: 'Mitarbeiterin an der Kinokasse: freundlich, kennt das Programm',
		levelRange: { min: 'A1', max: 'A2' },
		goals: [
			{
				id: 'film',
				text: 'I can ask which films are on and when they start.',
				keywords: [
					'welche filme',
					'was läuft',
					'wann beginnt',
					'wann fängt',
					'um wie viel uhr',
					'vorstellung',
					'original*',
					'untertitel'
				]
			},
			{
				id: 'tickets',
				text: 'I can buy two tickets and choose seats.',
				keywords: ['zwei karten', 'karten', 'tickets', 'plätze', 'reihe', 'in der mitte', 'hinten']
			},
			{
				id: 'snacks',
				text: 'I can order popcorn and a drink.',
				keywords: ['popcorn', 'nachos', 'cola', 'getränk', 'wasser']
			}
		],
		vocabulary: [
			{ term: 'Kinokasse', article: 'die', translation: 'box office' },
			{ term: 'Vorstellung', article: 'die', translation: 'showing' },
			{ term: 'Eintrittskarte', article: 'die', translation: 'ticket' },
			{ term: 'Reihe', article: 'die', translation: 'row' },
			{ term: 'Platz', article: 'der', translation: 'seat' },
			{ term: 'Originalfassung', article: 'die', translation: 'original version' },
			{ term: 'Untertitel', article: 'der', translation: 'subtitle' },
			{ term: 'ausverkauft', translation: 'sold out' }
		]
	},
	{
		id: 'de-handyvertrag',
		source: 'built-in',
		language: 'de',
		topic: 'services',
		title: 'Ein Handyvertrag',
		setting:
			'In einem Handyladen. Du brauchst einen neuen Tarif mit viel Datenvolumen, aber ohne lange Vertragslaufzeit.',
		role: 'Verkäufer im Handyladen: redegewandt, möchte dir einen teuren Vertrag mit neuem Handy verkaufen; er siezt dich',
		levelRange: { min: 'B1', max: 'B2' },
		goals: [
			{
				id: 'needs',
				text: 'I can explain what I need: data, calls, use abroad.',
				keywords: [
					'datenvolumen',
					'gigabyte',
					'gb',
					'flatrate',
					'telefonieren',
					'roaming',
					'im ausland'
				]
			},
			{
				id: 'terms',
				text: 'I can ask about the contract term and the notice period.',
				keywords: [
					'laufzeit',
					'kündigen',
					'kündigungsfrist',
					'monatlich kündbar',
					'24 monate',
					'prepaid',
					'grundgebühr'
				]
			},
			{
				id: 'refuse',
				text: 'I can politely turn down an offer I do not want.',
				keywords: [
					'nein danke',
					'brauche ich nicht',
					'kein neues handy',
					'zu teuer',
					'lieber nicht',
					'ich überlege es mir'
				]
			}
		],
		vocabulary: [
			{ term: 'Handyvertrag', article: 'der', translation: 'mobile contract' },
			{ term: 'Tarif', article: 'der', translation: 'plan' },
			{ term: 'Datenvolumen', article: 'das', translation: 'data allowance' },
			{ term: 'Vertragslaufzeit', article: 'die', translation: 'contract term' },
			{ term: 'Grundgebühr', article: 'die', translation: 'basic monthly fee' },
			{ term: 'SIM-Karte', article: 'die', translation: 'SIM card' },
			{ term: 'Rufnummernmitnahme', article: 'die', translation: 'keeping your number' },
			{ term: 'Guthaben', article: 'das', translation: 'credit (prepaid)' },
			{ term: 'monatlich kündbar', translation: 'can be cancelled monthly' }
		]
	},
	{
		id: 'de-fahrradwerkstatt',
		source: 'built-in',
		language: 'de',
		topic: 'services',
		title: 'In der Fahrradwerkstatt',
		setting:
			'Du bringst dein Fahrrad in eine Fahrradwerkstatt. Die Bremsen quietschen, und der Hinterreifen ist ständig platt.',
		role: 'Fahrradmechaniker: wortkarg, aber kompetent; er duzt dich',
		levelRange: { min: 'A2', max: 'B1' },
		goals: [
			{
				id: 'problem',
				text: 'I can describe what is wrong with my bike.',
				keywords: [
					'bremse*',
					'quietsch*',
					'platt',
					'reifen',
					'schlauch',
					'kette',
					'licht',
					'kaputt'
				]
			},
			{
				id: 'cost',
				text: 'I can ask how much the repair costs and how long it takes.',
				keywords: [
					'was kostet',
					'wie viel',
					'wie lange',
					'wann ist es fertig',
					'kostenvoranschlag',
					'bis wann'
				]
			},
			{
				id: 'pickup',
				text: 'I can arrange when to pick it up.',
				keywords: ['abholen', 'vorbeikommen', 'morgen', 'nachmittag', 'anrufen']
			}
		],
		vocabulary: [
			{ term: 'Fahrrad', article: 'das', translation: 'bicycle' },
			{ term: 'Bremse', article: 'die', translation: 'brake' },
			{ term: 'Reifen', article: 'der', translation: 'tyre' },
			{ term: 'Schlauch', article: 'der', translation: 'inner tube' },
			{ term: 'Kette', article: 'die', translation: 'chain' },
			{ term: 'Platten', article: 'der', translation: 'flat tyre' },
			{ term: 'Reparatur', article: 'die', translation: 'repair' },
			{ term: 'Kostenvoranschlag', article: 'der', translation: 'quote (estimate)' },
			{ term: 'abholen', translation: 'to pick up' }
		]
	},
	{
		id: 'de-krankmeldung',
		source: 'built-in',
		language: 'de',
		topic: 'work',
		title: 'Sich krankmelden',
		setting:
			'Es ist halb acht am Morgen. Du bist krank und kannst heute nicht arbeiten. Du rufst deine Teamleiterin an.',
		role: 'Teamleiterin: verständnisvoll, muss aber die Arbeit im Team planen; ihr duzt euch',
		levelRange: { min: 'A2', max: 'B1' },
		goals: [
			{
				id: 'sick',
				text: 'I can say that I am ill and cannot come to work.',
				keywords: [
					'krank',
					'kann heute nicht',
					'nicht kommen',
					'krankmelden',
					'mir geht es nicht gut',
					'fieber'
				]
			},
			{
				id: 'note',
				text: 'I can say when I will see a doctor and send a sick note.',
				keywords: [
					'krankschreibung',
					'krankgeschrieben',
					'attest',
					'zum arzt',
					'arbeitsunfähigkeitsbescheinigung',
					'au'
				]
			},
			{
				id: 'handover',
				text: 'I can say what my colleagues need to know about today’s work.',
				keywords: [
					'termin',
					'meeting',
					'übernehmen',
					'verschieben',
					'absagen',
					'vertreten',
					'kollege*',
					'kollegin'
				]
			}
		],
		vocabulary: [
			{ term: 'Krankmeldung', article: 'die', translation: 'notice of illness' },
			{ term: 'Krankschreibung', article: 'die', translation: 'sick note' },
			{ term: 'krankgeschrieben sein', translation: 'to be signed off sick' },
			{ term: 'Teamleiterin', article: 'die', translation: 'team leader (female)' },
			{ term: 'vertreten', translation: 'to stand in for' },
			{ term: 'verschieben', translation: 'to postpone' },
			{ term: 'absagen', translation: 'to cancel' },
			{ term: 'Gute Besserung!', translation: 'Get well soon!' }
		]
	},
	{
		id: 'de-wegbeschreibung',
		source: 'built-in',
		language: 'de',
		topic: 'travel',
		title: 'Nach dem Weg fragen',
		setting:
			'Du bist zum ersten Mal in Dresden und suchst das Rathaus. An einer Straßenbahnhaltestelle sprichst du eine Passantin an.',
		role: 'Passantin aus Dresden: hilfsbereit, erklärt den Weg genau; sie siezt dich',
		levelRange: { min: 'A1', max: 'A2' },
		goals: [
			{
				id: 'ask',
				text: 'I can politely ask someone the way.',
				keywords: ['wo ist', 'wie komme ich', 'ich suche', 'wie weit']
			},
			{
				id: 'check',
				text: 'I can check that I understood the directions.',
				keywords: [
					'links',
					'rechts',
					'geradeaus',
					'habe ich das richtig',
					'noch einmal',
					'wiederholen',
					'also zuerst'
				]
			},
			{
				id: 'transport',
				text: 'I can ask which tram or bus goes there.',
				keywords: [
					'straßenbahn',
					'bus',
					'linie',
					'haltestelle',
					'welche bahn',
					'wie viele stationen'
				]
			}
		],
		vocabulary: [
			{ term: 'Haltestelle', article: 'die', translation: 'stop' },
			{ term: 'Straßenbahn', article: 'die', translation: 'tram' },
			{ term: 'Kreuzung', article: 'die', translation: 'crossroads' },
			{ term: 'Ampel', article: 'die', translation: 'traffic lights' },
			{ term: 'Ecke', article: 'die', translation: 'corner' },
			{ term: 'Rathaus', article: 'das', translation: 'town hall' },
			{ term: 'geradeaus', translation: 'straight on' },
			{ term: 'abbiegen', translation: 'to turn' }
		]
	},
	{
		id: 'de-geburtstag',
		source: 'built-in',
		language: 'de',
		topic: 'social',
		title: 'Eine Einladung zum Geburtstag',
		setting:
			'Eine Freundin aus deinem Deutschkurs feiert am Samstag ihren Geburtstag in ihrer Wohnung. Sie ruft dich an, um dich einzuladen.',
		role: 'Freundin aus dem Deutschkurs: herzlich, plant gern; ihr duzt euch',
		levelRange: { min: 'A1', max: 'A2' },
		goals: [
			{
				id: 'accept',
				text: 'I can accept or decline the invitation and say why.',
				keywords: [
					'ich komme gern',
					'gerne',
					'ich kann leider nicht',
					'leider',
					'ich komme',
					'danke für die einladung'
				]
			},
			{
				id: 'details',
				text: 'I can ask about the time, the place and who is coming.',
				keywords: ['um wie viel uhr', 'wann', 'wo', 'wer kommt', 'deine adresse', 'wie komme ich']
			},
			{
				id: 'bring',
				text: 'I can offer to bring something.',
				keywords: ['mitbringen', 'soll ich', 'kann ich etwas', 'salat', 'kuchen', 'getränke']
			}
		],
		vocabulary: [
			{ term: 'Einladung', article: 'die', translation: 'invitation' },
			{ term: 'Geburtstag', article: 'der', translation: 'birthday' },
			{ term: 'Feier', article: 'die', translation: 'party' },
			{ term: 'Geschenk', article: 'das', translation: 'present' },
			{ term: 'mitbringen', translation: 'to bring along' },
			{ term: 'Alles Gute zum Geburtstag!', translation: 'Happy birthday!' },
			{ term: 'leider', translation: 'unfortunately' },
			{ term: 'zusagen', translation: 'to accept (an invitation)' }
		]
	}
];
