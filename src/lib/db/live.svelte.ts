import { liveQuery } from 'dexie';
import { createSubscriber } from 'svelte/reactivity';
import { toAppError, type AppError } from '$lib/errors';

export type QueryState<T> =
	{ status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: AppError };

/**
 * A Dexie liveQuery as rune state. The query runs while something reads `current` inside an effect
 * (a component's template, `$derived`), re-runs when the tables it read change, and stops when
 * nothing reads it any more. Build it inside `$derived` when the query depends on reactive values.
 */
export class LiveQuery<T> {
	#state = $state.raw<QueryState<T>>({ status: 'loading' });
	#subscribe: () => void;

	constructor(query: () => Promise<T> | T) {
		this.#subscribe = createSubscriber(() => {
			const subscription = liveQuery(query).subscribe({
				next: (value) => (this.#state = { status: 'ready', value }),
				error: (error) => (this.#state = { status: 'error', error: toAppError(error) })
			});
			return () => subscription.unsubscribe();
		});
	}

	get current(): QueryState<T> {
		this.#subscribe();
		return this.#state;
	}

	/** The value once ready, else undefined. */
	get value(): T | undefined {
		const state = this.current;
		return state.status === 'ready' ? state.value : undefined;
	}
}

export function live<T>(query: () => Promise<T> | T): LiveQuery<T> {
	return new LiveQuery(query);
}
