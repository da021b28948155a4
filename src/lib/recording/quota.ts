/** Warn when what is left of the storage quota would last less than this. */
export const LOW_STORAGE_SECONDS = 60;

/** What `navigator.storage.estimate()` says, the fields we use. */
export interface StorageEstimate {
	usage?: number;
	quota?: number;
}

/** Bytes a second a recording is expected to take before it has a rate of its own. */
export const EXPECTED_BYTES_PER_SECOND = {
	/** 600 kbit/s video + 64 kbit/s audio (the recorder's bitrates), plus container overhead. */
	video: 90_000,
	audio: 9_000
} as const;

/**
 * How many seconds of recording the remaining quota holds at `bytesPerSecond`. Infinity when the
 * browser does not say (no quota figure) or nothing is being written.
 */
export function secondsLeft(estimate: StorageEstimate, bytesPerSecond: number): number {
	if (estimate.quota === undefined || estimate.usage === undefined) return Infinity;
	if (!(bytesPerSecond > 0)) return Infinity;
	return Math.max(0, estimate.quota - estimate.usage) / bytesPerSecond;
}

/**
 * The rate to plan with: what the recording measured so far once it has a few seconds behind it
 * (early chunks are dominated by the header), otherwise the expected one; never below it, so a
 * quiet start does not hide what speech and motion will cost.
 */
export function plannedRate(
	bytes: number,
	elapsedMs: number,
	expected: number,
	settleMs = 5_000
): number {
	if (elapsedMs < settleMs) return expected;
	return Math.max(expected, (bytes / elapsedMs) * 1000);
}

/** Whether the remaining quota would last less than LOW_STORAGE_SECONDS. */
export function storageRunningOut(estimate: StorageEstimate, bytesPerSecond: number): boolean {
	return secondsLeft(estimate, bytesPerSecond) < LOW_STORAGE_SECONDS;
}

/**
 * Whether a seekable copy of `bytes` fits: it is written next to the raw chunks before they go,
 * so it needs their size again, and a margin for everything else the app writes meanwhile.
 */
export function copyFits(estimate: StorageEstimate, bytes: number, margin = 5 * 1024 * 1024) {
	if (estimate.quota === undefined || estimate.usage === undefined) return true;
	return estimate.quota - estimate.usage >= bytes * 1.05 + margin;
}

/** "1:05" or "1:02:05". */
export function formatDuration(ms: number): string {
	if (!Number.isFinite(ms)) return '–';
	const total = Math.max(0, Math.round(ms / 1000));
	const s = total % 60;
	const m = Math.floor(total / 60) % 60;
	const h = Math.floor(total / 3600);
	const ss = String(s).padStart(2, '0');
	return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
