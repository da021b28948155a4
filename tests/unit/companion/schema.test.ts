import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '$lib/companion/presets';
import {
	CompanionDraftSchema,
	CompanionSchema,
	LIMITS,
	copyName,
	describePersona
} from '$lib/companion/schema';
import { companionDraft } from '../../helpers/factories';

describe('companion names for copies', () => {
	it('adds " (copy)" and numbers further copies', () => {
		expect(copyName('Mia', ['Mia'])).toBe('Mia (copy)');
		expect(copyName('Mia', ['Mia', 'Mia (copy)'])).toBe('Mia (copy 2)');
		expect(copyName('Mia (copy)', ['Mia', 'Mia (copy)', 'Mia (copy 2)'])).toBe('Mia (copy 3)');
		expect(copyName('Mia (copy 2)', ['Mia (copy 2)'])).toBe('Mia (copy)');
	});

	it('shortens a long name so the suffix fits the limit, never splitting a character', () => {
		const max = 'A'.repeat(LIMITS.name);
		const first = copyName(max, [max]);
		expect(first).toBe(`${'A'.repeat(33)} (copy)`);
		expect(first).not.toBe(max);
		const taken = [max];
		for (let i = 0; i < 12; i++) taken.push(copyName(max, taken));
		expect(new Set(taken).size).toBe(13);
		expect(taken.every((name) => name.length <= LIMITS.name)).toBe(true);
		expect(taken.at(-1)).toBe(`${'A'.repeat(30)} (copy 12)`);
		// Emoji are two UTF-16 units: a cut between them would leave a broken character.
		const emoji = '😀'.repeat(20);
		const copy = copyName(emoji, [emoji]);
		expect(copy).toBe(`${'😀'.repeat(16)} (copy)`);
		expect(copy.length).toBeLessThanOrEqual(LIMITS.name);
		// Spaces left at the cut do not double up before the suffix.
		expect(copyName(`${'B'.repeat(32)} CD`, [])).toBe(`${'B'.repeat(32)} (copy)`);
		for (const name of [first, copy]) {
			expect(v.safeParse(CompanionDraftSchema, companionDraft({ name })).success).toBe(true);
		}
	});
});

describe('companion descriptions', () => {
	it('are derived from the first sentence of a persona, without "You are"', () => {
		expect(describePersona(PRESETS[0].draft.persona)).toBe(
			'Lena, 29, a warm and patient German teacher from Berlin-Kreuzberg.'
		);
		expect(describePersona("you're a calm friend. You love tea.")).toBe('A calm friend.');
		expect(describePersona('A calm friend from Vienna')).toBe('A calm friend from Vienna');
		expect(describePersona('   ')).toBe('');
		const long = describePersona(`You are ${'very '.repeat(30)}kind.`);
		expect(long.length).toBeLessThanOrEqual(LIMITS.description);
		expect(long).toMatch(/^Very very .*very…$/);
	});

	it('are one short line in the form, and the presets have theirs', () => {
		const issues = (description: string) =>
			v
				.safeParse(CompanionDraftSchema, companionDraft({ description }))
				.issues?.map((issue) => issue.message);
		expect(issues('A calm friend.')).toBeUndefined();
		expect(issues('x'.repeat(81))).toEqual([
			'The description is too long: 81 characters, at most 80. Please shorten it.'
		]);
		expect(issues('Two\nlines')).toEqual(['The description is one line.']);
		for (const preset of PRESETS) {
			expect(preset.draft.description).not.toBe('');
			expect(v.safeParse(CompanionDraftSchema, preset.draft).success).toBe(true);
		}
	});

	it('are given to stored companions that lack one (backups from before descriptions)', () => {
		const { description, ...older } = {
			...companionDraft({ persona: 'You are Jo. Hi!' }),
			id: 'c1',
			createdAt: 1,
			updatedAt: 1
		};
		expect(v.parse(CompanionSchema, older).description).toBe('Jo.');
		expect(v.parse(CompanionSchema, { ...older, description }).description).toBe('');
	});
});
