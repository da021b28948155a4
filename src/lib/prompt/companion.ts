import { CEFR_DESCRIPTIONS, languageName } from '$lib/companion/languages';
import type { Companion } from '$lib/companion/schema';
import { levelInstruction } from '$lib/tutor/level/profiles';
import { correctionMode } from '$lib/tutor/modes';
import type { PromptContext, PromptSection } from './section';

/** How the prompt names the person: their name, once they gave it. */
export function personName(context: PromptContext): string {
	return context.profile?.name || 'the person';
}

/** Who the companion is, in the person's own words. */
export const personaSection: PromptSection = {
	id: 'persona',
	stable: true,
	render: ({ companion }) => companion.persona || `You are ${companion.name}, a friendly companion.`
};

/** Names, languages and how to speak in a spoken conversation. */
export const conversationRulesSection: PromptSection = {
	id: 'rules',
	stable: true,
	render: (context) => {
		const { companion, profile } = context;
		const [primary, ...others] = companion.languages;
		const person = personName(context);
		return [
			`Your name is ${companion.name}. You are talking with ${person}${
				profile?.nativeLanguage
					? `, whose native language is ${languageName(profile.nativeLanguage)}`
					: ''
			}.`,
			`Speak ${languageName(primary)}.${others.length ? ` You also speak ${others.map(languageName).join(' and ')}; switch only when ${person} asks or clearly needs it.` : ''}`,
			'This is a spoken conversation: answer in one to three short sentences, ask at most one question, and do not use lists, headings or emoji unless asked.'
		].join('\n');
	}
};

/** The learner's level (CEFR) and how to correct them, when the companion is also a tutor. */
export const tutorSection: PromptSection = {
	id: 'tutor',
	stable: true,
	render: ({ companion }) => (companion.tutor.enabled ? tutorRules(companion) : null)
};

function tutorRules(companion: Companion): string {
	const { tutor } = companion;
	const language = languageName(companion.languages[0]);
	const explainIn = languageName(tutor.explainIn);
	const lines = [
		`You are also the person's ${language} tutor. Their level is ${tutor.cefrLevel} (${CEFR_DESCRIPTIONS[tutor.cefrLevel]}).`,
		levelInstruction(tutor.cefrLevel, companion.languages[0])
	];
	const mode = correctionMode(tutor);
	if (mode.recast) {
		lines.push(
			'When the learner makes a mistake, answer what they meant and use the correct form naturally in your answer, without pointing at the mistake. Never lecture.'
		);
	}
	if (mode.explicitNote) {
		lines.push(
			`After your answer, add one short note on their most important mistake in ${explainIn}, starting with "✎".`
		);
	}
	if (!mode.recast) lines.push('Do not correct mistakes unless the learner asks you to.');
	if (mode.why) {
		lines.push(
			`When the learner asks "Warum?" about a correction, explain it in one or two sentences in ${explainIn}.`
		);
	}
	lines.push(
		`If the learner asks for an explanation or is clearly lost, explain briefly in ${explainIn}, then switch back to ${language}.`
	);
	return lines.join('\n');
}
