// The tutor's deterministic correction layer over a set of sentences:
//   node bench/corrections.mjs FILE.jsonl
// Input: one JSON object a line with at least {"id", "input"} (optional "mode": "typed" | "spoken";
// other fields are ignored). Output: one line per input,
// {"id", "corrected", "flags": [{"text", "category"}], "edits": [...], "ms"}: `corrected` applies
// the edits the layer is sure of; `flags` are what it found but would not rewrite; `edits` (with
// offsets and categories) and `ms` (check time) are extra, for bench/corrections-score.mjs.
// The last line on stderr gives the dictionary load time.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadCheckModule } from './tutor-check-loader.mjs';

const file = process.argv[2];
if (!file) {
	console.error('Usage: node bench/corrections.mjs FILE.jsonl');
	process.exit(2);
}
/** @type {string} */
let content;
try {
	content = readFileSync(file, 'utf8');
} catch (error) {
	console.error(`Cannot read ${file}: ${/** @type {Error} */ (error).message}`);
	process.exit(2);
}
const lines = content
	.split('\n')
	.map((line, i) => ({ line, number: i + 1 }))
	.filter(({ line }) => line.trim());

const { createNodeChecker } = await loadCheckModule();
const checker = await createNodeChecker('de');

for (const { line, number } of lines) {
	/** @type {{ id?: unknown, input?: unknown, mode?: unknown }} */
	let item;
	try {
		item = JSON.parse(line);
	} catch {
		console.error(`${file}:${number}: not JSON, skipped`);
		continue;
	}
	if (typeof item.input !== 'string') {
		console.error(`${file}:${number}: no "input" string, skipped`);
		continue;
	}
	const mode = item.mode === 'spoken' ? 'spoken' : 'typed';
	const started = performance.now();
	const result = checker.check(item.input, { mode });
	const ms = performance.now() - started;
	console.log(
		JSON.stringify({
			id: item.id ?? number,
			corrected: result.corrected,
			flags: result.flags.map((f) => ({ text: f.original, category: f.category, start: f.start })),
			edits: result.edits.map((e) => ({
				start: e.start,
				original: e.original,
				replacement: e.replacement,
				category: e.category,
				rule: e.rule
			})),
			ms: Math.round(ms * 1000) / 1000
		})
	);
}
console.error(JSON.stringify({ dictionaryLoadMs: Math.round(checker.loadMs) }));
