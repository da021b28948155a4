// The CEFR level estimator on the committed, labelled texts: exact and adjacent agreement with a
// confusion matrix (all texts, and the `test` half the calibration never saw), and the share of
// sample companion replies per level that overshoot that level, with the reasons.
// `node bench/level.mjs` (loads the TypeScript through Vite's module runner; no build needed).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];

/** @param {string} path */
function readJsonl(path) {
	return readFileSync(new URL(`../${path}`, import.meta.url), 'utf8')
		.split('\n')
		.filter((line) => line.trim())
		.map((line) => JSON.parse(line));
}

/** @param {string} file */
async function load(file) {
	const { module } = await runnerImport(`${root}src/lib/tutor/level/${file}`, {
		configFile: false,
		logLevel: 'silent',
		resolve: { alias: { $lib: `${root}src/lib` } }
	});
	return module;
}

/**
 * @param {{ level: string, predicted: string }[]} rows
 */
function agreement(rows) {
	const index = (/** @type {string} */ l) => LEVELS.indexOf(l);
	const exact = rows.filter((r) => r.level === r.predicted).length;
	const adjacent = rows.filter((r) => Math.abs(index(r.level) - index(r.predicted)) <= 1).length;
	const matrix = LEVELS.map((label) =>
		LEVELS.map((p) => rows.filter((r) => r.level === label && r.predicted === p).length)
	);
	return {
		n: rows.length,
		exact: Math.round((exact / rows.length) * 1000) / 1000,
		adjacent: Math.round((adjacent / rows.length) * 1000) / 1000,
		matrix
	};
}

/** @param {number[][]} matrix */
function printMatrix(matrix) {
	console.log(`  label \\ estimate  ${LEVELS.map((l) => l.padStart(3)).join(' ')}`);
	matrix.forEach((row, i) => {
		console.log(`  ${LEVELS[i].padEnd(17)} ${row.map((n) => String(n).padStart(3)).join(' ')}`);
	});
}

/**
 * `--calibrate`: each feature's mean over the dev texts of each level, the values the calibration
 * (src/lib/tutor/level/de/calibration.ts) places at the levels' centres.
 * @param {{ level: string, features: Record<string, number> }[]} dev
 */
function calibration(dev) {
	for (const key of ['meanSentenceWords', 'meanContentBand', 'meanWordLength', 'nominalStyle']) {
		const means = LEVELS.map((l) => {
			const values = dev.filter((r) => r.level === l).map((r) => r.features[key]);
			return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
		});
		console.log(`  dev mean ${key}: ${means.join(', ')}`);
	}
}

export async function levelFigures({ print = true } = {}) {
	const { estimateLevel } = await load('estimate.ts');
	const { overshoots } = await load('overshoot.ts');
	const texts = readJsonl('tests/fixtures/tutor/level-texts.jsonl');
	// The first call builds the word list's Map: timed apart from the steady state.
	const firstStarted = performance.now();
	estimateLevel('Hallo!', { language: 'de' });
	const firstUseMs = performance.now() - firstStarted;
	const started = performance.now();
	const rows = texts.map((t) => {
		const estimate = estimateLevel(t.text, { language: 'de' });
		return {
			...t,
			predicted: estimate.level,
			score: estimate.score,
			parts: estimate.parts,
			features: estimate.features
		};
	});
	const msPerText = (performance.now() - started) / texts.length;
	const all = agreement(rows);
	const test = agreement(rows.filter((r) => r.split === 'test'));
	const dev = agreement(rows.filter((r) => r.split === 'dev'));

	const replies = readJsonl('tests/fixtures/tutor/sample-replies.jsonl');
	/** @type {Record<string, { n: number, over: number, reasons: Record<string, number> }>} */
	const perLevel = {};
	for (const reply of replies) {
		const result = overshoots(reply.text, reply.level, { language: 'de' });
		const entry = (perLevel[reply.level] ??= { n: 0, over: 0, reasons: {} });
		entry.n++;
		if (result.overshoots) entry.over++;
		for (const reason of result.reasons) {
			entry.reasons[reason.kind] = (entry.reasons[reason.kind] ?? 0) + 1;
		}
	}
	const overshootShare = Object.fromEntries(
		LEVELS.map((l) => [l, Math.round((perLevel[l].over / perLevel[l].n) * 100) / 100])
	);

	if (print) {
		console.log(
			`Level estimator on ${texts.length} labelled texts (${msPerText.toFixed(2)} ms a text; first use ${firstUseMs.toFixed(1)} ms)`
		);
		for (const [name, a] of /** @type {const} */ ([
			['all', all],
			['dev', dev],
			['test', test]
		])) {
			console.log(`${name.padEnd(4)} n=${a.n}  exact ${a.exact}  adjacent ${a.adjacent}`);
		}
		console.log('Confusion matrix, all texts:');
		printMatrix(all.matrix);
		console.log('Confusion matrix, test half:');
		printMatrix(test.matrix);
		if (process.argv.includes('--calibrate')) calibration(rows.filter((r) => r.split === 'dev'));
		if (process.argv.includes('--verbose')) {
			for (const r of rows) {
				if (r.level !== r.predicted) {
					console.log(`  ${r.id} ${r.level}→${r.predicted} ${r.score} ${JSON.stringify(r.parts)}`);
				}
			}
		}
		console.log('Sample replies that overshoot their level (share, reasons):');
		for (const l of LEVELS) {
			const e = perLevel[l];
			console.log(`  ${l}: ${e.over}/${e.n} = ${overshootShare[l]}  ${JSON.stringify(e.reasons)}`);
		}
	}
	return {
		name: 'level estimator',
		texts: texts.length,
		msPerText: Math.round(msPerText * 100) / 100,
		firstUseMs: Math.round(firstUseMs * 10) / 10,
		all: { exact: all.exact, adjacent: all.adjacent },
		dev: { exact: dev.exact, adjacent: dev.adjacent },
		test: { exact: test.exact, adjacent: test.adjacent },
		overshootShare
	};
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await levelFigures();
