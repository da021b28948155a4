import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const FILES = ['ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm'];

/** The onnxruntime-web that transformers.js itself imports, so the files match its version. */
function onnxRuntimeDist(): { dist: string; version: string } {
	const fromTransformers = createRequire(
		createRequire(import.meta.url).resolve('@huggingface/transformers')
	);
	const dist = dirname(fromTransformers.resolve('onnxruntime-web'));
	const version = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8'))
		.version as string;
	return { dist, version };
}

/** Where the app serves onnxruntime's files, versioned so they can be cached forever. */
export const ORT_DIR = `ort/${onnxRuntimeDist().version}/`;

/**
 * Serves onnxruntime-web's runtime files from the app's own origin at `ort/<version>/` (dev and build), so
 * transformers.js never loads them from a CDN and the app works offline. The service worker caches
 * them on first use rather than precaching 27 MB for every visitor.
 */
export function onnxRuntimeFiles(): Plugin {
	const { dist } = onnxRuntimeDist();
	return {
		name: 'kompanion:onnxruntime-files',
		configureServer(server) {
			server.middlewares.use((req, res, next) => {
				const path = req.url?.split('?')[0] ?? '';
				const name = path.includes(`/${ORT_DIR}`) ? path.split('/').pop() : undefined;
				if (!name || !FILES.includes(name)) return next();
				res.setHeader(
					'Content-Type',
					name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript'
				);
				createReadStream(join(dist, name)).pipe(res);
			});
		},
		generateBundle() {
			if (this.environment.config.build.ssr) return;
			for (const name of FILES) {
				this.emitFile({
					type: 'asset',
					fileName: `${ORT_DIR}${name}`,
					source: readFileSync(join(dist, name))
				});
			}
		}
	};
}
