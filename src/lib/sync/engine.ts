import * as v from 'valibot';
import type { KompanionDb } from '$lib/db/database';
import { untracked } from '$lib/db/outbox';
import type { OutboxEntry } from '$lib/db/rows';
import { isSecretSetting, settingIssue } from '$lib/db/settings';
import { SYNCED_TABLES, TABLES, type TableName } from '$lib/db/tables';
import type { EventBus } from '$lib/events';
import type { Cursor, PushRow, Remote, RemoteRow } from './remote';

/** Local table name → server table name: `memoryVersions` → `memory_versions`. */
export const serverTable = (name: string) => name.replace(/[A-Z]/gu, (c) => `_${c.toLowerCase()}`);

export const SERVER_TABLES = SYNCED_TABLES.map(serverTable);

export interface SyncProgress {
	pushed: number;
	pulled: number;
	/** Pulled rows that failed validation and were skipped, with why (for the person). */
	skipped: { table: string; id: string; reason: string }[];
}

export interface EngineOptions {
	/** Outbox entries per push request, rows per pull request. */
	batch?: number;
	onProgress?: (progress: SyncProgress) => void;
}

const cursorKey = (table: string) => `cursor:${table}`;

/**
 * One sync run: push the outbox, then pull what changed. Local-first rules (the same on every
 * device, so devices converge whatever order they sync in):
 * - Last writer wins per row by `rev` (lib/db/hlc.ts): the server keeps the newer of two pushes
 *   (its trigger), a device applies a pulled row only when it is newer than its own.
 * - Deletes are tombstones with their own rev, so a delete wins over older edits and loses to a
 *   newer one.
 * - Append-only data (memory versions, review logs, life days) has a row per event with its own
 *   id, so the same rule merges it: every device's events are kept.
 * Resumable and never applied twice: a push deletes the outbox entries it sent only after the
 * server took them (a re-sent batch changes nothing: same revs); a pull applies a batch and moves
 * its cursor in one transaction. Pulled rows are validated with the backup schemas first; a bad one
 * is skipped and reported, the rest apply. Secrets never leave or enter: settings marked secret are
 * neither pushed nor accepted.
 */
export class SyncEngine {
	readonly #batch: number;

	constructor(
		private readonly db: KompanionDb,
		private readonly remote: Remote,
		private readonly bus: EventBus,
		private readonly options: EngineOptions = {}
	) {
		this.#batch = options.batch ?? 500;
	}

	async run(): Promise<SyncProgress> {
		const progress: SyncProgress = { pushed: 0, pulled: 0, skipped: [] };
		await this.push(progress);
		await this.pull(progress);
		return progress;
	}

	/** Sends the outbox in batches until it is empty. */
	async push(progress: SyncProgress = { pushed: 0, pulled: 0, skipped: [] }): Promise<void> {
		for (;;) {
			const entries = await this.db.outbox.orderBy('seq').limit(this.#batch).toArray();
			if (entries.length === 0) return;
			const byTable = new Map<TableName, Map<string, OutboxEntry>>();
			for (const entry of entries) {
				const name = entry.table as TableName;
				if (!SYNCED_TABLES.includes(name)) continue;
				let latest = byTable.get(name);
				if (!latest) byTable.set(name, (latest = new Map()));
				latest.set(entry.key, entry);
			}
			for (const [name, latest] of byTable) {
				const rows = await this.#rowsToPush(name, [...latest.values()]);
				await this.remote.push(serverTable(name), rows);
				// A recording deleted here: its uploaded media go too (a no-op if never uploaded).
				if (name === 'recordings') {
					await this.remote.removeMedia(rows.filter((row) => row.deleted).map((row) => row.id));
				}
				progress.pushed += rows.length;
				this.options.onProgress?.(progress);
			}
			await this.db.outbox.bulkDelete(entries.map((entry) => entry.seq!));
		}
	}

	async #rowsToPush(name: TableName, entries: OutboxEntry[]): Promise<PushRow[]> {
		const table = this.db.table(name);
		const rows = (await table.bulkGet(entries.map((entry) => entry.key))) as (
			(Record<string, unknown> & { rev: string }) | undefined
		)[];
		const out: PushRow[] = [];
		entries.forEach((entry, index) => {
			if (name === 'settings' && isSecretSetting(entry.key)) return;
			const row = rows[index];
			// A recording still being made is sent when it is finished (its last write queues it).
			if (name === 'recordings' && row?.status === 'recording') return;
			if (row) {
				const { rev, ...data } = row;
				out.push({ id: entry.key, rev, deleted: false, data });
			} else {
				// Gone since: a tombstone, with the delete's rev (or, for a row deleted before the
				// outbox knew revs, one newer than anything this device has seen).
				out.push({ id: entry.key, rev: entry.rev ?? this.db.clock.now(), deleted: true, data: {} });
			}
		});
		return out;
	}

