import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);

/** The onnxruntime-web that transformers.js itself imports, so the files match its version. */
function onnxRuntimeDist(): { dist: string; version: string } {
	const fromTransformers = createRequire(require.resolve('@huggingface/transformers'));
	const dist = dirname(fromTransformers.resolve('onnxruntime-web'));
	const version = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8'))
		.version as string;
	return { dist, version };
}

const ort = onnxRuntimeDist();
/** A package's folder, found from its entry (some packages do not export package.json). */
function packageDir(name: string): string {
	let dir = dirname(require.resolve(name));
	while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
	return dir;
}

/** Where the app serves onnxruntime's files, versioned so they can be cached forever. */
export const ORT_DIR = `runtime/ort/${ort.version}/`;

/** The Kokoro voices in the app's catalogue (lib/companion/voices.ts); their style vectors ship here. */
export const KOKORO_VOICES = ['af_heart', 'af_bella', 'am_michael', 'bf_emma', 'bm_george'];

/** Every runtime asset: URL path under the app → file on disk. */
function assets(): Map<string, string> {
	const map = new Map<string, string>();
	for (const name of [
		'ort-wasm-simd-threaded.asyncify.mjs',
		'ort-wasm-simd-threaded.asyncify.wasm'
	]) {
		map.set(`${ORT_DIR}${name}`, join(ort.dist, name));
	}
	// Silero VAD v5 (MIT), the weights @ricky0123/vad-web ships.
	map.set(
		'runtime/vad/silero_vad_v5.onnx',
		join(packageDir('@ricky0123/vad-web'), 'dist', 'silero_vad_v5.onnx')
	);
	for (const voice of KOKORO_VOICES) {
		map.set(
			`runtime/voices/kokoro/${voice}.bin`,
			join(packageDir('kokoro-js'), 'voices', `${voice}.bin`)
		);
	}
	return map;
}

const TYPES: Record<string, string> = {
	wasm: 'application/wasm',
	mjs: 'text/javascript',
	onnx: 'application/octet-stream',
	bin: 'application/octet-stream'
};

/**
 * Serves the AI runtimes' files from the app's own origin under `runtime/` (dev and build):
 * onnxruntime-web's loader and wasm, the Silero VAD weights and Kokoro's voice vectors. No CDN,
 * no hub request, offline after first use. The service worker caches them when first used
 * instead of precaching ~30 MB for every visitor.
 */
export function runtimeAssets(): Plugin {
	const files = assets();
	return {
		name: 'kompanion:runtime-assets',
		configureServer(server) {
			server.middlewares.use((req, res, next) => {
				const path = (req.url?.split('?')[0] ?? '').replace(/^\//, '');
				const file = [...files].find(([url]) => path.endsWith(url))?.[1];
				if (!file) return next();
				res.setHeader(
					'Content-Type',
					TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream'
				);
				createReadStream(file).pipe(res);
			});
		},
		generateBundle() {
			if (this.environment.config.build.ssr) return;
			for (const [fileName, file] of files) {
				this.emitFile({ type: 'asset', fileName, source: readFileSync(file) });
			}
		}
	};
}
