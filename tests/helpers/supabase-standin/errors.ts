/**
 * PostgREST's error contract (docs.postgrest.org, "Errors"): a JSON body
 * `{ code, message, details, hint }` and an HTTP status derived from the SQLSTATE.
 */
export interface PostgrestErrorBody {
	code: string;
	message: string;
	details: string | null;
	hint: string | null;
}

/** An error the stand-in answers with, as PostgREST would. */
export class PostgrestError extends Error {
	override name = 'PostgrestError';

	constructor(
		readonly status: number,
		readonly body: PostgrestErrorBody
	) {
		super(body.message);
	}
}

/** PostgREST's table from SQLSTATE to HTTP status. */
export function statusForSqlState(code: string, authenticated: boolean): number {
	if (code === '42501') return authenticated ? 403 : 401;
	const exact: Record<string, number> = {
		'23503': 409,
		'23505': 409,
		'25006': 405,
		'42883': 404,
		'42P01': 404,
		'42P17': 500,
		P0001: 400
	};
	if (code in exact) return exact[code];
	const byClass: Record<string, number> = {
		'08': 503,
		'09': 500,
		'0L': 403,
		'0P': 403,
		'25': 500,
		'28': 403,
		'2D': 500,
		'38': 500,
		'39': 500,
		'3B': 500,
		'40': 500,
		'53': 503,
		'54': 413,
		'55': 500,
		'57': 500,
		'58': 500,
		F0: 500,
		HV: 500,
		P0: 500,
		XX: 500
	};
	return byClass[code.slice(0, 2)] ?? 400;
}

/** A Postgres error (PGlite's DatabaseError) as PostgREST reports it. */
export function fromDatabaseError(error: unknown, authenticated: boolean): PostgrestError | null {
	const e = error as { code?: unknown; message?: unknown; detail?: unknown; hint?: unknown };
	if (typeof e?.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code)) return null;
	return new PostgrestError(statusForSqlState(e.code, authenticated), {
		code: e.code,
		message: String(e.message),
		details: typeof e.detail === 'string' ? e.detail : null,
		hint: typeof e.hint === 'string' ? e.hint : null
	});
}
