// A model mirror on its own loopback port for tests that need to watch or slow down downloads
// (requests from the app's workers are not seen by Playwright's routing). Serves the generated
// tiny models with CORS, like a real mirror, and logs every request.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, normalize } from 'node:path';
import { DEFAULT_MODELS_DIR } from '../../scripts/tiny-models/index.mjs';

/**
 * @param {{ delayMs?: (path: string) => number }} [options]
 */
export async function startModelMirror({ delayMs = () => 0 } = {}) {
	/** @type {{ path: string, range?: string }[]} */
	const requests = [];
	const server = createServer(async (req, res) => {
		res.setHeader('Access-Control-Allow-Origin', '*');
		res.setHeader('Access-Control-Allow-Headers', 'Range');
		res.setHeader('Access-Control-Expose-Headers', 'Content-Length, Content-Range');
		if (req.method === 'OPTIONS') return res.writeHead(204).end();
		const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		requests.push({ path, range: req.headers.range });
		const file = normalize(join(DEFAULT_MODELS_DIR, path));
		if (!file.startsWith(DEFAULT_MODELS_DIR) || !existsSync(file) || !statSync(file).isFile()) {
			return res.writeHead(404).end('Not found');
		}
		const wait = delayMs(path);
		if (wait > 0) await new Promise((done) => setTimeout(done, wait));
		const size = statSync(file).size;
		if (req.headers.range) {
			res.writeHead(206, { 'Content-Range': `bytes 0-0/${size}`, 'Content-Length': 1 });
			return res.end(Buffer.alloc(1));
		}
		res.writeHead(200, { 'Content-Length': size, 'Content-Type': 'application/octet-stream' });
		if (req.method === 'HEAD') return res.end();
		createReadStream(file).pipe(res);
	});
	await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${port}/`,
		requests,
		close: () =>
			new Promise((done) => {
				server.closeAllConnections();
				server.close(() => done(undefined));
			})
	};
}
