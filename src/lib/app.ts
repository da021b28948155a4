import { dev } from '$app/environment';
import { db, openDatabase, repos, storage } from '$lib/db';
import { reportError, setErrorPresenter } from '$lib/errors';
import { events } from '$lib/events';
import { pwa } from '$lib/pwa/pwa.svelte';
import { toasts } from '$lib/ui/toasts.svelte';

let started: Promise<void> | undefined;

/**
 * Starts the app once, from the root layout: global error handlers, the database (with the
 * built-in companions on first start), persistent-storage request after the first save, and the
 * service worker. Throws an AppError the layout shows when the app cannot start.
 */
export function init(): Promise<void> {
	started ??= start();
	return started;
}

async function start(): Promise<void> {
	setErrorPresenter((message, action) => toasts.error(message, action));
	addEventListener('unhandledrejection', (event) => {
		event.preventDefault();
		reportError(event.reason, { context: 'running a background task' });
	});
	addEventListener('error', (event) => {
		reportError(event.error ?? event.message, { context: 'running the page' });
	});

	await openDatabase(db);
	db.on('versionchange', () => {
		toasts.show(
			'info',
			'Kompanion was updated in another tab. Reload this tab to continue.',
			{
				label: 'Reload',
				run: () => location.reload()
			},
			0
		);
	});
	await repos.companions.seedPresets();
	// Recordings a crash or a reload cut short become playable. The remuxer (mediabunny, ~100 KB
	// gzipped) loads only when there is one: never with an ordinary first page.
	void repos.recordings
		.unfinished()
		.then(async (cut) => {
			if (cut.length) await (await import('$lib/recording')).recoverAtStart();
		})
		.catch((error: unknown) => reportError(error, { context: 'recovering recordings' }));
	void startSync().catch((error: unknown) => reportError(error, { context: 'starting sync' }));
	events.once('data:saved', () => {
		storage.requestPersistenceOnce(repos.settings).catch((error: unknown) => {
			reportError(error, { context: 'asking for persistent storage', silent: true });
		});
	});

	if (!dev) {
		pwa.register().catch((error: unknown) => {
			reportError(error, { context: 'installing the offline version', silent: true });
		});
	}
}

/**
 * Sync (and supabase-js) loads only for a person who set it up in Settings → Sync. A magic link
 * brings them back with `?code=` (PKCE), traded here for a session.
 */
async function startSync(): Promise<void> {
	const url = new URL(location.href);
	const code = url.searchParams.get('code');
	const failed = url.searchParams.get('error_description');
	if (!(await db.syncState.get('config'))) return;
	const { sync, SyncError } = await import('$lib/sync');
	await sync.start();
	if (!code && !failed) return;
	for (const name of ['code', 'error', 'error_code', 'error_description']) {
		url.searchParams.delete(name);
	}
	history.replaceState(history.state, '', url);
	if (!code) {
		throw new SyncError(
			'auth',
			`The sign-in link did not work (${failed}). Ask for a new one in Settings → Sync.`
		);
	}
	await sync.finishMagicLink(code);
	toasts.success(`Signed in to sync as ${sync.email ?? 'you'}.`);
}
