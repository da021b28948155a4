import { events } from '$lib/events';
import { KompanionDb } from './database';
import { syncTracking } from './outbox';
import { createRepos } from './repos';

/** The app's database and repos. Nothing is opened until `init()` in lib/app.ts. */
export const db = new KompanionDb();
// Changes queue for sync only once the person has set it up (lib/sync).
db.trackOutbox = syncTracking;
export const repos = createRepos(db, events);

export { KompanionDb, LATEST_VERSION } from './database';
export { live, type LiveQuery, type QueryState } from './live.svelte';
export { storage } from './storage.svelte';
export { openDatabase } from './open';
export { compareRev } from './hlc';
export { eraseEverything, countRows } from './erase';
export type * from './rows';
export type {
	Repos,
	NewMessage,
	MessagePatch,
	ProfileDraft,
	MemoryAuthor,
	MemoryDraft,
	MemoryPatch
} from './repos';
export { companionNamespace, namespacesFor } from './repos';
