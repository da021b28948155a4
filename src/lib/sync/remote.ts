import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { SyncError } from './errors';

/**
 * The person's own Supabase project, as sync sees it: PostgREST tables of one shape
 * (supabase/migrations), GoTrue for the session, Storage for recording media. The only module that
 * imports supabase-js. Every failure comes out as a SyncError that says what to do.
 */

/** A row as the server stores it (supabase/migrations/20261206200000_sync_tables.sql). */
export interface RemoteRow {
	id: string;
	rev: string;
	deleted: boolean;
	data: Record<string, unknown>;
	/** The server's write time: the pull cursor. */
	updated_at: string;
}

export type PushRow = Omit<RemoteRow, 'updated_at'>;

/** Where a table's pull stopped: the last row's write time, the id breaking ties. */
export interface Cursor {
	at: string;
	id: string;
}

export interface Remote {
	push(table: string, rows: readonly PushRow[]): Promise<void>;
	/** Rows stored after `since`, in cursor order. */
	pull(table: string, since: Cursor | undefined, limit: number): Promise<RemoteRow[]>;
	/** The newest write time per server table, null for a table without rows. */
	heads(): Promise<Record<string, string | null>>;
	/** Deletes every row and stored object of the signed-in person. */
	deleteEverything(tables: readonly string[]): Promise<void>;
	/** Deletes the uploaded media of these recordings. */
	removeMedia(recordingIds: readonly string[]): Promise<void>;
}

export interface SyncConfig {
	url: string;
	anonKey: string;
}

/** The syncState table, as the session storage needs it. */
interface KeyValueTable {
	get(key: string): PromiseLike<{ value: unknown } | undefined>;
	put(row: { key: string; value: unknown }): PromiseLike<unknown>;
	delete(key: string): PromiseLike<unknown>;
}

/** supabase-js's session storage, kept in IndexedDB (the syncState table): never synced or exported. */
export function sessionStorageIn(table: KeyValueTable) {
	const key = (name: string) => `auth:${name}`;
	return {
		getItem: async (name: string) => {
			const row = await table.get(key(name));
			return typeof row?.value === 'string' ? row.value : null;
		},
		setItem: async (name: string, value: string) => {
			await table.put({ key: key(name), value });
		},
		removeItem: async (name: string) => {
			await table.delete(key(name));
		}
	};
}

export function connect(
	config: SyncConfig,
	storage: ReturnType<typeof sessionStorageIn>,
	options: { fetch?: typeof fetch; webSocket?: unknown } = {}
): SupabaseClient {
	return createClient(config.url, config.anonKey, {
		auth: {
			storage,
			storageKey: 'kompanion-sync',
			persistSession: true,
			autoRefreshToken: true,
			// The app routes by hash; a magic link comes back as ?code= (PKCE), exchanged in service.
			detectSessionInUrl: false,
			flowType: 'pkce'
		},
		global: options.fetch ? { fetch: options.fetch } : undefined,
		// Node 20 has no WebSocket; Realtime is not used, but createClient builds its client.
		realtime: options.webSocket ? { transport: options.webSocket as never } : undefined
	});
}

const BUCKET = 'recordings';

export class SupabaseRemote implements Remote {
	constructor(readonly client: SupabaseClient) {}

	async push(table: string, rows: readonly PushRow[]): Promise<void> {
		if (rows.length === 0) return;
		const { error, status } = await this.client
			.from(table)
			.upsert(rows as PushRow[], { onConflict: 'user_id,id', defaultToNull: false });
		if (error) throw fromPostgrest(error, status, `saving ${table}`);
	}

	async pull(table: string, since: Cursor | undefined, limit: number): Promise<RemoteRow[]> {
		let query = this.client
			.from(table)
			.select('id,rev,deleted,data,updated_at')
			.order('updated_at')
			.order('id')
			.limit(limit);
		if (since) {
			const at = quote(since.at);
			query = query.or(`updated_at.gt.${at},and(updated_at.eq.${at},id.gt.${quote(since.id)})`);
		}
		const { data, error, status } = await query;
		if (error) throw fromPostgrest(error, status, `reading ${table}`);
		if (!Array.isArray(data)) throw notTheApi(`reading ${table}`);
		return data as RemoteRow[];
	}

	async heads(): Promise<Record<string, string | null>> {
		const { data, error, status } = await this.client.from('sync_heads').select('table_name,head');
		if (error) throw fromPostgrest(error, status, 'asking what changed');
		if (!Array.isArray(data)) throw notTheApi('asking what changed');
		return Object.fromEntries(
			(data as { table_name: string; head: string | null }[]).map((row) => [
				row.table_name,
				row.head
			])
		);
	}

