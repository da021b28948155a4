// The tutor's deterministic correction layer as the app runs it in Chromium: the check worker
// (Hunspell and the rules) behind its client, the dictionary fetched from the app's own origin.
// Figures: the dictionary's load in the worker, and message → result round trips (the worker hop
// included) over the evaluation set, first sight of each sentence and again.
import { expect, test } from 'vitest';
import { CheckClient } from '$lib/tutor/check/client';
import type { InputMode } from '$lib/tutor/types';
import sentences from '../tests/fixtures/tutor/learner-sentences.jsonl?raw';
import { quantile, round } from './stats.mjs';

test('tutor corrections', async () => {
	const items = sentences
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as { input: string; mode: InputMode });
	const client = new CheckClient();
	const started = performance.now();
	const workerLoadMs = await client.preload('de');
	const loadMs = performance.now() - started;

	const pass = async () => {
		const times: number[] = [];
		for (const { input, mode } of items) {
			const t0 = performance.now();
			await client.checkText(input, { mode, language: 'de' });
			times.push(performance.now() - t0);
		}
		return times;
	};
	const first = await pass();
	const again = await pass();
	const sample = await client.checkText('Ich habe eine Auto gekauft.', {
		mode: 'typed',
		language: 'de'
	});
	expect(sample.corrected).toBe('Ich habe ein Auto gekauft.');
	client.terminate();

	console.log(
		`tutor corrections: ${JSON.stringify({
			sentences: items.length,
			loadMs: round(loadMs, 0),
			dictionaryInWorkerMs: round(workerLoadMs, 0),
			firstP50Ms: round(quantile(first, 0.5), 2),
			firstP90Ms: round(quantile(first, 0.9), 2),
			firstMaxMs: round(Math.max(...first), 1),
			againP50Ms: round(quantile(again, 0.5), 2),
			againP90Ms: round(quantile(again, 0.9), 2)
		})}`
	);
});
