import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const SOURCE = fileURLToPath(new URL('../manifest.webmanifest', import.meta.url));
const FILE_NAME = 'manifest.webmanifest';

/**
 * Serves the top-level `manifest.webmanifest` in dev and emits it next to index.html in the build.
 * Its URLs are relative to the manifest itself, so the same file works under any base path.
 */
export function webManifest(): Plugin {
	const read = () => {
		const text = readFileSync(SOURCE, 'utf8');
		JSON.parse(text); // a broken manifest should fail the build, not the install prompt
		return text;
	};
	return {
		name: 'kompanion:web-manifest',
		configureServer(server) {
			server.middlewares.use((req, res, next) => {
				if (!req.url?.split('?')[0].endsWith(`/${FILE_NAME}`)) return next();
				res.setHeader('Content-Type', 'application/manifest+json');
				res.end(read());
			});
		},
		generateBundle() {
			if (this.environment.config.build.ssr) return;
			this.emitFile({ type: 'asset', fileName: FILE_NAME, source: read() });
		}
	};
}
