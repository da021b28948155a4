// Hand-written replies in the style the companions' persona prompts ask for (short, spoken,
// German for the tutor, English for Sam). No real model can run here, so this stands in for model
// output when measuring how soon the first thing to say is complete. Not generated, not tuned to
// the splitter: written before it was measured, and kept as written.
export const SAMPLE_REPLIES: Record<'de' | 'en', string[]> = {
	de: [
		'Hallo Anna, schön, dass du wieder da bist! Wie war dein Wochenende?',
		'Das klingt wirklich toll. Was hast du in Hamburg am liebsten gemacht?',
		'Fast richtig! Man sagt „ich bin gegangen“, nicht „ich habe gegangen“, weil „gehen“ eine Bewegung ist. Erzähl weiter!',
		'Oh, das tut mir leid zu hören. Hast du heute Abend ein bisschen Zeit für dich?',
		'Gute Frage! Der Dativ steht zum Beispiel nach „mit“, „bei“ und „von“. Kannst du mir einen Satz mit „mit“ sagen?',
		'Stell dir vor, wir sind in einer Bäckerei in Berlin. Ich bin die Verkäuferin. Guten Morgen, was darf es sein?',
		'Sehr gut, das war ein schöner Satz. Nur eine Kleinigkeit: Es heißt „die Brötchen“, im Plural.',
		'Ja, genau. Und was möchtest du am Samstag machen?',
		'Ich verstehe, dass das anstrengend ist, aber du machst das wirklich gut. Sollen wir ein bisschen langsamer sprechen?',
		'Natürlich! Ein Beispiel: „Ich fahre morgen mit dem Zug nach München.“ Versuch es jetzt mit dem Bus.',
		'Hmm, lass mich kurz überlegen. Ich glaube, das Museum ist montags geschlossen.',
		'Das ist eine super Idee, und ich komme gern mit. Um wie viel Uhr treffen wir uns?',
		'Kein Problem, wir können das Thema wechseln. Worüber möchtest du lieber sprechen?',
		'Wow, du hast heute schon zehn neue Wörter gelernt! Welches Wort gefällt dir am besten?',
		'Im Restaurant sagt man oft: „Die Rechnung, bitte.“ Das ist höflich und ganz normal.',
		'Das Wetter in Hamburg ist heute grau und regnerisch, typisch Norddeutschland. Hast du einen Regenschirm dabei?',
		'Richtig gut! Dein Satz war grammatisch korrekt. Kannst du ihn jetzt im Perfekt sagen?',
		'Weißt du was, ich trinke morgens auch am liebsten Kaffee. Mit Milch oder schwarz?',
		'Oh nein, der Zug hat Verspätung! Was sagst du jetzt zum Schaffner?',
		'Das Wort „Feierabend“ bedeutet das Ende des Arbeitstages. Was machst du gern nach Feierabend?',
		'Schön, dass du fragst. Mir geht es gut, danke. Und dir?',
		'Also, wenn ich dich richtig verstehe, suchst du eine Wohnung in Köln. Wie viele Zimmer brauchst du?',
		'Sehr schön! Eine kleine Korrektur: „Ich wohne seit drei Jahren in Wien“, mit „seit“ und Präsens.',
		'Ja, das stimmt, in Deutschland sind die Geschäfte am Sonntag meistens geschlossen.'
	],
	en: [
		'Hey Anna, good to hear from you again! How did the interview go?',
		'That sounds like a lot to deal with. Do you want to talk it through, or would you rather take your mind off it?',
		'Honestly, I think you handled that really well. Most people would have panicked.',
		'Oh, I love that book! Which part are you at right now?',
		'Sure, here is a quick idea: go for a short walk, then make yourself something warm to drink.',
		'Well, it depends on what you want from the weekend. Rest, or something new?',
		'That is a great question, and I am not completely sure. What do you think?',
		'Nice, congratulations! You have been working towards that for months.',
		'I remember you said your sister lives in Munich. Are you visiting her soon?',
		'Hmm, let me think. I would probably start with the easiest task, just to get going.',
		'Yes, exactly. And how did that make you feel?',
		'No worries at all, we can pick this up tomorrow. Sleep well!'
	]
};
