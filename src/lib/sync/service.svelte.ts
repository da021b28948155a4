import type { SupabaseClient } from '@supabase/supabase-js';
import * as v from 'valibot';
import type { KompanionDb } from '$lib/db/database';
import { setSyncTracking, syncTracking } from '$lib/db/outbox';
import { reportError } from '$lib/errors';
import type { EventBus } from '$lib/events';
import { SERVER_TABLES, SyncEngine, type SyncProgress } from './engine';
import { SyncError } from './errors';
import { connect, sessionStorageIn, SupabaseRemote, type SyncConfig } from './remote';
import { MAX_BACKOFF_MS, POLL_MS, PUSH_DELAY_MS } from './timing';

export type SyncPhase = 'off' | 'signed-out' | 'idle' | 'syncing' | 'error';

const ConfigSchema = v.object({
	url: v.pipe(v.string(), v.url('Enter the project URL, e.g. https://abcd.supabase.co.')),
	anonKey: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(20, "Enter the project's anon (public) key from its API settings.")
	)
});

export interface SyncServiceOptions {
	fetch?: typeof fetch;
	webSocket?: unknown;
	/** Where magic links bring the person back (the app's own address). */
	redirectTo?: () => string;
}

/**
 * Optional sync with the person's own Supabase project, for the Settings → Sync page and the
 * background. Off until the person turns it on: no request leaves the device before. Config, the
 * session and cursors live in the device-local syncState table (never synced or exported). While
 * the app is open and sync is on, it pushes soon after each local write and asks the server every
 * POLL_MS whether anything changed (polling, not Realtime: one cheap request, see
 * supabase/migrations/20261207000100_sync_heads.sql), pulling only tables that did.
 */
export class SyncService {
	phase = $state<SyncPhase>('off');
	config = $state<SyncConfig | undefined>();
	email = $state<string | undefined>();
	lastSyncedAt = $state<number | undefined>();
	pending = $state(0);
	progress = $state<SyncProgress | undefined>();
	error = $state<string | undefined>();
	/** Rows a pull skipped (invalid), so the person can see that something did not arrive. */
	skipped = $state<SyncProgress['skipped']>([]);
	/** A recording's media going up or coming down, in parts. */
	transfer = $state<{ id: string; done: number; total: number } | undefined>();

	#client: SupabaseClient | undefined;
	#engine: SyncEngine | undefined;
	#running: Promise<void> | undefined;
	#again = false;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#failures = 0;
	#started = false;
	#offOutbox: (() => void) | undefined;

	constructor(
		private readonly db: KompanionDb,
		private readonly bus: EventBus,
		private readonly options: SyncServiceOptions = {}
	) {}

