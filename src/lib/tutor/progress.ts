import type { CorrectionRecord, LevelSample, ReviewLog } from '$lib/db';
import { dayAfter, startOfDay } from './review/queue';
import { CORRECTION_CATEGORIES, type CorrectionCategory } from './types';

const DAY = 86_400_000;

/** Local midnight of the day `at` falls in (the review queue's day). */
export const dayOf = startOfDay;

/** The local days from `days - 1` days before `now` to today, oldest first. */
export function lastDays(days: number, now: number): number[] {
	return Array.from({ length: days }, (_, i) => dayAfter(now, i - (days - 1)));
}

/** One value per day. */
export interface DaySeries {
	days: number[];
	values: (number | null)[];
}

/** Mistakes per category per day (a stacked plot), and the totals per category. */
export interface MistakeSeries {
	days: number[];
	byCategory: Partial<Record<CorrectionCategory, number[]>>;
	totals: Partial<Record<CorrectionCategory, number>>;
}

/** Counts every change in the corrections by category and day (`days`: from `lastDays`). */
export function mistakesByDay(records: readonly CorrectionRecord[], days: number[]): MistakeSeries {
	const index = new Map(days.map((day, i) => [day, i]));
	const byCategory: MistakeSeries['byCategory'] = {};
	const totals: MistakeSeries['totals'] = {};
	for (const record of records) {
		const i = index.get(dayOf(record.createdAt));
		if (i === undefined) continue;
		for (const edit of record.edits) {
			const series = (byCategory[edit.category] ??= days.map(() => 0));
			series[i]++;
			totals[edit.category] = (totals[edit.category] ?? 0) + 1;
		}
	}
	// The legend's order, whatever order the mistakes came in.
	const ordered: MistakeSeries['byCategory'] = {};
	for (const category of CORRECTION_CATEGORIES)
		if (byCategory[category]) ordered[category] = byCategory[category];
	return { days, byCategory: ordered, totals };
}

/** The learner's level per day: the median score of that day's messages (1 = A1 … 6 = C2). */
export function levelByDay(
	samples: readonly LevelSample[],
	days: number[],
	minWords = 3
): DaySeries {
	const scores = new Map<number, number[]>();
	for (const sample of samples) {
		if (sample.role !== 'learner' || sample.words < minWords) continue;
		const day = dayOf(sample.createdAt);
		const list = scores.get(day) ?? [];
		list.push(sample.score);
		scores.set(day, list);
	}
	return { days, values: days.map((day) => median(scores.get(day))) };
}

/** Minutes the learner spoke in calls, per day. */
export function minutesSpokenByDay(samples: readonly LevelSample[], days: number[]): DaySeries {
	const ms = new Map<number, number>();
	for (const sample of samples) {
		if (sample.role !== 'learner' || !sample.spokenMs) continue;
		const day = dayOf(sample.createdAt);
		ms.set(day, (ms.get(day) ?? 0) + sample.spokenMs);
	}
	return { days, values: days.map((day) => Math.round(((ms.get(day) ?? 0) / 60_000) * 10) / 10) };
}

/**
 * Words learned by the end of each day: cards whose first review into FSRS's review state (2)
 * happened by then. Undone reviews are not in `log` (the repo leaves them out).
 */
export function wordsLearnedByDay(log: readonly ReviewLog[], days: number[]): DaySeries {
	const learnedAt = new Map<string, number>();
	for (const entry of log) {
		if (entry.after.fsrs.state !== 2 || learnedAt.has(entry.cardId)) continue;
		learnedAt.set(entry.cardId, entry.reviewedAt);
	}
	const times = [...learnedAt.values()].sort((a, b) => a - b);
	return {
		days,
		values: days.map((day) => times.filter((at) => at < day + DAY).length)
	};
}

function median(values: number[] | undefined): number | null {
	if (!values?.length) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	const value = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	return Math.round(value * 100) / 100;
}