	async deleteEverything(tables: readonly string[]): Promise<void> {
		const id = await this.#userId();
		for (const table of tables) {
			const { error, status } = await this.client.from(table).delete().eq('user_id', id);
			if (error) throw fromPostgrest(error, status, `deleting ${table}`);
		}
		const { data, error } = await this.client.storage.from(BUCKET).list(id, { limit: 1000 });
		if (error) throw storageError(error, 'deleting recordings');
		await this.removeMedia((data ?? []).map((folder) => folder.name));
	}

	/**
	 * Uploads a recording's media as parts `<user>/<recording>/<n>` (each a stored chunk, a
	 * second of media or a block of the seekable file), replacing any earlier upload.
	 */
	async uploadMedia(
		recordingId: string,
		parts: readonly Blob[],
		contentType: string,
		onPart: (done: number) => void = () => {}
	): Promise<void> {
		const folder = `${await this.#userId()}/${recordingId}`;
		const bucket = this.client.storage.from(BUCKET);
		for (const [index, part] of parts.entries()) {
			const { error } = await bucket.upload(`${folder}/${index}`, part, {
				upsert: true,
				contentType
			});
			if (error) throw storageError(error, 'uploading the recording');
			onPart(index + 1);
		}
	}

	async downloadMedia(
		recordingId: string,
		count: number,
		onPart: (done: number) => void = () => {}
	): Promise<Blob[]> {
		const folder = `${await this.#userId()}/${recordingId}`;
		const bucket = this.client.storage.from(BUCKET);
		const parts: Blob[] = [];
		for (let index = 0; index < count; index++) {
			const { data, error } = await bucket.download(`${folder}/${index}`);
			if (error || !data) throw storageError(error, 'downloading the recording');
			parts.push(data);
			onPart(index + 1);
		}
		return parts;
	}

	/** Deletes the uploaded media of these recordings (nothing for one never uploaded). */
	async removeMedia(recordingIds: readonly string[]): Promise<void> {
		if (recordingIds.length === 0) return;
		const user = await this.#userId();
		const bucket = this.client.storage.from(BUCKET);
		for (const recordingId of recordingIds) {
			const { data, error } = await bucket.list(`${user}/${recordingId}`, { limit: 10_000 });
			if (error) throw storageError(error, 'deleting a recording');
			if (!data?.length) continue;
			const removed = await bucket.remove(
				data.map((item) => `${user}/${recordingId}/${item.name}`)
			);
			if (removed.error) throw storageError(removed.error, 'deleting a recording');
		}
	}

	async #userId(): Promise<string> {
		const { data } = await this.client.auth.getSession();
		const id = data.session?.user.id;
		if (!id)
			throw new SyncError('auth', 'Your sync session has ended. Sign in again to go on syncing.');
		return id;
	}
}

function storageError(error: { message: string } | null, doing: string): SyncError {
	const message = error?.message ?? 'no answer';
	if (/fetch|network/iu.test(message)) {
		return new SyncError(
			'network',
			`The sync server cannot be reached while ${doing}. Try again later.`
		);
	}
	if (/jwt|token|unauthori[sz]ed/iu.test(message)) {
		return new SyncError('auth', 'Your sync session has ended. Sign in again to go on syncing.');
	}
	return new SyncError('server', `The sync server refused ${doing}: ${message}`);
}

/** PostgREST's double-quoted value, for values with dots, colons or commas. */
function quote(value: string): string {
	return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

function notTheApi(doing: string): SyncError {
	return new SyncError(
		'config',
		`While ${doing}, the sync server answered with something other than Supabase's API. Check ` +
			'the project URL in Settings → Sync.'
	);
}

function fromPostgrest(
	error: { message: string; code?: string; details?: string | null },
	status: number,
	doing: string
): SyncError {
	const text = `${error.message} ${error.details ?? ''}`;
	if (status === 401 || /JWT|jwt|PGRST30/u.test(`${text} ${error.code ?? ''}`)) {
		return new SyncError('auth', 'Your sync session has ended. Sign in again to go on syncing.');
	}
	if (status === 403 || error.code === '42501') {
		return new SyncError(
			'auth',
			`The sync server refused ${doing}: you are not signed in, or your project is missing ` +
				"Kompanion's tables and policies (supabase/README.md says how to add them)."
		);
	}
	if (status === 404 || error.code === 'PGRST205' || error.code === '42P01') {
		return new SyncError(
			'config',
			`Your Supabase project has no table for ${doing.replace(/^\w+ /u, '')}: apply Kompanion's ` +
				'migrations (supabase/README.md) and sync again.'
		);
	}
	if (status === 0 || /fetch failed|Failed to fetch|NetworkError|network/iu.test(text)) {
		return new SyncError('network', 'The sync server cannot be reached. Kompanion will try again.');
	}
	if (status >= 500 || status === 0) {
		return new SyncError(
			'server',
			`The sync server had a problem while ${doing} (${status}). Kompanion will try again.`
		);
	}
	if (/<html|<!doctype/iu.test(text)) return notTheApi(doing);
	return new SyncError('server', `The sync server refused ${doing}: ${error.message}`);
}
