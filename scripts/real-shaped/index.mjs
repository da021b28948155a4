// The real-shaped stand-in models: the architectures and dimensions of the app's default models
// with seeded random weights (outputs meaningless, compute real), for benchmarks. See
// docs/real-shaped-models.md. Written under .cache/real-shaped (git-ignored), regenerated only
// when missing or when this generator changed.
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeModel } from '../tiny-models/write.mjs';
import { buildQwen } from './qwen.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const REAL_SHAPED_DIR = join(here, '..', '..', '.cache', 'real-shaped');

/**
 * @typedef {Object} StandIn
 * @property {string} id
 * @property {Record<string, unknown>} files small files (JSON, tokenizers)
 * @property {Record<string, import('./big-graph.mjs').BigGraph>} graphs ONNX files with external data
 */

/** @type {Record<string, () => Promise<StandIn>>} */
export const BUILDERS = {
	qwen: async () => buildQwen(),
	'whisper-tiny': async () => (await import('./whisper.mjs')).buildWhisper('tiny'),
	'whisper-base': async () => (await import('./whisper.mjs')).buildWhisper('base'),
	embed: async () => (await import('./bert.mjs')).buildBert(),
	vits: async () => (await import('./vits.mjs')).buildVits(),
	kokoro: async () => (await import('./kokoro.mjs')).buildKokoro()
};

async function generatorHash() {
	const hash = createHash('sha256');
	for (const dir of [here, join(here, '..', 'tiny-models')]) {
		for (const file of (await readdir(dir)).sort()) hash.update(await readFile(join(dir, file)));
	}
	return hash.digest('hex').slice(0, 16);
}

/**
 * Generates the stand-ins that are missing or stale.
 * @param {{ only?: string[], force?: boolean, dir?: string, log?: (line: string) => void }} [options]
 * @returns {Promise<Record<string, { id: string, params: number, flops: Record<string, number>, bytes: number, seconds: number, ops: Record<string, number>, cached: boolean }>>}
 */
export async function generateRealShaped({
	only,
	force = false,
	dir = REAL_SHAPED_DIR,
	log = console.log
} = {}) {
	const hash = await generatorHash();
	/** @type {Record<string, any>} */
	const out = {};
	for (const [name, build] of Object.entries(BUILDERS)) {
		if (only && !only.includes(name)) continue;
		const started = performance.now();
		const model = await build();
		const stampPath = join(dir, model.id, '.stamp.json');
		const stamp = await readFile(stampPath, 'utf8').then(JSON.parse, () => null);
		if (!force && stamp?.hash === hash) {
			out[name] = { ...stamp.summary, cached: true };
			log(`${name}: cached (${(stamp.summary.bytes / 1e6).toFixed(0)} MB)`);
			continue;
		}
		await rm(join(dir, model.id), { recursive: true, force: true });
		await writeModel(dir, /** @type {never} */ ({ id: model.id, files: model.files }));
		let bytes = 0;
		let params = 0;
		/** @type {Record<string, number>} */
		const flops = {};
		/** @type {Record<string, number>} */
		const ops = {};
		for (const [file, graph] of Object.entries(model.graphs)) {
			for (const written of await graph.write(
				join(dir, model.id, file),
				`Kompanion real-shaped stand-in ${model.id}: random weights, real compute.`
			))
				bytes += written.bytes;
			params += graph.params;
			for (const [per, n] of Object.entries(graph.flopsPer())) flops[`${file} per ${per}`] = n;
			for (const [op, n] of graph.opCounts) ops[op] = (ops[op] ?? 0) + n;
		}
		for (const file of Object.keys(model.files))
			bytes += (await stat(join(dir, model.id, file))).size;
		const summary = {
			id: model.id,
			params,
			flops,
			bytes,
			seconds: (performance.now() - started) / 1000,
			ops
		};
		await writeFile(stampPath, JSON.stringify({ hash, summary }, null, 2));
		out[name] = { ...summary, cached: false };
		log(`${name}: ${(bytes / 1e6).toFixed(0)} MB in ${summary.seconds.toFixed(1)} s`);
	}
	return out;
}
