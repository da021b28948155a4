/**
 * A FAKE Supabase project on loopback for Node tests: the PostgREST calls sync makes
 * (`/rest/v1/<table>`, postgrest.ts) and GoTrue's password sign-in, refresh and sign-out
 * (`/auth/v1/...`, issuing HS256 JWTs like a project does). PostgREST, GoTrue and the Supabase CLI
 * (Docker) cannot run here; Postgres can, so every REST request runs as SQL on real Postgres (PGlite)
 * inside a transaction under `SET LOCAL ROLE <the JWT's role>` with `request.jwt.claims` set from
 * the caller's JWT: Row Level Security is enforced by Postgres, never by this code. Storage
 * (`/storage/v1/object/...`, storage.ts) keeps object rows in storage.objects the same way and the
 * bytes in memory. Test controls: `createUser`, `revokeSessions`, `injectFault` (a 500, an HTML page, a
 * dropped connection) for the error paths sync must survive.
 */
import type { PGlite } from '@electric-sql/pglite';
import { randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fromDatabaseError, PostgrestError } from './errors.ts';
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
	createUser(email: string, password: string): Promise<string>;
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

interface RefreshToken {
	userId: string;
	revoked: boolean;
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
	const refreshTokens = new Map<string, RefreshToken>();
	const faults: Fault[] = [];
	const blobs: Blobs = new Map();
	const requests: string[] = [];

	async function session(userId: string) {
		const { rows } = await db.query<{ id: string; email: string; created_at: string }>(
			`select id, email, created_at::text from auth.users where id = $1`,
			[userId]
		);
		const user = rows[0];
		const now = Math.floor(Date.now() / 1000);
		const sessionId = randomUUID();
		const access = signJwt(
			{
				sub: user.id,
				role: 'authenticated',
				aud: 'authenticated',
				email: user.email,
				iss: 'standin/auth/v1',
				iat: now,
				exp: now + lifetime,
				session_id: sessionId
			},
			secret
		);
		const refresh = randomBytes(16).toString('hex');
		refreshTokens.set(refresh, { userId, revoked: false });
		return {
			access_token: access,
			token_type: 'bearer',
			expires_in: lifetime,
			expires_at: now + lifetime,
			refresh_token: refresh,
			user: {
				id: user.id,
				aud: 'authenticated',
				role: 'authenticated',
				email: user.email,
				created_at: user.created_at,
				app_metadata: { provider: 'email', providers: ['email'] },
				user_metadata: {}
			}
		};
	}

	async function auth(request: IncomingMessage, url: URL): Promise<Reply> {
		const body = (await readJson(request)) as Record<string, unknown> | undefined;
		const grant = url.searchParams.get('grant_type');
		if (url.pathname === '/auth/v1/token' && grant === 'password') {
			const { rows } = await db.query<{ id: string; encrypted_password: string }>(
				`select id, encrypted_password from auth.users where email = $1`,
				[String(body?.email ?? '')]
			);
			if (!rows[0] || !checkPassword(String(body?.password ?? ''), rows[0].encrypted_password)) {
				return json(400, {
					code: 400,
					error_code: 'invalid_credentials',
					msg: 'Invalid login credentials'
				});
			}
			return json(200, await session(rows[0].id));
		}
		if (url.pathname === '/auth/v1/token' && grant === 'refresh_token') {
			const token = refreshTokens.get(String(body?.refresh_token ?? ''));
			const { rows: users } = token
				? await db.query(`select 1 from auth.users where id = $1`, [token.userId])
				: { rows: [] };
			if (token?.revoked) {
				return json(400, {
					code: 400,
					error_code: 'refresh_token_already_used',
					msg: 'Invalid Refresh Token: Already Used'
				});
			}
			if (!token || users.length === 0) {
				// Unknown token, or its user was deleted.
				return json(400, {
					code: 400,
					error_code: 'refresh_token_not_found',
					msg: 'Invalid Refresh Token: Refresh Token Not Found'
				});
			}
			// Rotation, as GoTrue does: a refresh token is good once.
			token.revoked = true;
			return json(200, await session(token.userId));
		}
		const caller = callerOf(request);
		if (url.pathname === '/auth/v1/logout' && request.method === 'POST') {
			if (caller.ok && caller.claims.sub) revoke(caller.claims.sub);
			return { status: 204, headers: {} };
		}
		if (url.pathname === '/auth/v1/user' && request.method === 'GET') {
			if (!caller.ok || !caller.claims.sub) {
				return json(401, { code: 401, error_code: 'no_authorization', msg: 'Invalid JWT' });
			}
			const { rows } = await db.query<{ id: string; email: string }>(
				`select id, email from auth.users where id = $1`,
				[caller.claims.sub]
			);
			return json(200, { ...rows[0], aud: 'authenticated', role: 'authenticated' });
		}
		return json(404, { code: 404, error_code: 'not_found', msg: 'Not found' });
	}

	/** Signing out everywhere: GoTrue deletes the sessions, so their refresh tokens are unknown. */
	function revoke(userId: string) {
		for (const [key, token] of refreshTokens)
			if (token.userId === userId) refreshTokens.delete(key);
	}

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
			reply = await auth(request, url);
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

	return {
		url: `http://127.0.0.1:${port}`,
		anonKey,
		requests,
		async createUser(email, password) {
			const id = randomUUID();
			await db.query(
				`insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at)
				 values ($1, 'authenticated', 'authenticated', $2, $3, now())`,
				[id, email, hashPassword(password)]
			);
			return id;
		},
		revokeSessions: revoke,
		reset() {
			refreshTokens.clear();
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

interface Reply {
	status: number;
	headers: Record<string, string>;
	body?: string | Buffer;
}

function storageReply(error: StorageError): Reply {
	return json(error.status, error.body);
}

function json(status: number, body: unknown): Reply {
	return {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8' },
		body: JSON.stringify(body)
	};
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
	const text = (await readBody(request)).toString('utf8');
	if (text === '') return undefined;
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new PostgrestError(400, {
			code: 'PGRST102',
			message: 'Empty or invalid json',
			details: (error as Error).message,
			hint: null
		});
	}
}

function headerText(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value.join(',') : value;
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

function hashPassword(password: string): string {
	const salt = randomBytes(16);
	return `${salt.toString('hex')}:${scryptSync(password, salt, 32).toString('hex')}`;
}

function checkPassword(password: string, stored: string): boolean {
	const [salt, hash] = stored.split(':');
	if (!salt || !hash) return false;
	const given = scryptSync(password, Buffer.from(salt, 'hex'), 32);
	return timingSafeEqual(given, Buffer.from(hash, 'hex'));
}