	/** Pulls every table whose newest server write is past its cursor. */
	async pull(progress: SyncProgress = { pushed: 0, pulled: 0, skipped: [] }): Promise<void> {
		const heads = await this.remote.heads();
		for (const name of SYNCED_TABLES) {
			const server = serverTable(name);
			const head = heads[server];
			let cursor = await this.#cursor(server);
			// Postgres stamps microseconds: a newer row has a later time than the cursor's.
			if (!head || (cursor && compareTime(head, cursor.at) <= 0)) continue;
			for (;;) {
				const rows = await this.remote.pull(server, cursor, this.#batch);
				if (rows.length === 0) break;
				cursor = await this.#apply(name, rows, progress);
				this.options.onProgress?.(progress);
				if (rows.length < this.#batch) break;
			}
		}
	}

	async #cursor(server: string): Promise<Cursor | undefined> {
		const row = await this.db.syncState.get(cursorKey(server));
		return v.is(CursorSchema, row?.value) ? row.value : undefined;
	}

	/** Applies one pulled batch and moves the table's cursor past it, in one transaction. */
	async #apply(name: TableName, rows: RemoteRow[], progress: SyncProgress): Promise<Cursor> {
		const table = this.db.table(name);
		const schema = TABLES[name].schema;
		const last = rows[rows.length - 1];
		const cursor = { at: last.updated_at, id: last.id };
		const changedMemories: { upserted: string[]; removed: string[] } = {
			upserted: [],
			removed: []
		};
		const changedSettings: string[] = [];
		// A recording's media go with it when it is deleted on another device.
		const scope =
			name === 'recordings' ? [name, 'recordingChunks', 'syncState'] : [name, 'syncState'];
		await untracked(this.db, scope, async () => {
			const locals = (await table.bulkGet(rows.map((row) => row.id))) as (
				{ rev?: string } | undefined
			)[];
			const puts: { id: string; row: Record<string, unknown> }[] = [];
			for (const [index, remote] of rows.entries()) {
				const skip = (reason: string) =>
					progress.skipped.push({ table: name, id: remote.id, reason });
				if (name === 'settings' && isSecretSetting(remote.id)) {
					skip('a secret setting; secrets never sync');
					continue;
				}
				const key = remote.id;
				const local = locals[index];
				if (local?.rev && local.rev >= remote.rev) continue;
				if (remote.deleted) {
					if (local) await table.delete(key);
					if (local && name === 'recordings') {
						await this.db.recordingChunks.where('recordingId').equals(key).delete();
					}
					if (name === 'memories') changedMemories.removed.push(remote.id);
					progress.pulled++;
					continue;
				}
				const parsed = v.safeParse(schema, { ...remote.data, rev: remote.rev });
				if (!parsed.success) {
					const issue = parsed.issues[0];
					const path = issue.path?.map((item) => String(item.key)).join('.');
					skip(`${issue.message}${path ? ` (${path})` : ''}`);
					continue;
				}
				const row = parsed.output as Record<string, unknown>;
				// A setting's value is checked against its own type, as backups do.
				const settingProblem =
					name === 'settings' ? settingIssue(String(row.key), row.value) : undefined;
				if (settingProblem) {
					skip(settingProblem);
					continue;
				}
				if (name === 'recordings' && row.status === 'recording') {
					skip('a recording still being made on another device');
					continue;
				}
				if (String(row[table.schema.primKey.keyPath as string]) !== remote.id) {
					skip('its id does not match its key');
					continue;
				}
				puts.push({ id: remote.id, row });
			}
			// One request for the batch; a row the database refuses (a broken unique index) is
			// skipped and the rest are kept.
			const failed = await table.bulkPut(puts.map(({ row }) => row)).then(
				() => new Map<number, Error>(),
				(error: unknown) => {
					const byPosition = (error as { failuresByPos?: Record<number, Error> }).failuresByPos;
					if (!byPosition) throw error;
					return new Map(Object.entries(byPosition).map(([at, e]) => [Number(at), e]));
				}
			);
			for (const [index, { id }] of puts.entries()) {
				const problem = failed.get(index);
				if (problem) {
					progress.skipped.push({ table: name, id, reason: problem.message });
					continue;
				}
				if (name === 'memories') changedMemories.upserted.push(id);
				if (name === 'settings') changedSettings.push(id);
				progress.pulled++;
			}
			await this.db.syncState.put({ key: cursorKey(serverTable(name)), value: cursor });
		});
		if (changedMemories.upserted.length || changedMemories.removed.length) {
			const memories = await this.db.memories.bulkGet(changedMemories.upserted);
			this.bus.emit('memory:changed', {
				upserted: memories.flatMap((m) =>
					m ? [{ id: m.id, namespace: m.namespace, text: m.text }] : []
				),
				removed: changedMemories.removed
			});
		}
		if (changedSettings.length) {
			this.bus.emit('settings:changed', { keys: changedSettings as never[] });
		}
		return cursor;
	}

	/**
	 * Queues every row of every synced table once: what was written before sync was set up (or
	 * while this browser did not track) reaches the server with the next push. Entries for rows
	 * already queued are harmless: a push sends each row once.
	 */
	async enqueueEverything(): Promise<number> {
		let queued = 0;
		for (const name of SYNCED_TABLES) {
			const table = this.db.table(name);
			await this.db.transaction('rw', [table, this.db.outbox], async () => {
				const keys = await table.toCollection().primaryKeys();
				const at = Date.now();
				await this.db.outbox.bulkAdd(
					keys.map((key) => ({ table: name, key: String(key), op: 'put' as const, at }))
				);
				queued += keys.length;
			});
		}
		return queued;
	}

	/** Forgets where pulls stopped: the next run pulls everything again (after signing in anew). */
	async resetCursors(): Promise<void> {
		await this.db.syncState.where('key').startsWith('cursor:').delete();
	}
}

const CursorSchema = v.object({ at: v.string(), id: v.string() });

/**
 * Orders two Postgres timestamptz texts (`2026-12-07T10:00:00.123456+00:00`) by time, to the
 * microsecond (Date keeps only milliseconds).
 */
export function compareTime(a: string, b: string): number {
	const micros = (text: string) => {
		const ms = Date.parse(text);
		const fraction = /\.(\d+)/u.exec(text)?.[1] ?? '';
		return BigInt(ms) * 1000n + BigInt((fraction + '000000').slice(3, 6));
	};
	const difference = micros(a) - micros(b);
	return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}
