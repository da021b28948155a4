// A static file server for the built app, as any static host would serve it. Used by `npm start`,
// the e2e tests and the benchmarks. Loopback only.
//
//   node scripts/serve.mjs [--port 4173] [--base /kompanion] [--dir build] [--mount /path=dir]...
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import sirv from 'sirv';

/**
 * @typedef {object} ServeOptions
 * @property {string} [dir] folder with the built app
 * @property {string} [base] URL path the app is served under, e.g. `/kompanion` ('' for the root)
 * @property {number} [port] 0 picks a free port
 * @property {string} [host]
 * @property {Record<string, string>} [mounts] extra folders by URL prefix (test fixtures, models)
 */

/**
 * Starts the server. Resolves to its URL (ending in `/`) and a `close()` function.
 * @param {ServeOptions} options
 */
export async function serve({
	dir = 'build',
	base = '',
	port = 4173,
	host = '127.0.0.1',
	mounts = {}
} = {}) {
	const app = sirv(resolve(dir), {
		dev: true, // re-read files on each request: tests swap the service worker in place
		etag: true,
		setHeaders(res, pathname) {
			if (pathname.startsWith('/_app/immutable/')) {
				res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
			} else {
				res.setHeader('Cache-Control', 'no-cache');
			}
			if (pathname.endsWith('.webmanifest'))
				res.setHeader('Content-Type', 'application/manifest+json');
		}
	});
	const extra = Object.entries(mounts).map(([prefix, folder]) => ({
		prefix: prefix.replace(/\/$/, ''),
		handler: sirv(resolve(folder), { dev: true, dotfiles: true })
	}));

	const server = createServer((req, res) => {
		const url = req.url ?? '/';
		for (const { prefix, handler } of extra) {
			if (url.startsWith(`${prefix}/`)) {
				req.url = url.slice(prefix.length);
				return handler(req, res, () => notFound(res));
			}
		}
		if (base && url === base) {
			res.writeHead(301, { Location: `${base}/` }).end();
			return;
		}
		if (!url.startsWith(`${base}/`)) return notFound(res);
		req.url = url.slice(base.length) || '/';
		app(req, res, () => notFound(res));
	});
	await new Promise((done, fail) => {
		server.once('error', fail);
		server.listen(port, host, () => done(undefined));
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://${host}:${address.port}${base}/`,
		close: () => new Promise((done) => server.close(() => done(undefined)))
	};
}

/** @param {import('node:http').ServerResponse} res */
function notFound(res) {
	res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
}

/** @param {string[]} argv */
function parseArgs(argv) {
	/** @type {ServeOptions & { mounts: Record<string, string> }} */
	const options = { mounts: {} };
	for (let i = 0; i < argv.length; i += 2) {
		const [flag, value] = [argv[i], argv[i + 1]];
		if (flag === '--port') options.port = Number(value);
		else if (flag === '--base') options.base = value.replace(/\/$/, '');
		else if (flag === '--dir') options.dir = value;
		else if (flag === '--mount') {
			const [prefix, folder] = value.split('=');
			options.mounts[prefix] = folder;
		} else throw new Error(`Unknown option ${flag}`);
	}
	options.port ??= Number(process.env.PORT ?? 4173);
	return options;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const { url } = await serve(parseArgs(process.argv.slice(2)));
	console.log(`Kompanion is running at ${url}  (Ctrl+C to stop)`);
}
