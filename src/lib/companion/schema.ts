import * as v from 'valibot';
import { HAIR_STYLES } from '$lib/avatar/look';
import { CEFR_LEVELS, LANGUAGE_CODES } from './languages';
import { VOICE_IDS } from './voices';

export const LIMITS = {
	name: 40,
	persona: 2000,
	greeting: 300,
	languages: 4
} as const;

const COLOUR = v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i, 'Pick a colour from the palette.'));

export const AvatarLookSchema = v.object({
	skin: COLOUR,
	hair: COLOUR,
	hairStyle: v.picklist(HAIR_STYLES, 'Pick a hair style from the list.'),
	eyes: COLOUR,
	background: COLOUR,
	glasses: v.boolean()
});

export const CORRECTION_STYLES = ['gentle', 'thorough', 'off'] as const;

export const TutorSettingsSchema = v.object({
	enabled: v.boolean(),
	cefrLevel: v.picklist(CEFR_LEVELS, 'Pick a CEFR level between A1 and C2.'),
	corrections: v.picklist(CORRECTION_STYLES, 'Pick how corrections should be given.'),
	explainIn: v.picklist(LANGUAGE_CODES, 'Pick the language for explanations.')
});

function tooLong(label: string, max: number) {
	return (issue: v.MaxLengthIssue<string, number>) =>
		`${label} is too long: ${issue.received} characters, at most ${max}. Please shorten it.`;
}

/** What a person can set in the companion form. */
export const CompanionDraftSchema = v.object({
	name: v.pipe(
		v.string(),
		v.trim(),
		v.nonEmpty('Please give your companion a name.'),
		v.maxLength(LIMITS.name, tooLong('The name', LIMITS.name))
	),
	persona: v.pipe(
		v.string(),
		v.trim(),
		v.maxLength(LIMITS.persona, tooLong('The persona', LIMITS.persona))
	),
	languages: v.pipe(
		v.array(v.picklist(LANGUAGE_CODES, 'That language is not supported yet.')),
		v.nonEmpty('Choose at least one language your companion speaks.'),
		v.maxLength(LIMITS.languages, `Choose at most ${LIMITS.languages} languages.`),
		v.check((list) => new Set(list).size === list.length, 'Each language can be chosen once.')
	),
	greeting: v.pipe(
		v.string(),
		v.trim(),
		v.maxLength(LIMITS.greeting, tooLong('The greeting', LIMITS.greeting))
	),
	voice: v.picklist(VOICE_IDS, 'Pick a voice from the list.'),
	avatar: AvatarLookSchema,
	tutor: TutorSettingsSchema,
	memoryEnabled: v.boolean()
});

export type CompanionDraft = v.InferOutput<typeof CompanionDraftSchema>;
export type TutorSettings = v.InferOutput<typeof TutorSettingsSchema>;

/** A stored companion: the draft plus identity and timestamps. */
export const CompanionSchema = v.object({
	...CompanionDraftSchema.entries,
	id: v.pipe(v.string(), v.nonEmpty(), v.maxLength(64)),
	presetId: v.optional(v.pipe(v.string(), v.maxLength(64))),
	createdAt: v.number(),
	updatedAt: v.number()
});

export type Companion = v.InferOutput<typeof CompanionSchema>;