	/** Loads the stored config and, when sync is on and signed in, starts syncing. */
	async start(): Promise<void> {
		if (this.#started) return;
		this.#started = true;
		const [config, enabled, last] = await Promise.all([
			this.db.syncState.get('config'),
			this.db.syncState.get('enabled'),
			this.db.syncState.get('lastSyncedAt')
		]);
		this.lastSyncedAt = typeof last?.value === 'number' ? last.value : undefined;
		await this.#countPending();
		if (!v.is(ConfigSchema, config?.value)) return;
		this.#connect(config.value);
		if (!syncTracking()) {
			// This browser forgot that sync is set up (site data cleared in part): track again and
			// queue everything, so nothing written meanwhile is missed.
			setSyncTracking(true);
			await this.#engine!.enqueueEverything();
		}
		const session = await this.#client!.auth.getSession();
		this.email = session.data.session?.user.email;
		if (!session.data.session) this.phase = 'signed-out';
		else if (enabled?.value === true) this.#resume();
		else this.phase = 'off';
	}

	/** Saves the project URL and anon key (Settings → Sync). Throws a SyncError on bad input. */
	async configure(input: { url: string; anonKey: string }): Promise<void> {
		const parsed = v.safeParse(ConfigSchema, { url: input.url.trim(), anonKey: input.anonKey });
		if (!parsed.success) throw new SyncError('config', parsed.issues[0].message);
		await this.db.syncState.put({ key: 'config', value: parsed.output });
		setSyncTracking(true);
		this.#connect(parsed.output);
		this.phase = 'signed-out';
	}

	async signIn(email: string, password: string): Promise<void> {
		const client = this.#need();
		const { data, error } = await client.auth.signInWithPassword({ email, password });
		if (error) throw authError(error);
		this.email = data.user?.email ?? email;
		await this.#signedIn();
	}

	/** Makes an account on the person's project (their project's settings decide if a mail confirms it). */
	async signUp(email: string, password: string): Promise<void> {
		const client = this.#need();
		const { data, error } = await client.auth.signUp({ email, password });
		if (error) throw authError(error);
		if (!data.session) {
			throw new SyncError('auth', 'Check your e-mail to confirm the account, then sign in.');
		}
		this.email = data.user?.email ?? email;
		await this.#signedIn();
	}

	/** E-mails a sign-in link (PKCE: it comes back as `?code=`, see `finishMagicLink`). */
	async sendMagicLink(email: string): Promise<void> {
		const client = this.#need();
		const redirect =
			this.options.redirectTo?.() ?? `${location.origin}${location.pathname}#/settings/sync`;
		const { error } = await client.auth.signInWithOtp({
			email,
			options: { emailRedirectTo: redirect, shouldCreateUser: true }
		});
		if (error) throw authError(error);
	}

	/** Trades the code a magic link brought back for a session. */
	async finishMagicLink(code: string): Promise<void> {
		const client = this.#need();
		const { data, error } = await client.auth.exchangeCodeForSession(code);
		if (error) throw authError(error);
		this.email = data.user?.email ?? undefined;
		await this.#signedIn();
	}

	/** Signs out; everything on this device stays. */
	async signOut(): Promise<void> {
		this.#stop();
		await this.#client?.auth.signOut({ scope: 'local' });
		await this.db.syncState.put({ key: 'enabled', value: false });
		this.email = undefined;
		this.phase = this.#client ? 'signed-out' : 'off';
	}

	async setEnabled(enabled: boolean): Promise<void> {
		await this.db.syncState.put({ key: 'enabled', value: enabled });
		if (enabled) this.#resume();
		else {
			this.#stop();
			await this.#running; // a run in flight finishes first
			this.phase = 'off';
		}
	}

	/** Runs a sync now (the button); resolves when it ends, throws what stopped it. */
	async syncNow(): Promise<void> {
		this.#need();
		await this.#run();
		if (this.phase === 'error' && this.error) throw new SyncError('server', this.error);
	}

	/** Deletes the person's rows and recordings on the server; this device keeps everything. */
	async deleteCloudData(): Promise<void> {
		const client = this.#need();
		this.#stop();
		await new SupabaseRemote(client).deleteEverything(SERVER_TABLES);
		await this.#engine!.resetCursors();
		await this.db.syncState.put({ key: 'enabled', value: false });
		this.phase = 'off';
	}

	/**
	 * Copies a recording's media to the person's project (they asked: recordings are large), so
	 * their other devices can download it. Progress in `transfer`.
	 */
	async uploadRecording(id: string): Promise<void> {
		const client = this.#need();
		const recording = await this.db.recordings.get(id);
		if (!recording || recording.status === 'recording') {
			throw new SyncError('config', 'Only a finished recording on this device can be uploaded.');
		}
		const from = recording.fileFrom ?? 0;
		const chunks = await this.db.recordingChunks
			.where('[recordingId+seq]')
			.between([id, from], [id, from + recording.chunkCount], true, false)
			.toArray();
		if (chunks.length === 0) {
			throw new SyncError('config', "This recording's media are not on this device.");
		}
		this.transfer = { id, done: 0, total: chunks.length };
		try {
			await new SupabaseRemote(client).uploadMedia(
				id,
				chunks.map((chunk) => chunk.data),
				recording.mimeType,
				(done) => (this.transfer = { id, done, total: chunks.length })
			);
			// A tracked write: the other devices learn that the media are there.
			await this.db.recordings.update(id, { cloudParts: chunks.length });
		} finally {
			this.transfer = undefined;
		}
	}

	/** Fetches a recording's media that another device uploaded, and keeps them here. */
	async downloadRecording(id: string): Promise<void> {
		const client = this.#need();
		const recording = await this.db.recordings.get(id);
		if (!recording?.cloudParts) {
			throw new SyncError(
				'config',
				'This recording was not uploaded: upload it on the device that made it first.'
			);
		}
		const total = recording.cloudParts;
		this.transfer = { id, done: 0, total };
		try {
			const parts = await new SupabaseRemote(client).downloadMedia(
				id,
				total,
				(done) => (this.transfer = { id, done, total })
			);
			const from = recording.fileFrom ?? 0;
			await this.db.transaction('rw', this.db.recordingChunks, () =>
				this.db.recordingChunks.bulkPut(
					parts.map((data, index) => ({ recordingId: id, seq: from + index, data }))
				)
			);
		} finally {
			this.transfer = undefined;
		}
	}

	#connect(config: SyncConfig): void {
		this.config = config;
		this.#client = connect(config, sessionStorageIn(this.db.syncState), this.options);
		this.#engine = new SyncEngine(this.db, new SupabaseRemote(this.#client), this.bus, {
			onProgress: (progress) => (this.progress = { ...progress })
		});
	}

	#need(): SupabaseClient {
		if (!this.#client) throw new SyncError('config', 'Enter your Supabase project first.');
		return this.#client;
	}

	async #signedIn(): Promise<void> {
		// Another account's rows must not be mixed with a cursor from the last one, and everything
		// on this device goes to the account signed in.
		await this.#engine!.resetCursors();
		await this.#engine!.enqueueEverything();
		await this.setEnabled(true);
	}

	#resume(): void {
		this.phase = 'idle';
		this.error = undefined;
		if (!this.#offOutbox) {
			const listener = () => this.#schedule(PUSH_DELAY_MS);
			// Back online: sync at once rather than when the backoff says.
			const online = () => {
				this.#failures = 0;
				this.#schedule(0);
			};
			this.db.outboxListeners.add(listener);
			globalThis.addEventListener?.('online', online);
			this.#offOutbox = () => {
				this.db.outboxListeners.delete(listener);
				globalThis.removeEventListener?.('online', online);
			};
		}
		this.#schedule(0);
	}

	#stop(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#offOutbox?.();
		this.#offOutbox = undefined;
	}

	#schedule(delay: number): void {
		if (!this.#offOutbox) return; // stopped
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => {
			void this.#run().then(() => {
				if (!this.#offOutbox) return;
				const backoff = this.#failures
					? Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.#failures - 1))
					: POLL_MS;
				// A hidden tab does not poll; it syncs again when it is shown (visibilitychange).
				if (typeof document !== 'undefined' && document.visibilityState === 'hidden') {
					document.addEventListener('visibilitychange', () => this.#schedule(0), { once: true });
				} else this.#schedule(backoff);
			});
		}, delay);
	}

	/** One run at a time; a request during a run runs once more after it. */
	async #run(): Promise<void> {
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#running = (async () => {
			do {
				this.#again = false;
				await this.#once();
			} while (this.#again);
		})().finally(() => (this.#running = undefined));
		return this.#running;
	}

	async #once(): Promise<void> {
		const engine = this.#engine;
		if (!engine) return;
		const session = await this.#client!.auth.getSession();
		if (!session.data.session) {
			this.#stop();
			this.phase = 'signed-out';
			this.error = 'Your sync session has ended. Sign in again to go on syncing.';
			return;
		}
		this.phase = 'syncing';
		try {
			const progress = await engine.run();
			this.skipped = [...this.skipped, ...progress.skipped].slice(-50);
			if (progress.skipped.length) {
				reportError(
					new SyncError(
						'server',
						`${progress.skipped.length} synced row(s) were not valid and were skipped: ` +
							progress.skipped.map((s) => `${s.table} ${s.id}: ${s.reason}`).join('; ')
					),
					{ context: 'syncing', silent: true }
				);
			}
			this.#failures = 0;
			this.error = undefined;
			this.lastSyncedAt = Date.now();
			await this.db.syncState.put({ key: 'lastSyncedAt', value: this.lastSyncedAt });
			this.phase = 'idle';
		} catch (error) {
			const problem =
				error instanceof SyncError
					? error
					: new SyncError('network', 'Sync stopped unexpectedly; it will try again.', error);
			this.error = problem.message;
			this.phase = 'error';
			if (problem.transient) this.#failures++;
			else this.#stop();
		} finally {
			await this.#countPending();
		}
	}

	async #countPending(): Promise<void> {
		try {
			this.pending = await this.db.outbox.count();
		} catch (error) {
			reportError(error, { context: 'counting changes to sync', silent: true });
		}
	}

	/** Stops background sync and waits for a run in flight (tests; the page's teardown). */
	async stop(): Promise<void> {
		this.#stop();
		await this.#client?.auth.stopAutoRefresh();
		await this.#running;
	}
}

function authError(error: { message: string; status?: number; code?: string }): SyncError {
	if (error.status === undefined || error.status === 0 || /fetch/iu.test(error.message)) {
		return new SyncError(
			'network',
			'The sync server cannot be reached. Check the project URL and your connection.'
		);
	}
	if (/api key/iu.test(error.message)) {
		return new SyncError(
			'config',
			"The project refused its anon key: copy it again from your project's API settings."
		);
	}
	if (error.code === 'invalid_credentials' || /invalid login/iu.test(error.message)) {
		return new SyncError(
			'auth',
			'That e-mail and password do not match an account on this project.'
		);
	}
	return new SyncError('auth', `Signing in failed: ${error.message}`);
}
