let last = 0;

/**
 * Milliseconds since the epoch, strictly increasing within this page, so rows written in the same
 * millisecond (a user message and the reply placeholder) still sort in the order they were made.
 */
export function monotonicNow(): number {
	last = Math.max(Date.now(), last + 1);
	return last;
}

export function newId(): string {
	return crypto.randomUUID();
}
