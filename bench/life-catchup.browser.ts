// The life simulation's catch-up in Chromium's real IndexedDB, as the app runs it: LifeService,
// one transaction per day, idle callbacks before the first day and every 50 ms of work. Per absence (1, 7, 30, 730 days): the
// time until the last day is stored, and the main thread's long tasks (over 50 ms) meanwhile.
import { expect, test } from 'vitest';
import { KompanionDb } from '$lib/db/database';
import { LifeRepo } from '$lib/db/repos/life';
import { EventBus } from '$lib/events';
import { idleCallback, LifeService } from '$lib/tutor/life/service';

const ABSENCES = [1, 7, 30, 730];
const RUNS = 5;
const DAY_MS = 86_400_000;

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
};

test('life catch-up in the browser', async () => {
	for (const away of ABSENCES) {
		const times: number[] = [];
		let longTasks = 0;
		let longest = 0;
		let days = 0;
		for (let run = 0; run < RUNS; run++) {
			const db = new KompanionDb(`bench-life-${crypto.randomUUID()}`);
			const clock = { now: Date.UTC(2026, 2, 2, 9) };
			const service = new LifeService({
				repos: { life: new LifeRepo(db, new EventBus()) },
				now: () => clock.now,
				idle: idleCallback,
				seed: () => 42
			});
			await service.enable({ id: 'preset-lena' });
			clock.now += away * DAY_MS;
			const observer = new PerformanceObserver((list) => {
				for (const entry of list.getEntries()) {
					longTasks++;
					longest = Math.max(longest, entry.duration);
				}
			});
			observer.observe({ type: 'longtask' });
			const started = performance.now();
			const result = await service.catchUp('preset-lena');
			times.push(performance.now() - started);
			observer.disconnect();
			days = result.days;
			await db.delete();
		}
		expect(days).toBeGreaterThan(0);
		console.log(
			`life catch-up in Chromium, ${away} day${away === 1 ? '' : 's'} away: ${JSON.stringify({
				daysStored: days,
				medianMs: Math.round(median(times) * 10) / 10,
				maxMs: Math.round(Math.max(...times) * 10) / 10,
				longTasks,
				longestTaskMs: Math.round(longest)
			})}`
		);
	}
});
