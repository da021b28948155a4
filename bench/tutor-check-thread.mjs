// A worker_threads worker running the deterministic checker, to time the hop to a worker in Node
// (bench/corrections-score.mjs). The browser runs the same handler in a Web Worker.
import { parentPort } from 'node:worker_threads';
import { loadCheckModule } from './tutor-check-loader.mjs';

const { createNodeChecker } = await loadCheckModule();
const checker = await createNodeChecker('de');
parentPort?.on(
	'message',
	(/** @type {{ id: number, text: string, mode: 'typed' | 'spoken' }} */ m) => {
		parentPort?.postMessage({ id: m.id, result: checker.check(m.text, { mode: m.mode }) });
	}
);
parentPort?.postMessage({ ready: true, loadMs: checker.loadMs });
