/**
 * A FAKE Supabase project on loopback for Node tests: the PostgREST calls sync makes
 * (`/rest/v1/<table>`, postgrest.ts), GoTrue's sign-up, password and magic-link (PKCE) sign-in,
 * refresh and sign-out (`/auth/v1/...`, gotrue.ts, issuing HS256 JWTs like a project does). PostgREST, GoTrue and the Supabase CLI
 * (Docker) cannot run here; Postgres can, so every REST request runs as SQL on real Postgres (PGlite)
 * inside a transaction under `SET LOCAL ROLE <the JWT's role>` with `request.jwt.claims` set from
 * the caller's JWT: Row Level Security is enforced by Postgres, never by this code. Storage
 * (`/storage/v1/object/...`, storage.ts) keeps object rows in storage.objects the same way and the
 * bytes in memory. Checked once by hand with supabase-js 2.109 (`createClient` with `ws` as its
 * WebSocket): password and magic-link (PKCE) sign-in, refresh, sign-out, upsert with on_conflict,
 * select with gt/or/order/limit, update, delete, count, storage upload (multipart), download, list,
 * remove, and their errors. One difference from a hosted project: PGlite's clock has millisecond
 * steps, Postgres's microsecond ones, so equal `updated_at` values are more common here (a pull
 * cursor needs the id as tie-breaker either way). Test controls: `createUser`, `magicLink`, `revokeSessions`, `injectFault` (a 500,
 * an HTML page, a dropped connection) for the error paths sync must survive.
 */
import type { PGlite } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fromDatabaseError, PostgrestError } from './errors.ts';
import { FakeGoTrue } from './gotrue.ts';
import { headerText, json, readBody, readJson, type Reply } from './http.ts';
import { signJwt, verifyJwt, type JwtClaims } from './jwt.ts';
import { handleRest } from './postgrest.ts';
import { handleStorage, StorageError, storageErrorFrom, type Blobs } from './storage.ts';

export interface StandinOptions {
	db: PGlite;
	/** The project's JWT secret; a random one by default. */
	jwtSecret?: string;
	/** Access tokens' lifetime, seconds (GoTrue's default: 3600). */
	accessTokenSeconds?: number;
}

export interface Fault {
	/** Which requests, by path (and query); all by default. */
	path?: RegExp;
	/** How many requests it affects (default 1). */
	times?: number;
	/** `drop` closes the connection without an answer. */
	kind: 'status' | 'drop';
	status?: number;
	contentType?: string;
	body?: string;
}

export interface SupabaseStandin {
	/** The project URL, e.g. http://127.0.0.1:54321 */
	url: string;
	anonKey: string;
	/** Makes a confirmed user in auth.users; returns its id. */
	createUser(email: string, password?: string): Promise<string>;
	/** The link the last magic-link e-mail to `email` would have carried (none is sent). */
	magicLink(email: string): string | undefined;
	/** Invalidates every refresh token of a user (a session revoked elsewhere). */
	revokeSessions(userId: string): void;
	injectFault(fault: Fault): void;
	/** A signed token with any claims (for expired or forged tokens in tests). */
	sign(claims: JwtClaims): string;
	/** Requests served so far, as `METHOD path` (for tests that count round trips). */
	requests: string[];
	/** Forgets sessions, stored bytes, pending faults and the request log (between tests). */
	reset(): void;
	close(): Promise<void>;
}

