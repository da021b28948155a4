import { AppError } from '$lib/errors';

/**
 * Why a sync run stopped, as a person can act on it:
 * - `auth`: signed out, session revoked or expired: sign in again.
 * - `config`: the URL or key is wrong, or the project lacks Kompanion's migrations.
 * - `network`, `server`: try again later; the engine retries with backoff by itself.
 */
export type SyncErrorKind = 'auth' | 'config' | 'network' | 'server';

export class SyncError extends AppError {
	override readonly name = 'SyncError';

	constructor(
		readonly kind: SyncErrorKind,
		message: string,
		cause?: unknown
	) {
		super(message, { code: `sync/${kind}`, cause, expected: true });
	}

	/** Worth retrying by itself: the same request may succeed later. */
	get transient(): boolean {
		return this.kind === 'network' || this.kind === 'server';
	}
}
