// The voice latency benchmark (docs/performance.md, "Voice to voice, measured"): real-shaped
// stand-ins through the app's worker handlers on this machine's CPU. Resumable: results are cached
// per configuration under .cache/latency; a stage already measured is skipped (--force redoes it).
// Heavy: run it niced and under the shared e2e lock, a stage or a few turns at a time:
//
//   flock /tmp/kompanion-e2e.lock nice -n 19 node bench/latency/run.mjs --stages stt:whisper-tiny
//   flock /tmp/kompanion-e2e.lock nice -n 19 node bench/latency/run.mjs --stages turn --turns 2
//   node bench/latency/run.mjs --print
//
// Options: --stt whisper-tiny|whisper-base, --voice vits|kokoro, --prompt <tokens>, --silence <ms>.
import { spawnSync } from 'node:child_process';
import { generateRealShaped } from '../../scripts/real-shaped/index.mjs';
import { configKey, readResults, writeResults } from './results.mjs';
import { printReport } from './report.mjs';

const args = process.argv.slice(2);
const option = (/** @type {string} */ name, /** @type {string} */ fallback) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : fallback;
};
/** @type {import('./results.mjs').Config} */
const config = {
	path: 'node-cpu',
	stt: option('stt', 'whisper-tiny'),
	voice: option('voice', 'vits'),
	promptTokens: Number(option('prompt', '1500')),
	silenceMs: Number(option('silence', '400'))
};
const key = configKey(config);
const stages = option('stages', '').split(',').filter(Boolean);

if (args.includes('--force') && stages.length) {
	const results = await readResults(key);
	for (const stage of stages) delete results[stage === 'turn' ? 'turns' : stage];
	await writeResults(key, results);
}
if (stages.length) {
	const generated = await generateRealShaped({ log: () => {} });
	const made = Object.values(generated).filter((m) => !m.cached);
	if (made.length) console.log(`generated ${made.map((m) => m.id).join(', ')}`);
	const run = spawnSync('npx', ['vitest', 'run', '--config', 'bench/latency/vitest.config.ts'], {
		stdio: 'inherit',
		env: {
			...process.env,
			LATENCY_CONFIG: JSON.stringify(config),
			LATENCY_STAGES: stages.join(','),
			LATENCY_TURNS: option('turns', '1')
		}
	});
	if (run.status !== 0) process.exitCode = run.status ?? 1;
}
await printReport(config);
