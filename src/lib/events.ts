import type { SettingKey } from '$lib/db/settings';

/**
 * The app's one typed event bus, for the few cross-cutting reactions that should not couple
 * modules (e.g. asking for persistent storage after the first save).
 */
export interface AppEvents {
	/** A person-initiated write committed (not seeding, not imports). */
	'data:saved': { table: string };
	/** All local data was replaced (import) or erased; caches of derived state must reset. */
	'data:replaced': { reason: 'import' | 'erase' };
	/** Memories were written or deleted (the search index follows). */
	'memory:changed': { upserted: readonly MemoryRef[]; removed: readonly string[] };
	/**
	 * Settings were saved (one transaction) and these keys now hold other values; runtimes unload
	 * what was loaded from them. Imports and erasure say `data:replaced` instead.
	 */
	'settings:changed': { keys: readonly SettingKey[] };
}

/** What the memory search index needs to know about a memory. */
export interface MemoryRef {
	id: string;
	namespace: string;
	text: string;
}

type Handler<K extends keyof AppEvents> = (payload: AppEvents[K]) => void;

export class EventBus {
	#handlers = new Map<keyof AppEvents, Set<Handler<never>>>();

	on<K extends keyof AppEvents>(type: K, handler: Handler<K>): () => void {
		let set = this.#handlers.get(type);
		if (!set) this.#handlers.set(type, (set = new Set()));
		set.add(handler as Handler<never>);
		return () => set.delete(handler as Handler<never>);
	}

	once<K extends keyof AppEvents>(type: K, handler: Handler<K>): () => void {
		const off = this.on(type, (payload) => {
			off();
			handler(payload);
		});
		return off;
	}

	emit<K extends keyof AppEvents>(type: K, payload: AppEvents[K]): void {
		for (const handler of [...(this.#handlers.get(type) ?? [])]) {
			(handler as Handler<K>)(payload);
		}
	}

	reset() {
		this.#handlers.clear();
	}
}

export const events = new EventBus();
