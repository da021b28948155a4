/**
 * A FAKE of Supabase Storage for the calls recording sync will make: upload (POST, or PUT to
 * replace; `x-upsert`), download, list a folder, delete. Object rows live in storage.objects on the
 * real Postgres and every statement runs under the caller's role and claims, so the bucket's RLS
 * policies decide, as they do behind the real Storage API; the bytes live in memory here. Error
 * bodies follow Storage's `{ statusCode, error, message }`.
 */
import type { Transaction } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';

export interface StorageRequest {
	method: string;
	/** The path after /storage/v1/object/ */
	path: string;
	contentType: string;
	upsert: boolean;
	body: Buffer;
}

export interface StorageReply {
	status: number;
	headers: Record<string, string>;
	body?: string | Buffer;
}

export class StorageError extends Error {
	override name = 'StorageError';

	/** `status` is the HTTP status; `statusCode` the one in the body (they differ at times). */
	constructor(
		readonly status: number,
		readonly error: string,
		message: string,
		readonly statusCode = String(status)
	) {
		super(message);
	}

	get body() {
		return { statusCode: this.statusCode, error: this.error, message: this.message };
	}
}

/** Object bytes by object id. */
export type Blobs = Map<string, Buffer>;

export async function handleStorage(
	tx: Transaction,
	blobs: Blobs,
	request: StorageRequest
): Promise<StorageReply> {
	const { method, path } = request;
	if (method === 'POST' && path.startsWith('list/')) {
		return list(tx, path.slice('list/'.length), JSON.parse(request.body.toString('utf8') || '{}'));
	}
	const [bucket, ...rest] = path.replace(/^authenticated\//, '').split('/');
	const name = rest.map(decodeURIComponent).join('/');
	if (method === 'DELETE') {
		const { prefixes } = JSON.parse(request.body.toString('utf8') || '{}') as {
			prefixes?: string[];
		};
		// The Storage API lifts its guard against direct deletes for the requests it serves.
		await tx.query(`select set_config('storage.can_delete', 'true', true)`);
		const { rows } = await tx.query<{ id: string; name: string; bucket_id: string }>(
			`delete from storage.objects where bucket_id = $1 and name = any($2)
			 returning id, name, bucket_id`,
			[bucket, prefixes ?? []]
		);
		for (const row of rows) blobs.delete(row.id);
		return json(200, rows);
	}
	if (!name) throw new StorageError(400, 'InvalidKey', 'Invalid key: the object name is empty');
	if (method === 'GET') {
		const { rows } = await tx.query<{ id: string; metadata: { mimetype?: string } | null }>(
			`select id, metadata from storage.objects where bucket_id = $1 and name = $2`,
			[bucket, name]
		);
		const bytes = rows[0] && blobs.get(rows[0].id);
		if (!bytes) throw new StorageError(404, 'not_found', 'Object not found');
		return {
			status: 200,
			headers: { 'content-type': rows[0].metadata?.mimetype ?? 'application/octet-stream' },
			body: bytes
		};
	}
	if (method === 'POST' || method === 'PUT') {
		const file = await fileOf(request);
		const metadata = {
			size: file.bytes.length,
			mimetype: file.type,
			eTag: `"${createHash('md5').update(file.bytes).digest('hex')}"`,
			cacheControl: `max-age=${file.cacheControl}`,
			contentLength: file.bytes.length,
			httpStatusCode: 200
		};
		const replace = method === 'PUT' || request.upsert;
		const sql = replace
			? `insert into storage.objects (bucket_id, name, owner, owner_id, metadata)
			   values ($1, $2, auth.uid(), auth.uid()::text, $3)
			   on conflict (bucket_id, name) do update set metadata = excluded.metadata, updated_at = now()
			   returning id`
			: `insert into storage.objects (bucket_id, name, owner, owner_id, metadata)
			   values ($1, $2, auth.uid(), auth.uid()::text, $3) returning id`;
		const { rows } = await tx.query<{ id: string }>(sql, [bucket, name, metadata]);
		blobs.set(rows[0].id, file.bytes);
		return json(200, { Id: rows[0].id, Key: `${bucket}/${name}` });
	}
	throw new StorageError(405, 'method_not_allowed', `${method} is not supported here`);
}

/**
 * The uploaded file: the raw body, or (what storage-js sends for a Blob or File) the file part of a
 * multipart form, with its `cacheControl` field.
 */
async function fileOf(
	request: StorageRequest
): Promise<{ bytes: Buffer; type: string; cacheControl: string }> {
	if (!request.contentType.startsWith('multipart/form-data')) {
		return { bytes: request.body, type: request.contentType, cacheControl: '3600' };
	}
	const form = await new Response(new Uint8Array(request.body), {
		headers: { 'content-type': request.contentType }
	}).formData();
	const file = [...form.values()].find((value): value is File => typeof value !== 'string');
	if (!file) throw new StorageError(400, 'InvalidRequest', 'No file in the multipart body');
	return {
		bytes: Buffer.from(await file.arrayBuffer()),
		type: file.type || 'application/octet-stream',
		cacheControl: String(form.get('cacheControl') ?? '3600')
	};
}

/** A folder's direct children, as Storage lists them (sub-folders with a null id). */
async function list(
	tx: Transaction,
	bucket: string,
	options: { prefix?: string; limit?: number; offset?: number }
): Promise<StorageReply> {
	const prefix = options.prefix ? options.prefix.replace(/\/?$/, '/') : '';
	const { rows } = await tx.query<{
		name: string;
		id: string;
		updated_at: string;
		created_at: string;
		metadata: unknown;
	}>(
		`select name, id, updated_at, created_at, last_accessed_at, metadata from storage.objects
		 where bucket_id = $1 and starts_with(name, $2) order by name`,
		[bucket, prefix]
	);
	const entries: Record<string, unknown>[] = [];
	const folders = new Set<string>();
	for (const row of rows) {
		const rest = row.name.slice(prefix.length);
		const slash = rest.indexOf('/');
		if (slash >= 0) {
			const folder = rest.slice(0, slash);
			if (!folders.has(folder)) {
				folders.add(folder);
				entries.push({
					name: folder,
					id: null,
					updated_at: null,
					created_at: null,
					metadata: null
				});
			}
		} else {
			entries.push({ ...row, name: rest });
		}
	}
	const offset = options.offset ?? 0;
	return json(200, entries.slice(offset, offset + (options.limit ?? 100)));
}

function json(status: number, body: unknown): StorageReply {
	return {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8' },
		body: JSON.stringify(body)
	};
}

/** A Postgres error inside a Storage request, as Storage reports it. */
export function storageErrorFrom(error: unknown): StorageError | null {
	const code = (error as { code?: unknown } | null)?.code;
	const message = (error as Error | null)?.message ?? String(error);
	if (code === '42501') {
		// Storage drops the table name from Postgres's message.
		return new StorageError(403, 'Unauthorized', message.replace(/ for table "\w+"$/, ''));
	}
	if (code === '23505') {
		return new StorageError(400, 'Duplicate', 'The resource already exists', '409');
	}
	if (code === '23503') return new StorageError(404, 'Bucket not found', 'Bucket not found');
	return null;
}
