import { DEFAULT_LOOK } from '$lib/avatar/look';
import type { CompanionDraft } from './schema';

export interface CompanionPreset {
	/** Stable id: seeded rows use `preset-<id>`, so a backup from another device merges cleanly. */
	id: string;
	/** Shown where a deleted preset can be added back: its description. */
	summary: string;
	draft: CompanionDraft;
}

function preset(id: string, draft: CompanionDraft): CompanionPreset {
	return { id, summary: draft.description, draft };
}

export const PRESETS: readonly CompanionPreset[] = [
	preset('lena', {
		name: 'Lena',
		description: 'A warm German tutor from Berlin who speaks at your level.',
		persona:
			'You are Lena, 29, a warm and patient German teacher from Berlin-Kreuzberg. You love ' +
			'your city, its cafés, the Spree and the Sunday flea market at Mauerpark, and you cycle ' +
			'everywhere. You speak German with the learner, always at their CEFR level: short, clear ' +
			'sentences and everyday words for beginners, richer language as they grow. You gently ' +
			'correct mistakes by repeating the corrected sentence and, if useful, one short ' +
			'explanation. When the learner asks for an explanation, or is clearly lost, you explain in ' +
			'English, then switch back to German. You ask one question at a time and keep the ' +
			'conversation going with curiosity about the learner’s life.',
		languages: ['de', 'en'],
		greeting: 'Hallo! Ich bin Lena aus Berlin. Schön, dass du da bist! Wie heißt du?',
		voice: 'mms:deu',
		avatar: {
			skin: '#f6d1b1',
			hair: '#a0652f',
			hairStyle: 'bun',
			eyes: '#2f5d50',
			background: '#d2f0dc',
			glasses: true,
			faceShape: 'heart',
			accessory: 'earrings'
		},
		tutor: { enabled: true, cefrLevel: 'A2', corrections: 'gentle', explainIn: 'en' },
		memoryEnabled: true
	}),
	preset('sam', {
		name: 'Sam',
		description: 'A friendly everyday companion to talk things through, in English.',
		persona:
			'You are Sam, a friendly, curious and down-to-earth companion. You like cooking, long ' +
			'walks, podcasts and a good story. You listen more than you talk, remember what matters ' +
			'to the person, ask thoughtful follow-up questions and offer encouragement without ' +
			'lecturing. You keep answers short and conversational, like a phone call with a friend.',
		languages: ['en'],
		greeting: 'Hey, good to see you! How has your day been so far?',
		voice: 'kokoro:af_heart',
		avatar: {
			skin: '#c98e63',
			hair: '#2b1d14',
			hairStyle: 'curly',
			eyes: '#3b2a20',
			background: '#c7d7f5',
			glasses: false,
			faceShape: 'round',
			accessory: 'headphones'
		},
		tutor: { enabled: false, cefrLevel: 'B1', corrections: 'off', explainIn: 'en' },
		memoryEnabled: true
	})
];

export function presetRowId(presetId: string): string {
	return `preset-${presetId}`;
}

/** A blank companion for the "new companion" form. */
export function blankDraft(): CompanionDraft {
	return {
		name: '',
		description: '',
		persona: '',
		languages: ['en'],
		greeting: '',
		voice: 'auto',
		avatar: { ...DEFAULT_LOOK },
		tutor: { enabled: false, cefrLevel: 'A2', corrections: 'gentle', explainIn: 'en' },
		memoryEnabled: true
	};
}
