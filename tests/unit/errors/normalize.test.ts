import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import {
	AppError,
	ImportError,
	StorageFullError,
	isAbortError,
	isQuotaError,
	toAppError
} from '$lib/errors';

const quota = () =>
	new DOMException('The current transaction exceeded its quota limitations.', 'QuotaExceededError');

describe('isQuotaError', () => {
	it('recognises the DOMException, Dexie’s wrappers and cause chains', () => {
		expect(isQuotaError(quota())).toBe(true);
		expect(isQuotaError(new Dexie.AbortError('Transaction aborted', quota()))).toBe(true);
		expect(isQuotaError(new Dexie.QuotaExceededError('full'))).toBe(true);
		expect(isQuotaError(new Error('saving failed', { cause: quota() }))).toBe(true);
		expect(isQuotaError(new Error('Quota exceeded while writing'))).toBe(true);
	});

	it('does not mistake other failures for a full disk', () => {
		expect(isQuotaError(new Dexie.AbortError('Transaction aborted'))).toBe(false);
		expect(isQuotaError(new DOMException('x', 'DataError'))).toBe(false);
		expect(isQuotaError('QuotaExceededError')).toBe(false);
		expect(isQuotaError(undefined)).toBe(false);
	});

	it('survives cyclic cause chains', () => {
		const a = new Error('a');
		const b = new Error('b', { cause: a });
		(a as { cause?: unknown }).cause = b;
		expect(isQuotaError(a)).toBe(false);
	});
});

describe('toAppError', () => {
	it('turns a wrapped quota error into StorageFullError with an actionable message', () => {
		const error = toAppError(new Dexie.AbortError('Transaction aborted', quota()));
		expect(error).toBeInstanceOf(StorageFullError);
		expect(error.code).toBe('storage/full');
		expect(error.expected).toBe(true);
		expect(error.message).toContain('Free some space');
		expect(error.message).toContain('Everything saved before is still there.');
	});

	it('keeps AppErrors and wraps everything else', () => {
		const own = new ImportError('it is broken.', 'import/corrupt');
		expect(toAppError(own)).toBe(own);
		const wrapped = toAppError(new TypeError('x is undefined'));
		expect(wrapped).toBeInstanceOf(AppError);
		expect(wrapped.message).toBe('Something went wrong: x is undefined');
		expect(wrapped.expected).toBe(false);
		expect(toAppError('plain string').message).toBe('Something went wrong: plain string');
	});
});

describe('isAbortError', () => {
	it('is true for cancellations, false for quota aborts and app errors', () => {
		expect(isAbortError(new DOMException('stopped', 'AbortError'))).toBe(true);
		expect(isAbortError(new Dexie.AbortError('Transaction aborted', quota()))).toBe(false);
		expect(isAbortError(new StorageFullError())).toBe(false);
		expect(isAbortError(new Error('x'))).toBe(false);
	});
});
