/**
 * When sync runs while the app is open (bench/sync.mjs measures what they give: a change on one
 * device shows on the other in under a second on loopback).
 */
/** A write is pushed this long after it, so a burst of writes goes in one request. */
export const PUSH_DELAY_MS = 150;
/** How often an open app asks whether anything changed: one small request (sync_heads). */
export const POLL_MS = 750;
/** Backoff after transient failures: 1 s, 2 s, 4 s … at most a minute. */
export const MAX_BACKOFF_MS = 60_000;
