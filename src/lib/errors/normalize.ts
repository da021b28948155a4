import { AppError, StorageFullError } from './app-error';

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/**
 * Walks `cause` / Dexie's `inner` chain: IndexedDB reports a full disk as a QuotaExceededError that
 * Dexie may wrap in an AbortError or a transaction error, and Chromium sometimes reports it only
 * through `error.name` on the inner DOMException.
 */
function* causeChain(error: unknown): Generator<unknown> {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current !== null && current !== undefined && !seen.has(current)) {
		seen.add(current);
		yield current;
		const record = current as { inner?: unknown; cause?: unknown };
		current = record.inner ?? record.cause;
	}
}

function nameOf(error: unknown): string | undefined {
	return typeof error === 'object' && error !== null && 'name' in error
		? String((error as { name: unknown }).name)
		: undefined;
}

export function isQuotaError(error: unknown): boolean {
	for (const link of causeChain(error)) {
		const name = nameOf(link);
		if (name && QUOTA_NAMES.has(name)) return true;
		// Some engines (and Dexie's wrapped errors) only say it in the message.
		if (link instanceof Error && /quota/i.test(link.message) && /exceed/i.test(link.message))
			return true;
	}
	return false;
}

/** True for a cancellation the person asked for; callers treat it as "nothing happened". */
export function isAbortError(error: unknown): boolean {
	for (const link of causeChain(error)) {
		if (link instanceof AppError) return false;
		if (nameOf(link) === 'AbortError' && !isQuotaError(error)) return true;
	}
	return false;
}

/** Turns anything thrown into an AppError with a message a person can act on. */
export function toAppError(error: unknown): AppError {
	// Dexie re-wraps errors thrown inside transactions whose name it knows (e.g. NotFoundError)
	// and keeps the original as `inner`.
	for (const link of causeChain(error)) if (link instanceof AppError) return link;
	if (isQuotaError(error)) return new StorageFullError(error);
	const detail = error instanceof Error ? error.message : String(error);
	return new AppError(`Something went wrong: ${detail}`, { code: 'unexpected', cause: error });
}
