/**
 * A FAKE of PostgREST for the calls Kompanion's sync makes, translating each request into one SQL
 * statement that runs on the real Postgres under the caller's role and JWT claims (see index.ts),
 * so Row Level Security is decided by Postgres, never here. Covered: GET with filters (eq, neq, gt,
 * gte, lt, lte, like, ilike, is, in, not., or=(…) and and=(…)), select of plain columns, order,
 * limit and offset; POST with Prefer resolution=merge-duplicates|ignore-duplicates and on_conflict;
 * PATCH and DELETE with filters; Prefer return=representation|minimal. Response bodies are built by
 * Postgres with json_agg, as PostgREST builds them, so values (timestamps with microseconds) read
 * exactly as they would from PostgREST.
 */
import type { Transaction } from '@electric-sql/pglite';
import { quoteIdent } from '../postgres.ts';
import { PostgrestError } from './errors.ts';

export interface RestRequest {
	method: string;
	table: string;
	params: URLSearchParams;
	prefer: Map<string, string>;
	body: unknown;
}

export interface RestResponse {
	status: number;
	headers: Record<string, string>;
	body?: string;
}

const OPERATORS: Record<string, string> = {
	eq: '=',
	neq: '<>',
	gt: '>',
	gte: '>=',
	lt: '<',
	lte: '<=',
	like: 'like',
	ilike: 'ilike'
};
const RESERVED = new Set(['select', 'order', 'limit', 'offset', 'on_conflict', 'columns']);

/** Collects bind parameters while SQL is built. */
class Params {
	values: unknown[] = [];
	add(value: unknown): string {
		this.values.push(value);
		return `$${this.values.length}`;
	}
}

export async function handleRest(tx: Transaction, request: RestRequest): Promise<RestResponse> {
	const table = `public.${quoteIdent(request.table)}`;
	const exists = await tx.query(
		`select 1 from pg_class where relnamespace = 'public'::regnamespace and relname = $1
		 and relkind in ('r', 'v', 'p')`,
		[request.table]
	);
	if (exists.rows.length === 0) {
		throw new PostgrestError(404, {
			code: 'PGRST205',
			message: `Could not find the table 'public.${request.table}' in the schema cache`,
			details: null,
			hint: null
		});
	}
	const params = new Params();
	const where = whereClause(request.params, params);
	const representation = request.prefer.get('return') === 'representation';
	const returning = representation ? `returning ${selectList(request.params)}` : 'returning 1';

	switch (request.method) {
		case 'GET':
		case 'HEAD': {
			const sql =
				`select ${selectList(request.params)} from ${table}${where}` +
				orderClause(request.params) +
				pageClause(request.params, params);
			const rows = await aggregate(tx, sql, params);
			// Prefer: count=exact adds the total to Content-Range (supabase-js reads its count there).
			let total: number | undefined;
			if (request.prefer.get('count') === 'exact') {
				const counting = new Params();
				const { rows: counted } = await tx.query<{ n: number }>(
					`select count(*)::int as n from ${table}${whereClause(request.params, counting)}`,
					counting.values
				);
				total = counted[0].n;
			}
			return {
				status: 200,
				headers: { 'content-range': contentRange(rows.count, request.params, total) },
				body: request.method === 'HEAD' ? undefined : rows.json
			};
		}
		case 'POST': {
			const objects = Array.isArray(request.body) ? request.body : [request.body];
			if (
				!objects.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))
			) {
				throw new PostgrestError(400, {
					code: 'PGRST102',
					message: 'Invalid body, expected an object or an array of objects',
					details: null,
					hint: null
				});
			}
			const columns = [...new Set(objects.flatMap((item) => Object.keys(item as object)))];
			const list = columns.map(quoteIdent).join(', ');
			const source = `select ${list} from jsonb_populate_recordset(null::${table}, ${params.add(JSON.stringify(objects))}::jsonb)`;
			let conflict = '';
			const resolution = request.prefer.get('resolution');
			if (resolution) {
				const target =
					request.params.get('on_conflict')?.split(',') ?? (await primaryKey(tx, request.table));
				const updates = columns
					.filter((column) => !target.includes(column))
					.map((column) => `${quoteIdent(column)} = excluded.${quoteIdent(column)}`);
				conflict =
					resolution === 'merge-duplicates' && updates.length > 0
						? ` on conflict (${target.map(quoteIdent).join(', ')}) do update set ${updates.join(', ')}`
						: ` on conflict (${target.map(quoteIdent).join(', ')}) do nothing`;
			}
			const sql = `insert into ${table} (${list}) ${source}${conflict} ${returning}`;
			const rows = await aggregate(tx, sql, params, true);
			return representation
				? { status: 201, headers: {}, body: rows.json }
				: { status: 201, headers: {} };
		}
		case 'PATCH': {
			if (
				request.body === null ||
				typeof request.body !== 'object' ||
				Array.isArray(request.body)
			) {
				throw new PostgrestError(400, {
					code: 'PGRST102',
					message: 'Invalid body, expected an object',
					details: null,
					hint: null
				});
			}
			const columns = Object.keys(request.body);
			const record = params.add(JSON.stringify(request.body));
			const sets = columns
				.map(
					(column) =>
						`${quoteIdent(column)} = (jsonb_populate_record(null::${table}, ${record}::jsonb)).${quoteIdent(column)}`
				)
				.join(', ');
			const sql = `update ${table} set ${sets}${where} ${returning}`;
			const rows = await aggregate(tx, sql, params, true);
			return representation
				? { status: 200, headers: {}, body: rows.json }
				: { status: 204, headers: {} };
		}
		case 'DELETE': {
			const sql = `delete from ${table}${where} ${returning}`;
			const rows = await aggregate(tx, sql, params, true);
			return representation
				? { status: 200, headers: {}, body: rows.json }
				: { status: 204, headers: {} };
		}
		default:
			throw new PostgrestError(405, {
				code: 'PGRST117',
				message: `Unsupported HTTP method: ${request.method}`,
				details: null,
				hint: null
			});
	}
}

