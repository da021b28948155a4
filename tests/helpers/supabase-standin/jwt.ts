/**
 * HS256 JSON Web Tokens, as a Supabase project signs its keys and sessions (the JWT secret is the
 * project's). Just enough for the stand-in: sign, and verify with expiry.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface JwtClaims {
	role: string;
	sub?: string;
	aud?: string;
	email?: string;
	iat?: number;
	exp?: number;
	iss?: string;
	session_id?: string;
	[claim: string]: unknown;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function signJwt(claims: JwtClaims, secret: string): string {
	const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
	const payload = base64url(JSON.stringify(claims));
	const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
	return `${header}.${payload}.${signature}`;
}

export type JwtCheck =
	{ ok: true; claims: JwtClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

export function verifyJwt(token: string, secret: string, now = Date.now()): JwtCheck {
	const parts = token.split('.');
	if (parts.length !== 3) return { ok: false, reason: 'malformed' };
	const [header, payload, signature] = parts;
	const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
	const given = Buffer.from(signature, 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
		return { ok: false, reason: 'signature' };
	}
	let claims: JwtClaims;
	try {
		const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string };
		if (head.alg !== 'HS256') return { ok: false, reason: 'malformed' };
		claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as JwtClaims;
	} catch {
		return { ok: false, reason: 'malformed' };
	}
	if (typeof claims.role !== 'string') return { ok: false, reason: 'malformed' };
	if (typeof claims.exp === 'number' && claims.exp * 1000 <= now) {
		return { ok: false, reason: 'expired' };
	}
	return { ok: true, claims };
}
