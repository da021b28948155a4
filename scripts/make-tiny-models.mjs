#!/usr/bin/env node
// Generates the tiny stand-in models the tests load through transformers.js.
// Usage: node scripts/make-tiny-models.mjs [outDir] [--force]
// outDir defaults to tests/fixtures/.generated/models; an up-to-date copy is left alone.
import { resolve } from 'node:path';
import { DEFAULT_MODELS_DIR, generateTinyModels } from './tiny-models/index.mjs';

const args = process.argv.slice(2);
const force = args.includes('--force');
const outDir = resolve(args.find((arg) => !arg.startsWith('--')) ?? DEFAULT_MODELS_DIR);

const result = await generateTinyModels(outDir, { force });
const total = result.files.reduce((sum, file) => sum + file.bytes, 0);
if (result.skipped) {
	console.log(`Tiny models in ${outDir} are up to date (${result.files.length} files).`);
} else {
	for (const file of result.files) console.log(`${String(file.bytes).padStart(9)}  ${file.path}`);
	console.log(
		`Wrote ${result.files.length} files, ${(total / 1024).toFixed(0)} KiB, in ${result.milliseconds.toFixed(0)} ms.`
	);
}
