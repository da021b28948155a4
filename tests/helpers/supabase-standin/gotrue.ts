/**
 * A FAKE of GoTrue (Supabase Auth) for what sync needs: sign-up, password sign-in, magic links in
 * the PKCE flow (POST /otp, the emailed GET /verify link, POST /token?grant_type=pkce), refresh with
 * rotation, the user, sign-out. Sessions are HS256 JWTs signed with the project's secret, as a
 * project issues them; users are rows in auth.users. No e-mail is sent: `magicLink(email)` hands a
 * test the link the e-mail would have carried. Error bodies follow GoTrue's
 * `{ code, error_code, msg }`.
 */
import type { PGlite } from '@electric-sql/pglite';
import { createHash, randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import { json, type Reply } from './http.ts';
import { signJwt, type JwtCheck } from './jwt.ts';

interface RefreshToken {
	userId: string;
	used: boolean;
}

/** A magic link on its way: emailed token → one-time auth code → session. */
interface Flow {
	userId: string;
	challenge: string;
	method: 's256' | 'plain';
	redirectTo: string;
	expiresAt: number;
	used: boolean;
}

/** GoTrue's default lifetime of an e-mailed link. */
const LINK_SECONDS = 3600;

export class FakeGoTrue {
	#refreshTokens = new Map<string, RefreshToken>();
	/** Pending links by their token, and auth codes by code. */
	#links = new Map<string, Flow>();
	#codes = new Map<string, Flow>();
	/** The last link "sent" to each address. */
	#outbox = new Map<string, string>();

	constructor(
		private readonly db: PGlite,
		private readonly secret: string,
		private readonly lifetime: number,
		private readonly baseUrl: () => string
	) {}

	async handle(method: string, url: URL, body: unknown, caller: JwtCheck): Promise<Reply> {
		const input = (body ?? {}) as Record<string, unknown>;
		const path = url.pathname.slice('/auth/v1'.length);
		const grant = url.searchParams.get('grant_type');
		if (method === 'POST' && path === '/signup') return this.#signUp(input);
		if (method === 'POST' && path === '/token' && grant === 'password') {
			return this.#password(input);
		}
		if (method === 'POST' && path === '/token' && grant === 'refresh_token') {
			return this.#refresh(String(input.refresh_token ?? ''));
		}
		if (method === 'POST' && path === '/token' && grant === 'pkce') {
			return this.#exchange(String(input.auth_code ?? ''), String(input.code_verifier ?? ''));
		}
		if (method === 'POST' && path === '/otp') return this.#sendLink(input, url);
		if (method === 'GET' && path === '/verify') return this.#verify(url);
		if (method === 'POST' && path === '/logout') {
			if (caller.ok && caller.claims.sub) this.revoke(caller.claims.sub);
			return { status: 204, headers: {} };
		}
		if (method === 'GET' && path === '/user') {
			if (!caller.ok || !caller.claims.sub) {
				return error(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
			}
			const user = await this.#user(caller.claims.sub);
			return user ? json(200, user) : error(404, 'user_not_found', 'User not found');
		}
		return error(404, 'not_found', 'Not found');
	}

	/** Makes a confirmed user; returns its id. */
	async createUser(email: string, password?: string): Promise<string> {
		const id = randomUUID();
		await this.db.query(
			`insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at)
			 values ($1, 'authenticated', 'authenticated', $2, $3, now())`,
			[id, email.toLowerCase(), password === undefined ? null : hashPassword(password)]
		);
		return id;
	}

	/** Signing out everywhere: GoTrue deletes the sessions, so their refresh tokens are unknown. */
	revoke(userId: string): void {
		for (const [key, token] of this.#refreshTokens) {
			if (token.userId === userId) this.#refreshTokens.delete(key);
		}
	}

	/** The link the last magic-link e-mail to `email` would have carried. */
	magicLink(email: string): string | undefined {
		return this.#outbox.get(email.toLowerCase());
	}

	reset(): void {
		this.#refreshTokens.clear();
		this.#links.clear();
		this.#codes.clear();
		this.#outbox.clear();
	}

	async #signUp(input: Record<string, unknown>): Promise<Reply> {
		const email = String(input.email ?? '').toLowerCase();
		const password = String(input.password ?? '');
		if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
			return error(400, 'validation_failed', 'Unable to validate email address: invalid format');
		}
		if (password.length < 6) {
			return error(422, 'weak_password', 'Password should be at least 6 characters.');
		}
		if (await this.#userIdByEmail(email)) {
			return error(422, 'user_already_exists', 'User already registered');
		}
		// Auto-confirmed, as a project with "Confirm email" off answers: with a session.
		return json(200, await this.#session(await this.createUser(email, password)));
	}

	async #password(input: Record<string, unknown>): Promise<Reply> {
		const { rows } = await this.db.query<{ id: string; encrypted_password: string | null }>(
			`select id, encrypted_password from auth.users where email = $1`,
			[String(input.email ?? '').toLowerCase()]
		);
		const stored = rows[0]?.encrypted_password;
		if (!stored || !checkPassword(String(input.password ?? ''), stored)) {
			return error(400, 'invalid_credentials', 'Invalid login credentials');
		}
		return json(200, await this.#session(rows[0].id));
	}

	async #refresh(value: string): Promise<Reply> {
		const token = this.#refreshTokens.get(value);
		if (token?.used) {
			return error(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
		}
		if (!token || !(await this.#user(token.userId))) {
			// Unknown token, or its user was deleted.
			return error(
				400,
				'refresh_token_not_found',
				'Invalid Refresh Token: Refresh Token Not Found'
			);
		}
		// Rotation, as GoTrue does: a refresh token is good once.
		token.used = true;
		return json(200, await this.#session(token.userId));
	}

	/** POST /otp: "e-mails" a magic link; PKCE only (the app routes by hash). */
	async #sendLink(input: Record<string, unknown>, url: URL): Promise<Reply> {
		const email = String(input.email ?? '').toLowerCase();
		const challenge = String(input.code_challenge ?? '');
		const method = String(input.code_challenge_method ?? '').toLowerCase();
		if (!challenge || (method !== 's256' && method !== 'plain')) {
			return error(
				400,
				'validation_failed',
				'The stand-in supports magic links in the PKCE flow only'
			);
		}
		let userId = await this.#userIdByEmail(email);
		if (!userId) {
			if (input.create_user === false)
				return error(422, 'otp_disabled', 'Signups not allowed for otp');
			userId = await this.createUser(email);
		}
		const token = `pkce_${randomBytes(20).toString('hex')}`;
		const redirectTo = url.searchParams.get('redirect_to') ?? this.baseUrl();
		this.#links.set(token, {
			userId,
			challenge,
			method,
			redirectTo,
			expiresAt: Date.now() + LINK_SECONDS * 1000,
			used: false
		});
		const link = new URL('/auth/v1/verify', this.baseUrl());
		link.searchParams.set('token', token);
		link.searchParams.set('type', 'magiclink');
		link.searchParams.set('redirect_to', redirectTo);
		this.#outbox.set(email, link.href);
		return json(200, {});
	}

	/** GET /verify: the link in the e-mail; redirects to the app with `?code=` (or an error). */
	#verify(url: URL): Reply {
		const flow = this.#links.get(url.searchParams.get('token') ?? '');
		const target = new URL(
			flow?.redirectTo ?? url.searchParams.get('redirect_to') ?? this.baseUrl()
		);
		if (!flow || flow.used || flow.expiresAt <= Date.now()) {
			target.searchParams.set('error', 'access_denied');
			target.searchParams.set('error_code', 'otp_expired');
			target.searchParams.set('error_description', 'Email link is invalid or has expired');
			return { status: 303, headers: { location: target.href } };
		}
		flow.used = true;
		const code = randomUUID();
		this.#codes.set(code, flow);
		// Before the fragment, so a hash-routed app keeps its route.
		target.searchParams.set('code', code);
		return { status: 303, headers: { location: target.href } };
	}

	/** POST /token?grant_type=pkce: the app trades the code and its verifier for a session. */
	async #exchange(code: string, verifier: string): Promise<Reply> {
		const flow = this.#codes.get(code);
		if (!flow) {
			return error(404, 'flow_state_not_found', 'invalid flow state, no valid flow state found');
		}
		const derived =
			flow.method === 's256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
		if (derived !== flow.challenge) {
			return error(
				400,
				'bad_code_verifier',
				'code challenge does not match previously saved code verifier'
			);
		}
		this.#codes.delete(code);
		return json(200, await this.#session(flow.userId));
	}

	async #userIdByEmail(email: string): Promise<string | undefined> {
		const { rows } = await this.db.query<{ id: string }>(
			`select id from auth.users where email = $1`,
			[email]
		);
		return rows[0]?.id;
	}

	async #user(id: string) {
		const { rows } = await this.db.query<{ id: string; email: string; created_at: string }>(
			`select id, email, created_at from auth.users where id = $1`,
			[id]
		);
		const user = rows[0];
		if (!user) return undefined;
		return {
			id: user.id,
			aud: 'authenticated',
			role: 'authenticated',
			email: user.email,
			created_at: user.created_at,
			app_metadata: { provider: 'email', providers: ['email'] },
			user_metadata: {}
		};
	}

	async #session(userId: string) {
		const user = await this.#user(userId);
		if (!user) throw new Error(`No user ${userId}`);
		const now = Math.floor(Date.now() / 1000);
		const accessToken = signJwt(
			{
				sub: user.id,
				role: 'authenticated',
				aud: 'authenticated',
				email: user.email,
				iss: `${this.baseUrl()}/auth/v1`,
				iat: now,
				exp: now + this.lifetime,
				session_id: randomUUID()
			},
			this.secret
		);
		const refreshToken = randomBytes(16).toString('hex');
		this.#refreshTokens.set(refreshToken, { userId, used: false });
		return {
			access_token: accessToken,
			token_type: 'bearer',
			expires_in: this.lifetime,
			expires_at: now + this.lifetime,
			refresh_token: refreshToken,
			user
		};
	}
}

function error(status: number, code: string, message: string): Reply {
	return json(status, { code: status, error_code: code, msg: message });
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
