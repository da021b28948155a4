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

const espeakVersion = JSON.parse(
	readFileSync(join(packageDir('@echogarden/espeak-ng-emscripten'), 'package.json'), 'utf8')
).version as string;
/** Where the app serves espeak-ng's data package, versioned so it can be cached forever. */
export const ESPEAK_DATA_PATH = `runtime/espeak-ng/${espeakVersion}/espeak-ng.data`;

/** The Kokoro voices in the app's catalogue (lib/companion/voices.ts); their style vectors ship here. */
export const KOKORO_VOICES = ['af_heart', 'af_bella', 'am_michael', 'bf_emma', 'bm_george'];

/** onnxruntime's WebAssembly builds the app serves: plain (CPU) and asyncify (what WebGPU needs). */
export const ORT_BUILDS = ['', '.asyncify'] as const;

/** Must match ORT_MODULE_HOOK in src/lib/ai/transformers-env.ts (a unit test checks it). */
const ORT_MODULE_HOOK = 'kompanion.ort.compiledModule';

/**
 * The app's loader for one onnxruntime build, which onnxruntime imports instead of its own
 * Emscripten loader: it asks the worker's hook for the module the page compiled and instantiates
 * that, so no worker compiles the 14-27 MB module again (see lib/workers/shared-module.ts).
 * Without a module (Node, or the page could not compile it) Emscripten loads the .wasm itself.
 */
export function ortLoaderSource(build: (typeof ORT_BUILDS)[number]): string {
	return `// Kompanion's loader for onnxruntime-web${build} (scripts/vite-plugin-runtime-assets.ts).
import factory from './ort-wasm-simd-threaded${build}.mjs';

export default async function load(config = {}) {
	const hook = globalThis[Symbol.for(${JSON.stringify(ORT_MODULE_HOOK)})];
	const module = typeof hook === 'function' ? await hook() : undefined;
	if (!(module instanceof WebAssembly.Module)) return factory(config);
	return new Promise((resolve, reject) => {
		factory({
			...config,
			instantiateWasm(imports, done) {
				WebAssembly.instantiate(module, imports).then((instance) => done(instance, module), reject);
				return {};
			}
		}).then(resolve, reject);
	});
}
`;
}

/** Every runtime asset: URL path under the app → file on disk, or the text of a generated one. */
function assets(): Map<string, string | { text: string }> {
	const map = new Map<string, string | { text: string }>();
	for (const build of ORT_BUILDS) {
		for (const ext of ['mjs', 'wasm']) {
			const name = `ort-wasm-simd-threaded${build}.${ext}`;
			map.set(`${ORT_DIR}${name}`, join(ort.dist, name));
		}
		map.set(`${ORT_DIR}ort-loader${build}.mjs`, { text: ortLoaderSource(build) });
	}
	// Silero VAD v5 (MIT), the weights @ricky0123/vad-web ships.
	map.set(
		'runtime/vad/silero_vad_v5.onnx',
		join(packageDir('@ricky0123/vad-web'), 'dist', 'silero_vad_v5.onnx')
	);
	// espeak-ng's data (GPL-3.0, every language; ~24 MB), for the Piper voices' phonemes. Must
	// match ESPEAK_DATA_PATH in src/lib/ai/speech/catalogue.ts (a unit test checks it).
	map.set(ESPEAK_DATA_PATH, join(packageDir('@echogarden/espeak-ng-emscripten'), 'espeak-ng.data'));
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
	bin: 'application/octet-stream',
	data: 'application/octet-stream'
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
		config() {
			// transformers.js imports onnxruntime-web/webgpu, whose default entry embeds Emscripten's
			// loader with a `new URL('….wasm', import.meta.url)` that Vite copies into the build: a
			// second 27 MB .wasm nobody loads (the app points onnxruntime at runtime/ort/ instead).
			// The extern-wasm entry is the same code without the embedded loader. Not under Vitest:
			// Node tests run onnxruntime-node.
			if (process.env.VITEST) return;
			return {
				resolve: {
					alias: [
						{ find: /^onnxruntime-web\/webgpu$/, replacement: join(ort.dist, 'ort.webgpu.min.mjs') }
					]
				}
			};
		},
		configureServer(server) {
			server.middlewares.use((req, res, next) => {
				const path = (req.url?.split('?')[0] ?? '').replace(/^\//, '');
				const [url, file] = [...files].find(([url]) => path.endsWith(url)) ?? [];
				if (!url || !file) return next();
				res.setHeader(
					'Content-Type',
					TYPES[url.split('.').pop() ?? ''] ?? 'application/octet-stream'
				);
				if (typeof file === 'string') createReadStream(file).pipe(res);
				else res.end(file.text);
			});
		},
		generateBundle() {
			if (this.environment.config.build.ssr) return;
			for (const [fileName, file] of files) {
				const source = typeof file === 'string' ? readFileSync(file) : file.text;
				this.emitFile({ type: 'asset', fileName, source });
			}
		}
	};
}
