import * as v from 'valibot';
import { ACCESSORIES, FACE_SHAPES, HAIR_STYLES } from '$lib/avatar/look';
import { RevSchema } from '$lib/db/hlc';
import { CEFR_LEVELS, LANGUAGE_CODES } from './languages';
import { VOICE_IDS } from './voices';

export const LIMITS = {
	name: 40,
	description: 80,
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
	glasses: v.boolean(),
	// Added after the first release: stored companions without them read as the defaults.
	faceShape: v.optional(v.picklist(FACE_SHAPES, 'Pick a face shape from the list.'), 'oval'),
	accessory: v.optional(v.picklist(ACCESSORIES, 'Pick an accessory from the list.'), 'none')
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

const Description = v.pipe(
	v.string(),
	v.trim(),
	v.check((text) => !/[\r\n]/.test(text), 'The description is one line.'),
	v.maxLength(LIMITS.description, tooLong('The description', LIMITS.description))
);

/** What a person can set in the companion form. */
export const CompanionDraftSchema = v.object({
	name: v.pipe(
		v.string(),
		v.trim(),
		v.nonEmpty('Please give your companion a name.'),
		v.maxLength(LIMITS.name, tooLong('The name', LIMITS.name))
	),
	/** One line for people (the companion's card); the persona is what the model reads. */
	description: v.optional(Description, ''),
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

/**
 * A stored companion: the draft plus identity, timestamps and row version (`rev`, stamped on every
 * write; see lib/db/hlc.ts). Rows from backups made before schema 3 lack `description` and get
 * one from their persona, as the schema 3 upgrade gave stored rows.
 */
export const CompanionSchema = v.pipe(
	v.object({
		...CompanionDraftSchema.entries,
		description: v.optional(Description),
		id: v.pipe(v.string(), v.nonEmpty(), v.maxLength(64)),
		presetId: v.optional(v.pipe(v.string(), v.maxLength(64))),
		createdAt: v.number(),
		updatedAt: v.number(),
		rev: v.optional(RevSchema)
	}),
	v.transform(({ description, ...companion }) => ({
		...companion,
		description: description ?? describePersona(companion.persona)
	}))
);

export type Companion = v.InferOutput<typeof CompanionSchema>;

/**
 * A one-line description from a persona written for the model: its first sentence without
 * "You are", e.g. "You are Lena, 29, a teacher. You love…" → "Lena, 29, a teacher." Cut at a word
 * to fit the limit; empty when the persona is.
 */
export function describePersona(persona: string): string {
	const first = persona.trim().split(/(?<=[.!?…])\s/)[0] ?? '';
	const line = first
		.replace(/\s+/g, ' ')
		.replace(/^you(?:'|’)?re\s+|^you are\s+/i, '')
		.trim();
	const fitted = fitWords(line, LIMITS.description);
	return fitted.charAt(0).toUpperCase() + fitted.slice(1);
}

function fitWords(text: string, max: number): string {
	if (text.length <= max) return text;
	const cut = text.slice(0, max - 1);
	const atWord = cut.slice(0, cut.lastIndexOf(' '));
	return `${(atWord.length > max / 2 ? atWord : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/**
 * The name of a copy, told apart from every name in `taken`: "Mia (copy)", then "Mia (copy 2)",
 * "Mia (copy 3)"… The base name is shortened (never mid-character) so the suffix always fits the
 * name limit; copying a copy numbers it rather than stacking "(copy) (copy)".
 */
export function copyName(name: string, taken: Iterable<string>): string {
	const names = new Set(taken);
	const base = name.replace(/ \(copy(?: \d+)?\)$/, '');
	for (let n = 1; ; n++) {
		const suffix = n === 1 ? ' (copy)' : ` (copy ${n})`;
		const candidate = `${truncate(base, LIMITS.name - suffix.length).trimEnd()}${suffix}`;
		if (!names.has(candidate)) return candidate;
	}
}

/** At most `max` UTF-16 units, cut between characters (never inside a surrogate pair). */
function truncate(text: string, max: number): string {
	let out = '';
	for (const char of text) {
		if (out.length + char.length > max) break;
		out += char;
	}
	return out;
}
