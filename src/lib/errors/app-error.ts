/**
 * Every error the app shows a person is an AppError: a stable `code` for tests and telemetry-free
 * diagnostics, and a `message` written for the person, saying what happened and what to do next.
 */
export interface AppErrorOptions {
	code: string;
	cause?: unknown;
	/**
	 * Expected errors come from the person's input or situation (a bad file, a full disk) and are
	 * logged as warnings; unexpected ones are bugs or broken environments and are logged as errors.
	 */
	expected?: boolean;
}

export class AppError extends Error {
	override name = 'AppError';
	readonly code: string;
	readonly expected: boolean;

	constructor(message: string, { code, cause, expected = false }: AppErrorOptions) {
		super(message, { cause });
		this.code = code;
		this.expected = expected;
	}
}

/** The browser refused a write because the storage quota for this site is used up. */
export class StorageFullError extends AppError {
	override name = 'StorageFullError';
	constructor(cause?: unknown) {
		super(
			'Your device has no room left for Kompanion’s data, so this change was not saved. ' +
				'Free some space (Settings → Storage lists what uses it, e.g. recordings or downloaded ' +
				'models) and try again. Everything saved before is still there.',
			{ code: 'storage/full', cause, expected: true }
		);
	}
}

/** The local database could not be opened or used (private mode, blocked upgrade, corruption). */
export class DatabaseError extends AppError {
	override name = 'DatabaseError';
	constructor(message: string, cause?: unknown, code = 'storage/database') {
		super(message, { code, cause });
	}
}

export interface FieldIssue {
	/** Dotted path of the field, e.g. `tutor.cefrLevel`; empty for the whole value. */
	path: string;
	message: string;
}

/** Input from outside (a form, a file, a peer, a model) did not match what the app accepts. */
export class ValidationError extends AppError {
	override name = 'ValidationError';
	readonly issues: readonly FieldIssue[];

	constructor(message: string, issues: readonly FieldIssue[], code = 'input/invalid') {
		super(message, { code, expected: true });
		this.issues = issues;
	}

	/** The first message for each field, for showing next to form inputs. */
	byField(): Record<string, string> {
		const out: Record<string, string> = {};
		for (const issue of this.issues) out[issue.path] ??= issue.message;
		return out;
	}
}

export class NotFoundError extends AppError {
	override name = 'NotFoundError';
	constructor(what: string) {
		super(`${what} could not be found. It may have been deleted.`, {
			code: 'data/not-found',
			expected: true
		});
	}
}

/** A backup file that cannot be imported; nothing on the device was changed. */
export class ImportError extends AppError {
	override name = 'ImportError';
	constructor(reason: string, code: string, cause?: unknown) {
		super(`This file was not imported: ${reason} Nothing on this device was changed.`, {
			code,
			cause,
			expected: true
		});
	}
}

/**
 * A save based on an older version of a row: it changed (in another tab, later on another device)
 * after the form was opened, so saving would silently overwrite that change. Nothing was saved;
 * `latest` is the row as it is now, for the person to choose between the two.
 */
export class ConflictError<T = unknown> extends AppError {
	override name = 'ConflictError';
	readonly latest: T;

	constructor(what: string, latest: T) {
		super(
			`${what} was changed in another tab or window after you opened it, so your changes were ` +
				'not saved yet. Choose which version to keep.',
			{ code: 'data/conflict', expected: true }
		);
		this.latest = latest;
	}
}
