import { db } from '$lib/db';

/**
 * Whether the person set up sync on this device, without loading sync (or supabase-js): for
 * pages that offer a sync action only then (a recording's "Copy to my cloud").
 */
export async function syncConfigured(): Promise<boolean> {
	return (await db.syncState.get('config')) !== undefined;
}
