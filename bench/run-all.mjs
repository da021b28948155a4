// `npm run bench`: builds the app, runs every benchmark and prints the figures that go into
// docs/performance.md. Results are also written to bench/.results/latest.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { avatarFrame } from './avatar-frame.mjs';
import { callPipeline } from './call-pipeline.mjs';
import { firstPageJs } from './first-page.mjs';
import { frameStalls } from './frame-stalls.mjs';
import { lipsyncOffset } from './lipsync-offset.mjs';
import { llmOverhead } from './llm-overhead.mjs';
import { loadTimes } from './load.mjs';
import { memoryRecall } from './memory-recall.mjs';
import { rtcCall } from './rtc-call.mjs';
import { rtcSetup } from './rtc-setup.mjs';

/** @param {string} command @param {string[]} args */
function run(command, args) {
	const result = spawnSync(command, args, { encoding: 'utf8', env: process.env });
	if (result.status !== 0) {
		console.error(result.stdout, result.stderr);
		throw new Error(`${command} ${args.join(' ')} failed`);
	}
	return result.stdout;
}

console.log('Building…');
run('npx', ['vite', 'build']);

const results = [
	await firstPageJs(),
	await loadTimes(),
	await llmOverhead(),
	await callPipeline(),
	await memoryRecall(),
	await frameStalls(),
	await rtcSetup(),
	await rtcCall(),
	await lipsyncOffset(),
	...(await avatarFrame())
];

// Browser-API benchmarks (IndexedDB, workers) run through Vitest's browser mode; they print
// lines of the form `name: {json}`.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const output = run('npx', ['vitest', 'run', '--config', 'bench/vitest.config.ts']).replace(
	ANSI_COLOUR,
	''
);
for (const match of output.matchAll(/^([\w -]+): (\{.*\})$/gm)) {
	const figures = JSON.parse(match[2]);
	console.log(`${match[1]}: ${match[2]}`);
	results.push({ name: match[1], ...figures });
}

mkdirSync('bench/.results', { recursive: true });
writeFileSync(
	'bench/.results/latest.json',
	JSON.stringify({ at: new Date().toISOString(), results }, null, '\t')
);
console.log('\nWrote bench/.results/latest.json');
