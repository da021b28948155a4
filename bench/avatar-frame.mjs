// The avatar's cost per frame, from a Chromium trace: a page with only the companion's face,
// speaking without pause (the viseme face fed a sentence's viseme track on a loop; the face before
// visemes, its files taken from git as of commit 27c2d3b, its mouth following a level), drawn on screen (SVG) and into its
// video track (canvas at the device pixel ratio, 2 here). Per animation frame: script (the
// animation-frame callback with Svelte's updates and the canvas drawing), style, layout, paint
// (pre-paint, paint, layerize, commit) and rasterising (raster tasks of the page's renderer);
// median and p95 of each and of their sum, for both faces; and the main thread's time for the face
// per second, the share of the call pipeline's main thread it takes.
//
//   node bench/avatar-frame.mjs            (BENCH_SECONDS=10 by default)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build } from 'vite';
import { serve } from '../scripts/serve.mjs';
import { launch, median, quantile, report, round } from './lib.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** The face before visemes: its files at this commit are the baseline. */
const OLD_COMMIT = '27c2d3b';
const OLD_FILES = [
	'Face.svelte',
	'canvas.ts',
	'drawing.ts',
	'live-avatar.svelte.ts',
	'look.ts',
	'motion.ts'
];
const CATEGORIES = {
	// All of a frame's animation-frame callbacks (the face's, Svelte's updates, the canvas drawing).
	script: ['FrameRequestCallbackCollection::ExecuteFrameCallbacks'],
	style: ['UpdateLayoutTree', 'RecalculateStyles'],
	layout: ['Layout'],
	paint: ['PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'Commit'],
	// The canvas's frame handed to its video track, then the raster workers' tiles.
	raster: ['HTMLCanvasElement::NotifyListenersCanvasChanged', 'RasterTask']
};

/** Builds the bench page (both faces) into a temporary folder. */
async function buildPage() {
	const here = resolve('bench/avatar-frame');
	const old = mkdtempSync(join(tmpdir(), 'avatar-old-'));
	for (const file of OLD_FILES)
		writeFileSync(
			join(old, file),
			execFileSync('git', ['show', `${OLD_COMMIT}:src/lib/avatar/${file}`], { encoding: 'utf8' })
		);
	const out = mkdtempSync(join(tmpdir(), 'avatar-frame-'));
	await build({
		configFile: false,
		root: here,
		logLevel: 'warn',
		plugins: [svelte()],
		resolve: { alias: { $lib: resolve('src/lib'), $old: old } },
		build: { outDir: out, emptyOutDir: true, target: 'es2022' }
	});
	rmSync(old, { recursive: true, force: true });
	return out;
}

/**
 * Per-frame costs from trace events: a frame starts where its animation-frame callbacks run;
 * every main-thread event of a category (top level only) and the renderer's raster tasks count
 * towards the frame they start in.
 * @param {{ traceEvents: any[] }} trace
 */
function frameCosts(trace) {
	const events = trace.traceEvents;
	const frames = events.filter(
		(e) => e.name === 'FrameRequestCallbackCollection::ExecuteFrameCallbacks' && e.ph === 'X'
	);
	const main = frames[0] && `${frames[0].pid}:${frames[0].tid}`;
	const pid = frames[0]?.pid;
	frames.sort((a, b) => a.ts - b.ts);
	const starts = frames.map((f) => f.ts);
	/** @type {Record<string, number>[]} */
	const perFrame = starts.map(() => Object.fromEntries(Object.keys(CATEGORIES).map((c) => [c, 0])));
	const frameOf = (/** @type {number} */ ts) => {
		let low = 0;
		let high = starts.length - 1;
		if (ts < starts[0]) return -1;
		while (low < high) {
			const mid = (low + high + 1) >> 1;
			if (starts[mid] <= ts) low = mid;
			else high = mid - 1;
		}
		return low;
	};
	/** @type {{ ts: number, end: number }[]} */
	const open = [];
	const sorted = events.filter((e) => e.ph === 'X' && e.pid === pid).sort((a, b) => a.ts - b.ts);
	for (const event of sorted) {
		const onMain = `${event.pid}:${event.tid}` === main;
		const category = Object.entries(CATEGORIES).find(([, list]) => list.includes(event.name))?.[0];
		if (!category) continue;
		// Raster tasks run on the renderer's worker threads; everything else on its main thread.
		if (event.name === 'RasterTask' ? onMain : !onMain) continue;
		// Top level only on the main thread (a Layout inside a FireAnimationFrame counts once).
		if (onMain) {
			while (open.length && open[open.length - 1].end <= event.ts) open.pop();
			if (open.length) continue;
			open.push({ ts: event.ts, end: event.ts + (event.dur ?? 0) });
		}
		const frame = frameOf(event.ts);
		if (frame >= 0) perFrame[frame][category] += (event.dur ?? 0) / 1000;
	}
	// The last frame may be cut off by the end of the trace.
	perFrame.pop();
	const spanS = (starts.at(-1) - starts[0]) / 1e6;
	return { perFrame, spanS };
}

/** @param {number[]} values */
const stats = (values) => ({
	median: round(median(values), 2),
	p95: round(quantile(values, 0.95), 2)
});

/**
 * @param {import('playwright').Browser} browser
 * @param {string} url
 * @param {'old' | 'new'} face
 */
async function measure(browser, url, face) {
	const context = await browser.newContext({
		deviceScaleFactor: 2,
		viewport: { width: 480, height: 480 }
	});
	const page = await context.newPage();
	await page.goto(`${url}?face=${face}`);
	await page.waitForFunction(() => /** @type {any} */ (globalThis).__faceReady);
	await page.waitForTimeout(1000);
	await browser.startTracing(page, {
		categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'cc', 'blink']
	});
	await page.waitForTimeout(SECONDS * 1000);
	const trace = JSON.parse((await browser.stopTracing()).toString());
	if (process.env.BENCH_TRACE)
		writeFileSync(`${process.env.BENCH_TRACE}-${face}.json`, JSON.stringify(trace));
	await context.close();
	const { perFrame, spanS } = frameCosts(trace);
	const total = perFrame.map((f) => Object.values(f).reduce((a, b) => a + b, 0));
	/** @type {Record<string, unknown>} */
	const figures = { frames: perFrame.length, fps: round(perFrame.length / spanS, 1) };
	for (const category of Object.keys(CATEGORIES))
		figures[`${category}Ms`] = stats(perFrame.map((f) => f[category]));
	figures.totalMs = stats(total);
	const mainMs = perFrame.map((f) => f.script + f.style + f.layout + f.paint);
	figures.mainThreadMsPerS = round(mainMs.reduce((a, b) => a + b, 0) / spanS, 1);
	return figures;
}

export async function avatarFrame() {
	const dir = await buildPage();
	const server = await serve({ dir, port: 0 });
	const browser = await launch();
	try {
		const results = [];
		for (const face of /** @type {const} */ (['old', 'new']))
			results.push(report(`avatar frame (${face} face)`, await measure(browser, server.url, face)));
		return results;
	} finally {
		await browser.close();
		await server.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await avatarFrame();
