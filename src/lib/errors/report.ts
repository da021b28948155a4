import type { AppError } from './app-error';
import { isAbortError, toAppError } from './normalize';

/** A way on that the person is offered with an error, e.g. Retry. */
export interface ErrorAction {
	label: string;
	run: () => void;
}

/** Shows an error to the person; the UI installs one (toasts) at start-up. */
export type ErrorPresenter = (message: string, action?: ErrorAction) => void;

let present: ErrorPresenter | undefined;

/**
 * Installs how errors are shown to the person (`lib/app.ts` passes the toasts). Kept as a seam so
 * that code running in workers or tests can import `$lib/errors` without the UI.
 */
export function setErrorPresenter(presenter: ErrorPresenter | undefined): void {
	present = presenter;
}

export interface ReportOptions {
	/** What the app was doing, for the console: "saving the companion". */
	context?: string;
	/** A way on offered in the toast, e.g. Retry. */
	action?: ErrorAction;
	/** Log only; for errors already shown inline next to a form field. */
	silent?: boolean;
}

/**
 * The one path for errors: a toast the person can act on, and one console line for whoever
 * debugs. Cancellations (AbortError) are not errors and are dropped. Returns the AppError.
 */
export function reportError(error: unknown, options: ReportOptions = {}): AppError | undefined {
	if (isAbortError(error)) return undefined;
	const appError = toAppError(error);
	const where = options.context ? ` while ${options.context}` : '';
	const log = appError.expected ? console.warn : console.error;
	log(`[kompanion] ${appError.name} (${appError.code})${where}: ${appError.message}`, {
		cause: appError === error ? appError.cause : error
	});
	if (!options.silent) present?.(appError.message, options.action);
	return appError;
}

/** Runs `task`, reporting any failure; resolves to undefined when it failed or was cancelled. */
export async function attempt<T>(
	task: () => Promise<T>,
	options: ReportOptions = {}
): Promise<T | undefined> {
	try {
		return await task();
	} catch (error) {
		reportError(error, options);
		return undefined;
	}
}