/** Runs `sql` and returns its rows as one JSON array built by Postgres. */
async function aggregate(
	tx: Transaction,
	sql: string,
	params: Params,
	modifying = false
): Promise<{ json: string; count: number }> {
	const wrapped = modifying
		? `with r as (${sql}) select coalesce(json_agg(r), '[]')::text as json, count(*)::int as count from r`
		: `select coalesce(json_agg(r), '[]')::text as json, count(*)::int as count from (${sql}) r`;
	const { rows } = await tx.query<{ json: string; count: number }>(wrapped, params.values);
	return rows[0];
}

async function primaryKey(tx: Transaction, table: string): Promise<string[]> {
	const { rows } = await tx.query<{ name: string }>(
		`select a.attname as name from pg_index i
		 join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
		 where i.indrelid = ('public.' || quote_ident($1))::regclass and i.indisprimary
		 order by array_position(i.indkey::int2[], a.attnum)`,
		[table]
	);
	return rows.map((row) => row.name);
}

function selectList(params: URLSearchParams): string {
	const select = params.get('select');
	if (!select || select === '*') return '*';
	return select
		.split(',')
		.map((column) => {
			const name = column.trim();
			if (!/^[\w]+$/.test(name)) {
				throw new PostgrestError(400, {
					code: 'PGRST100',
					message: `"failed to parse select parameter (${select})"`,
					details: 'The stand-in selects plain columns only',
					hint: null
				});
			}
			return quoteIdent(name);
		})
		.join(', ');
}

function whereClause(params: URLSearchParams, bind: Params): string {
	const conditions: string[] = [];
	for (const [key, value] of params) {
		if (RESERVED.has(key)) continue;
		if (key === 'or' || key === 'and' || key === 'not.or' || key === 'not.and') {
			const negate = key.startsWith('not.');
			const logic = negate ? key.slice(4) : key;
			conditions.push(`${negate ? 'not ' : ''}(${logicTree(logic, value, bind)})`);
		} else {
			conditions.push(condition(key, value, bind));
		}
	}
	return conditions.length > 0 ? ` where ${conditions.join(' and ')}` : '';
}

