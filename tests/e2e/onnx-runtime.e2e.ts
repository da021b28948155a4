import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { WHISPER_TRANSCRIPTS } from '../../scripts/tiny-models/index.mjs';
import { MODELS_READY_MS, callFromCard, callTests } from './call-helpers';
import { expect, test } from './fixtures';

// onnxruntime's WebAssembly is 14-27 MB and took 18-22 s to compile here; every model worker
// compiling its own copy froze the page for seconds at a time. These checks keep it to one copy
// in the build and one compile per page.

callTests('de-anna.wav');

const wasmFiles = (dir: string): string[] =>
	readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory()
			? wasmFiles(join(dir, entry.name))
			: entry.name.endsWith('.wasm')
				? [join(dir, entry.name)]
				: []
	);

test('the build ships each onnxruntime .wasm once, under runtime/ort/', async () => {
	const files = wasmFiles('build').filter((file) => file.includes('ort-wasm'));
	expect(files.length).toBeGreaterThan(0);
	const hashes = files.map((file) => createHash('sha256').update(readFileSync(file)).digest('hex'));
	expect(new Set(hashes).size, `one copy of each: ${files.join(', ')}`).toBe(files.length);
	for (const file of files) expect(relative('build', file)).toMatch(/^runtime\/ort\//);
});

test('a call compiles onnxruntime once, for all its model workers', async ({ app, page }) => {
	const compileWorkers: string[] = [];
	page.on('worker', (worker) => {
		if (worker.url().includes('compile.worker')) compileWorkers.push(worker.url());
	});
	await callFromCard(app, 'Lena');
	// Recognition, voice, voice detection and the language model have all run once the person
	// was understood and the companion answered.
	await expect(page.getByTestId('caption-person')).toContainText(WHISPER_TRANSCRIPTS.de.trim(), {
		timeout: MODELS_READY_MS
	});
	await expect(page.getByTestId('caption-companion')).not.toBeEmpty({ timeout: MODELS_READY_MS });

	// One compile worker, for the plain (CPU) build: every model here runs on the CPU.
	expect(compileWorkers).toHaveLength(1);
	const wasmFetches = () =>
		performance
			.getEntriesByType('resource')
			.map((entry) => entry.name)
			.filter((name) => /ort-wasm[\w.-]*\.wasm/.test(name));
	const workers = page.workers().filter((worker) => !worker.url().includes('compile.worker'));
	expect(workers.length).toBeGreaterThanOrEqual(4);
	const fetched = await Promise.all([
		page.evaluate(wasmFetches),
		...workers.map((worker) => worker.evaluate(wasmFetches))
	]);
	expect(fetched.flat(), 'neither the page nor a model worker fetches the .wasm').toEqual([]);
});
