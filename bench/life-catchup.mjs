// The life simulation's catch-up: how long the days since the last visit take to simulate and
// store when the app opens after 1, 7, 30 and 730 days away (730 caps at 30 full days plus a
// fast-forward of the threads and a summary). Two figures per absence:
// - plan: the seeded generator alone (pure, synchronous), and the longest synchronous slice the
//   page would run at once (one day's plan, or the fast-forward before the first day);
// - store: the whole catch-up through LifeService and Dexie, one transaction per day, a macrotask
//   before the first day and after every 50 ms of work (the page waits for idle callbacks there), on
//   fake-indexeddb in Node; bench/life-catchup.browser.ts measures the same in Chromium's IndexedDB.
// `node bench/life-catchup.mjs` (loads the TypeScript through Vite's module runner; no build needed).
import 'fake-indexeddb/auto';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';
import { median, report, round } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 5;
const ABSENCES = [1, 7, 30, 730];
const DAY_MS = 86_400_000;

/** @param {string} file */
async function load(file) {
	const { module } = await runnerImport(`${root}src/lib/${file}`, {
		configFile: false,
		logLevel: 'silent',
		resolve: { alias: { $lib: `${root}src/lib` } }
	});
	return module;
}

const { BERLIN_WORLD } = await load('tutor/life/berlin.ts');
const { addDays } = await load('tutor/life/calendar.ts');
const { catchUp, newLifeState } = await load('tutor/life/catch-up.ts');
const { LifeService } = await load('tutor/life/service.ts');
const { KompanionDb } = await load('db/database.ts');
const { LifeRepo } = await load('db/repos/life.ts');
const { EventBus } = await load('events.ts');

const START = '2026-03-02';

/** @param {number} away */
function plan(away) {
	const state = { ...newLifeState(structuredClone(BERLIN_WORLD), 42, START), lastDay: START };
	const t0 = performance.now();
	const planned = catchUp(state, addDays(START, away));
	const forward = performance.now() - t0;
	let slice = forward;
	let days = 0;
	const iterator = planned.days[Symbol.iterator]();
	for (;;) {
		const d0 = performance.now();
		const next = iterator.next();
		slice = Math.max(slice, performance.now() - d0);
		if (next.done) break;
		days++;
	}
	return { ms: performance.now() - t0, slice, days };
}

/** @param {number} away @param {number} run */
async function store(away, run) {
	const db = new KompanionDb(`bench-life-${away}-${run}`);
	await db.open();
	const clock = { now: Date.UTC(2026, 2, 2, 9) };
	const service = new LifeService({
		repos: { life: new LifeRepo(db, new EventBus()) },
		now: () => clock.now,
		idle: () => new Promise((resolve) => setTimeout(resolve, 0)),
		seed: () => 42
	});
	await service.enable({ id: 'preset-lena' });
	clock.now += away * DAY_MS;
	const t0 = performance.now();
	const result = await service.catchUp('preset-lena');
	const ms = performance.now() - t0;
	await db.delete();
	return { ms, days: result.days, skipped: result.skipped };
}

const results = [];
for (const away of ABSENCES) {
	const plans = Array.from({ length: RUNS }, () => plan(away));
	const stores = [];
	for (let run = 0; run < RUNS; run++) stores.push(await store(away, run));
	results.push(
		report(`life catch-up, ${away} day${away === 1 ? '' : 's'} away`, {
			daysStored: stores[0].days,
			daysFastForwarded: stores[0].skipped,
			planMedianMs: round(median(plans.map((p) => p.ms)), 2),
			longestSyncSliceMs: round(Math.max(...plans.map((p) => p.slice)), 2),
			storeMedianMs: round(median(stores.map((s) => s.ms)), 1),
			storeMaxMs: round(Math.max(...stores.map((s) => s.ms)), 1)
		})
	);
}
console.log(
	'LLM calls per simulated day by design: 0 for catch-up (the seeded generator only); after a reply, at most 2 days (today, yesterday) x 3 attempts in the background, only on a loaded, idle model.'
);
export default results;
