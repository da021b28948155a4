import { describe, expect, it } from 'vitest';
import type { CorrectionRecord, LevelSample, ReviewLog } from '$lib/db';
import {
	dayOf,
	lastDays,
	levelByDay,
	minutesSpokenByDay,
	mistakesByDay,
	wordsLearnedByDay
} from '$lib/tutor/progress';

const now = new Date(2026, 11, 6, 15, 0).getTime();
const days = lastDays(7, now);
const at = (daysAgo: number, hour = 10) => new Date(2026, 11, 6 - daysAgo, hour, 0).getTime();

const edit = (category: CorrectionRecord['edits'][number]['category']) => ({
	start: 0,
	end: 1,
	original: 'a',
	replacement: 'b',
	category,
	layer: 'rules' as const,
	explanation: { text: '', lang: 'en' }
});

const record = (
	createdAt: number,
	...categories: CorrectionRecord['edits'][number]['category'][]
) => ({ createdAt, edits: categories.map(edit) }) as CorrectionRecord;

const sample = (createdAt: number, score: number, extra: Partial<LevelSample> = {}) =>
	({ createdAt, score, words: 8, role: 'learner', ...extra }) as LevelSample;

const fsrs = (state: 0 | 1 | 2 | 3) => ({
	stability: 1,
	difficulty: 5,
	scheduledDays: 1,
	learningSteps: 0,
	reps: 1,
	lapses: 0,
	state
});
const review = (cardId: string, reviewedAt: number, state: 0 | 1 | 2 | 3) =>
	({ cardId, reviewedAt, after: { due: 0, fsrs: fsrs(state) } }) as ReviewLog;

describe('progress series', () => {
	it('are one value per local day, today last', () => {
		expect(days).toHaveLength(7);
		expect(days.at(-1)).toBe(dayOf(now));
		expect(new Date(days[0]).getDate()).toBe(30); // 30 November
	});

	it('count mistakes by category and day, in the legend order, ignoring older days', () => {
		const series = mistakesByDay(
			[
				record(at(0), 'verb-position', 'spelling'),
				record(at(0, 18), 'spelling'),
				record(at(3), 'case'),
				record(at(30), 'spelling')
			],
			days
		);
		expect(Object.keys(series.byCategory)).toEqual(['spelling', 'case', 'verb-position']);
		expect(series.byCategory.spelling?.at(-1)).toBe(2);
		expect(series.byCategory.case?.[3]).toBe(1);
		expect(series.totals).toEqual({ spelling: 2, case: 1, 'verb-position': 1 });
	});

	it("take the median of the learner's level per day, leaving out short messages and replies", () => {
		const series = levelByDay(
			[
				sample(at(1), 2),
				sample(at(1), 3),
				sample(at(1), 6, { words: 1 }),
				sample(at(1), 5, { role: 'companion' }),
				sample(at(0), 2.4)
			],
			days
		);
		expect(series.values.slice(-2)).toEqual([2.5, 2.4]);
		expect(series.values[0]).toBeNull();
	});

	it('sum minutes spoken and count words learned by the end of each day', () => {
		expect(
			minutesSpokenByDay(
				[sample(at(0), 2, { spokenMs: 90_000 }), sample(at(0), 2, { spokenMs: 30_000 })],
				days
			).values.at(-1)
		).toBe(2);
		const words = wordsLearnedByDay(
			[review('a', at(2), 1), review('a', at(1), 2), review('a', at(0), 2), review('b', at(0), 2)],
			days
		);
		expect(words.values.slice(-3)).toEqual([0, 1, 2]);
	});
});