export async function startSupabaseStandin(options: StandinOptions): Promise<SupabaseStandin> {
	const { db } = options;
	const secret = options.jwtSecret ?? randomBytes(32).toString('hex');
	const lifetime = options.accessTokenSeconds ?? 3600;
	const anonKey = signJwt(
		{
			role: 'anon',
			iss: 'supabase',
			iat: 0,
			exp: Math.floor(Date.now() / 1000) + 10 * 365 * 86400
		},
		secret
	);
	const faults: Fault[] = [];
	const blobs: Blobs = new Map();
	const requests: string[] = [];

	let projectUrl = '';
	const gotrue = new FakeGoTrue(db, secret, lifetime, () => projectUrl);

	/** The caller as PostgREST sees it: the bearer token, else the apikey (anon). */
	function callerOf(request: IncomingMessage) {
		const header = request.headers.authorization;
		const token = header?.startsWith('Bearer ') ? header.slice(7) : String(request.headers.apikey);
		return verifyJwt(token, secret);
	}

	async function rest(request: IncomingMessage, url: URL): Promise<Reply> {
		const caller = callerOf(request);
		if (!caller.ok) {
			return caller.reason === 'expired'
				? json(401, { code: 'PGRST303', message: 'JWT expired', details: null, hint: null })
				: json(401, {
						code: 'PGRST301',
						message: 'No suitable key or wrong key type',
						details: null,
						hint: null
					});
		}
		const { claims } = caller;
		if (!/^(anon|authenticated|service_role)$/.test(claims.role)) {
			return json(401, {
				code: '22023',
				message: `role "${claims.role}" does not exist`,
				details: null,
				hint: null
			});
		}
		const body = await readJson(request);
		const authenticated = claims.role !== 'anon';
		try {
			const response = await db.transaction(async (tx) => {
				await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
					JSON.stringify(claims)
				]);
				await tx.query(`set local role ${claims.role}`);
				return handleRest(tx, {
					method: request.method ?? 'GET',
					table: decodeURIComponent(url.pathname.slice('/rest/v1/'.length)),
					params: url.searchParams,
					prefer: parsePrefer(headerText(request.headers.prefer)),
					body
				});
			});
			return {
				status: response.status,
				headers: {
					...response.headers,
					...(response.body === undefined
						? {}
						: { 'content-type': 'application/json; charset=utf-8' })
				},
				body: response.body
			};
		} catch (error) {
			const known =
				error instanceof PostgrestError ? error : fromDatabaseError(error, authenticated);
			if (!known) throw error;
			return json(known.status, known.body);
		}
	}

	async function storage(request: IncomingMessage, url: URL): Promise<Reply> {
		const caller = callerOf(request);
		if (!caller.ok) {
			const message = caller.reason === 'expired' ? 'jwt expired' : 'invalid signature';
			return storageReply(new StorageError(400, 'Unauthorized', message, '403'));
		}
		const { claims } = caller;
		if (!/^(anon|authenticated|service_role)$/.test(claims.role)) {
			return storageReply(new StorageError(400, 'Unauthorized', 'invalid role', '403'));
		}
		const body = await readBody(request);
		try {
			return await db.transaction(async (tx) => {
				await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
					JSON.stringify(claims)
				]);
				await tx.query(`set local role ${claims.role}`);
				return handleStorage(tx, blobs, {
					method: request.method ?? 'GET',
					path: url.pathname.slice('/storage/v1/object/'.length),
					contentType: headerText(request.headers['content-type']) ?? 'application/octet-stream',
					upsert: request.headers['x-upsert'] === 'true',
					body
				});
			});
		} catch (error) {
			const known = error instanceof StorageError ? error : storageErrorFrom(error);
			if (!known) throw error;
			return storageReply(known);
		}
	}

	async function serve(request: IncomingMessage, response: ServerResponse) {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		requests.push(`${request.method} ${url.pathname}`);
		const fault = faults.find(
			(candidate) => !candidate.path || candidate.path.test(url.pathname + url.search)
		);
		if (fault) {
			fault.times = (fault.times ?? 1) - 1;
			if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
			if (fault.kind === 'drop') {
				request.socket.destroy();
				return;
			}
			response.writeHead(fault.status ?? 500, { 'content-type': fault.contentType ?? 'text/html' });
			response.end(fault.body ?? '<html><body><h1>502 Bad Gateway</h1></body></html>');
			return;
		}
		let reply: Reply;
		if (request.method === 'OPTIONS') {
			reply = { status: 204, headers: {} };
		} else if (url.pathname === '/auth/v1/verify') {
			// The link in an e-mail: opened by a browser, without the API key.
			reply = await gotrue.handle('GET', url, undefined, { ok: false, reason: 'malformed' });
		} else if (request.headers.apikey === undefined && !url.searchParams.has('apikey')) {
			reply = json(401, {
				message: 'No API key found in request',
				hint: 'No `apikey` request header or url param was found.'
			});
		} else if (
			!verifyJwt(String(request.headers.apikey ?? url.searchParams.get('apikey')), secret).ok
		) {
			reply = json(401, {
				message: 'Invalid API key',
				hint: 'Double check your Supabase `anon` or `service_role` API key.'
			});
		} else if (url.pathname.startsWith('/auth/v1/')) {
			reply = await gotrue.handle(
				request.method ?? 'GET',
				url,
				await readJson(request),
				callerOf(request)
			);
		} else if (url.pathname.startsWith('/rest/v1/') && url.pathname.length > '/rest/v1/'.length) {
			reply = await rest(request, url);
		} else if (url.pathname.startsWith('/storage/v1/object/')) {
			reply = await storage(request, url);
		} else {
			reply = json(404, { message: 'no Route matched with those values' });
		}
		response.writeHead(reply.status, {
			'access-control-allow-origin': '*',
			'access-control-allow-headers': '*',
			'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
			'access-control-expose-headers': 'content-range',
			...reply.headers
		});
		response.end(reply.body);
	}

	const server = createServer((request, response) => {
		serve(request, response).catch((error: unknown) => {
			if (error instanceof PostgrestError) {
				response.writeHead(error.status, { 'content-type': 'application/json; charset=utf-8' });
				response.end(JSON.stringify(error.body));
				return;
			}
			// A bug in the stand-in: answer like a crashed server, and keep the cause visible.
			console.error('supabase stand-in:', error);
			if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ message: String(error) }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	projectUrl = `http://127.0.0.1:${port}`;

	return {
		url: projectUrl,
		anonKey,
		requests,
		createUser: (email, password) => gotrue.createUser(email, password),
		magicLink: (email) => gotrue.magicLink(email),
		revokeSessions: (userId) => gotrue.revoke(userId),
		reset() {
			gotrue.reset();
			blobs.clear();
			faults.length = 0;
			requests.length = 0;
		},
		injectFault(fault) {
			faults.push({ ...fault });
		},
		sign: (claims) => signJwt(claims, secret),
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			})
	};
}

function storageReply(error: StorageError): Reply {
	return json(error.status, error.body);
}

/** `Prefer: return=representation, resolution=merge-duplicates` → a map. */
function parsePrefer(header: string | undefined): Map<string, string> {
	const prefer = new Map<string, string>();
	for (const item of (header ?? '').split(',')) {
		const [key, value] = item.trim().split('=');
		if (key) prefer.set(key, value ?? '');
	}
	return prefer;
}
