import { describe, expect, it } from 'vitest';
import type { CorrectionRecord } from '$lib/db/rows';
import {
	buildRecap,
	builtInScenarios,
	findBuiltIn,
	mistakesByCategory,
	mistakesOf,
	suggestNext,
	usedVocabulary,
	wordsOf
} from '$lib/tutor/scenarios';

function record(
	id: string,
	text: string,
	corrected: string,
	categories: CorrectionRecord['edits'][number]['category'][],
	createdAt = 1
): CorrectionRecord {
	return {
		id,
		messageId: id,
		conversationId: 'c',
		companionId: 'lena',
		language: 'de',
		mode: 'typed',
		text,
		corrected,
		edits: categories.map((category) => ({
			start: 0,
			end: 1,
			original: 'x',
			replacement: 'y',
			category,
			layer: 'rules',
			explanation: { text: '', lang: 'en' }
		})),
		flags: [],
		llm: 'done',
		createdAt,
		updatedAt: createdAt
	};
}

const bakery = findBuiltIn('de-baeckerei')!;
const library = builtInScenarios('de');

describe('the recap', () => {
	it('lists mistakes by category in the legend’s order, each with its corrected sentence', () => {
		const mistakes = mistakesOf([
			record('1', 'Ich möchte ein brötchen.', 'Ich möchte ein Brötchen.', ['capitalisation'], 2),
			record('2', 'Ich habe gegeht.', 'Ich bin gegangen.', ['auxiliary', 'verb-conjugation'], 1),
			record(
				'3',
				'Ich nehme den Brezel.',
				'Ich nehme die Brezel.',
				['article-gender', 'article-gender'],
				3
			),
			record('4', 'Alles gut.', 'Alles gut.', [])
		]);
		expect(mistakes.map((m) => m.category)).toEqual([
			'capitalisation',
			'article-gender',
			'verb-conjugation',
			'auxiliary'
		]);
		expect(mistakes[1]).toEqual({
			category: 'article-gender',
			text: 'Ich nehme den Brezel.',
			corrected: 'Ich nehme die Brezel.'
		});
		expect(mistakesByCategory(mistakes).map((g) => [g.category, g.items.length])).toEqual([
			['capitalisation', 1],
			['article-gender', 1],
			['verb-conjugation', 1],
			['auxiliary', 1]
		]);
	});

	it('lists the scenario’s words the learner used or was given, with articles', () => {
		const words = wordsOf(bakery, [
			{ role: 'user', content: 'Ich hätte gern zwei Brötchen und eine Breze.' },
			{ role: 'assistant', content: 'Gern! Brauchen Sie eine Tüte? Sonst noch etwas?' },
			{ role: 'system', content: 'Kuchen' }
		]);
		expect(words).toEqual(['das Brötchen', 'die Tüte', 'Sonst noch etwas?']);
		// The items themselves, for making review cards.
		expect(usedVocabulary(bakery, [{ role: 'user', content: 'Eine Tüte, bitte.' }])).toEqual([
			{ term: 'Tüte', article: 'die', translation: 'paper bag' }
		]);
	});

	it('suggests a fitting scenario not played yet, preferring the same topic', () => {
		// The other A1 food scenario.
		expect(
			suggestNext({ current: bakery, candidates: library, played: new Set(), level: 'A1' })?.id
		).toBe('de-restaurant');
		const next = suggestNext({
			current: bakery,
			candidates: library,
			played: new Set(['de-restaurant', 'de-baeckerei']),
			level: 'A1'
		})!;
		expect(next.levelRange.min).toBe('A1');
		expect(next.id).not.toBe('de-restaurant');
		// Deterministic.
		expect(
			suggestNext({
				current: bakery,
				candidates: library,
				played: new Set(['de-restaurant']),
				level: 'A1'
			})?.id
		).toBe(next.id);
	});

	it('suggests for the learner’s level, and a played one only when all are played', () => {
		const b2 = suggestNext({
			current: bakery,
			candidates: library,
			played: new Set(),
			level: 'B2'
		})!;
		expect(['B1', 'B2']).toContain(b2.levelRange.min);
		const all = new Set(library.map((s) => s.id));
		const again = suggestNext({ current: bakery, candidates: library, played: all, level: 'A1' });
		expect(again).toBeDefined();
		expect(again!.id).not.toBe('de-baeckerei');
	});

	it('builds the stored recap from corrections, turns and card ids', () => {
		const recap = buildRecap({
			scenario: bakery,
			corrections: [
				record('1', 'Ich möchte ein brötchen.', 'Ich möchte ein Brötchen.', ['capitalisation'])
			],
			turns: [{ role: 'user', content: 'Ich möchte ein brötchen.' }],
			cardIds: ['card-1', 'card-1', 'card-2'],
			candidates: library,
			played: new Set(['de-baeckerei']),
			level: 'A1'
		});
		expect(recap).toEqual({
			mistakes: [
				{
					category: 'capitalisation',
					text: 'Ich möchte ein brötchen.',
					corrected: 'Ich möchte ein Brötchen.'
				}
			],
			newWords: ['das Brötchen'],
			cardIds: ['card-1', 'card-2'],
			suggestedScenarioId: 'de-restaurant'
		});
	});
});
