import { db } from '$lib/db';
import { events } from '$lib/events';
import { SyncService } from './service.svelte';

/**
 * Optional sync with the person's own Supabase project. This module (and supabase-js with it)
 * loads only when the person opens Settings → Sync or has turned sync on (lib/app.ts).
 */
export const sync = new SyncService(db, events);

export { SyncService, type SyncPhase } from './service.svelte';
export { SyncError } from './errors';