/** `(a.gt.1,and(b.eq.2,c.lt.3))` under `or` or `and`. */
function logicTree(logic: string, text: string, bind: Params): string {
	if (!text.startsWith('(') || !text.endsWith(')')) throw parseError(text);
	const parts = splitTopLevel(text.slice(1, -1)).map((item) => {
		const nested = /^(not\.)?(and|or)(\(.*\))$/s.exec(item);
		if (nested) {
			return `${nested[1] ? 'not ' : ''}(${logicTree(nested[2], nested[3], bind)})`;
		}
		const dot = item.indexOf('.');
		if (dot < 0) throw parseError(item);
		return condition(item.slice(0, dot), item.slice(dot + 1), bind);
	});
	return parts.join(logic === 'or' ? ' or ' : ' and ');
}

function splitTopLevel(text: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let quoted = false;
	let current = '';
	for (const char of text) {
		if (char === '"') quoted = !quoted;
		if (!quoted && char === '(') depth++;
		if (!quoted && char === ')') depth--;
		if (!quoted && depth === 0 && char === ',') {
			parts.push(current);
			current = '';
		} else {
			current += char;
		}
	}
	parts.push(current);
	return parts;
}

function unquote(value: string): string {
	return value.length >= 2 && value.startsWith('"') && value.endsWith('"')
		? value.slice(1, -1)
		: value;
}

function condition(column: string, expression: string, bind: Params): string {
	if (!/^[\w]+$/.test(column)) throw parseError(`${column}=${expression}`);
	const name = quoteIdent(column);
	let rest = expression;
	let negate = false;
	if (rest.startsWith('not.')) {
		negate = true;
		rest = rest.slice(4);
	}
	const dot = rest.indexOf('.');
	if (dot < 0) throw parseError(`${column}=${expression}`);
	const operator = rest.slice(0, dot);
	const value = rest.slice(dot + 1);
	let sql: string;
	if (operator in OPERATORS) {
		sql = `${name} ${OPERATORS[operator]} ${bind.add(unquote(value))}`;
	} else if (operator === 'is') {
		const literal = { null: 'null', true: 'true', false: 'false', unknown: 'unknown' }[value];
		if (!literal) throw parseError(`${column}=${expression}`);
		sql = `${name} is ${literal}`;
	} else if (operator === 'in') {
		if (!value.startsWith('(') || !value.endsWith(')')) throw parseError(`${column}=${expression}`);
		const items = splitTopLevel(value.slice(1, -1)).map((item) => bind.add(unquote(item)));
		sql = items.length > 0 ? `${name} in (${items.join(', ')})` : 'false';
	} else {
		throw parseError(`${column}=${expression}`);
	}
	return negate ? `not (${sql})` : sql;
}

function orderClause(params: URLSearchParams): string {
	const order = params.get('order');
	if (!order) return '';
	const terms = order.split(',').map((term) => {
		const [column, ...modifiers] = term.split('.');
		if (!/^[\w]+$/.test(column)) throw parseError(`order=${order}`);
		const direction = modifiers.includes('desc') ? ' desc' : ' asc';
		const nulls = modifiers.includes('nullsfirst')
			? ' nulls first'
			: modifiers.includes('nullslast')
				? ' nulls last'
				: '';
		return `${quoteIdent(column)}${direction}${nulls}`;
	});
	return ` order by ${terms.join(', ')}`;
}

function pageClause(params: URLSearchParams, bind: Params): string {
	let sql = '';
	for (const key of ['limit', 'offset'] as const) {
		const value = params.get(key);
		if (value === null) continue;
		if (!/^\d+$/.test(value)) throw parseError(`${key}=${value}`);
		sql += ` ${key} ${bind.add(Number(value))}`;
	}
	return sql;
}

function contentRange(count: number, params: URLSearchParams, total?: number): string {
	const offset = Number(params.get('offset') ?? 0);
	const of = total === undefined ? '*' : String(total);
	return count === 0 ? `*/${of}` : `${offset}-${offset + count - 1}/${of}`;
}

function parseError(text: string): PostgrestError {
	return new PostgrestError(400, {
		code: 'PGRST100',
		message: `"failed to parse filter (${text})"`,
		details: null,
		hint: null
	});
}
