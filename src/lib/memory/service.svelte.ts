import type { EmbedLoadRequest } from '$lib/ai/embed/catalogue';
import type { LlmRuntime } from '$lib/ai/llm/runtime.svelte';
import type { WorkerModel } from '$lib/ai/worker-model.svelte';
import type { Repos } from '$lib/db';
import { isAbortError, reportError } from '$lib/errors';
import type { EventBus } from '$lib/events';
import { onSettingsChange } from '$lib/settings/follow';
import { ExtractionError } from './extraction';
import { formMemories, type FormationResult } from './formation';
import { NOTHING_RECALLED, recall, type RecallInput, type Recalled } from './recall';
import type { MemoryHit, MemoryProtocol } from './worker/protocol';

/** A reply does not wait longer than this for memory search (the first search loads a model). */
const SEARCH_WAIT_MS = 250;
/** After memory search failed to load, replies try loading it again at most this often. */
const LOAD_RETRY_MS = 5 * 60_000;
/** The settings memory search is loaded from: the embedding model and the model source. */
const SEARCH_SETTINGS = ['memory.embedModel', 'llm.source'] as const;

export interface MemoryServiceDeps {
	repos: Repos;
	bus: EventBus;
	llm: Pick<LlmRuntime, 'generate' | 'status'>;
	/** The memory worker (embedding model and index). */
	worker: WorkerModel<MemoryProtocol>;
	/** What the worker loads: the embedding model from settings, and the database name. */
	request: () => Promise<EmbedLoadRequest & { dbName: string }>;
}

/**
 * The app's long-term memory: recalls memories for replies, forms new ones in the background
 * after a conversation goes quiet (or a call ends), and keeps the search index in step with the
 * database. Never blocks a reply or a call: search has a deadline, formation yields the model.
 */
export class MemoryService {
	/** A formation pass is running (the memory page shows it). */
	forming = $state(false);
	/** The last pass's outcome, for the memory page. */
	lastResult = $state.raw<FormationResult | null>(null);

	// Bookkeeping, not state: nothing renders these.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#timers = new Map<string, ReturnType<typeof setTimeout>>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#queue = new Set<string>();
	#draining: Promise<void> | null = null;
	#holds = 0;
	#quietTimer: ReturnType<typeof setTimeout> | null = null;
	#pauses = 0;
	#off: (() => void)[] = [];
	#loadTriedAt = -Infinity;

	constructor(private readonly deps: MemoryServiceDeps) {}

	get search(): WorkerModel<MemoryProtocol> {
		return this.deps.worker;
	}

	/**
	 * Unloads memory search when a setting it is loaded from changes; the next search loads the
	 * new model (and indexes anew). Independent of start(): the settings page loads search too.
	 */
	followSettings(): () => void {
		return onSettingsChange(this.deps.bus, SEARCH_SETTINGS, () => this.deps.worker.reset());
	}

	/** Follows memory changes into the index and picks up conversations not yet read. */
	start(): void {
		if (this.#off.length) return;
		const { bus, worker, repos } = this.deps;
		this.#off.push(
			bus.on('memory:changed', ({ upserted, removed }) => {
				if (worker.status !== 'ready') return; // the next load reconciles
				if (upserted.length) this.#tell(worker.call('index', { memories: [...upserted] }));
				if (removed.length) this.#tell(worker.call('remove', { ids: [...removed] }));
			}),
			bus.on('data:replaced', () => {
				this.#queue.clear();
				for (const timer of this.#timers.values()) clearTimeout(timer);
				this.#timers.clear();
				if (worker.status === 'ready') this.#tell(worker.call('reload', {}));
			})
		);
		void repos.conversations
			.awaitingMemory()
			.then((conversations) => conversations.forEach((c) => this.#queue.add(c.id)))
			.catch((error: unknown) =>
				reportError(error, { context: 'finding conversations to remember', silent: true })
			);
	}

	stop(): void {
		for (const off of this.#off.splice(0)) off();
		for (const timer of this.#timers.values()) clearTimeout(timer);
		this.#timers.clear();
		if (this.#quietTimer) clearTimeout(this.#quietTimer);
		this.#pauses++;
	}

	/** Loads memory search (the embedding model, then the index). */
	async ensureSearch(): Promise<void> {
		await this.deps.worker.ensure(await this.deps.request());
	}

	/** Memories for a reply's prompt. Never throws: a problem means no memories this time. */
	async recall(input: RecallInput): Promise<Recalled> {
		try {
			return await recall(input, {
				repos: this.deps.repos,
				search: (text, namespaces, k) => this.#searchSoon(text, namespaces, k),
				forget: (ids) => this.#tell(this.deps.worker.call('remove', { ids }))
			});
		} catch (error) {
			reportError(error, { context: 'recalling memories', silent: true });
			return NOTHING_RECALLED;
		}
	}

	/** Nearest memories per text, waiting for search to load (formation is in no hurry). */
	async nearest(
		texts: readonly string[],
		namespaces: readonly string[],
		k: number
	): Promise<MemoryHit[][] | null> {
		try {
			// Nothing to compare with: no reason to download and load the embedding model yet.
			if (!(await this.#worthSearching(namespaces))) return texts.map(() => []);
			await this.ensureSearch();
			const { hits } = await this.deps.worker.call('nearest', {
				texts: [...texts],
				namespaces: [...namespaces],
				k
			});
			return hits;
		} catch (error) {
			reportError(error, { context: 'searching memories', silent: true });
			return null;
		}
	}

	/**
	 * A reply was saved: once the conversation has been quiet for a while, it is read. Conversations
	 * left earlier (queued) are read then too, not between the person's turns: a pass started
	 * there would only be stopped by the next reply, which would wait for it to stop.
	 */
	replied(conversationId: string): void {
		clearTimeout(this.#timers.get(conversationId));
		void this.#quietMs().then((ms) => {
			clearTimeout(this.#timers.get(conversationId));
			this.#timers.set(
				conversationId,
				setTimeout(() => this.closed(conversationId), ms)
			);
		});
		if (this.#queue.size) this.#drainWhenQuiet();
	}

	/** The conversation was left (page closed, call ended): it is read now. */
	closed(conversationId: string | null): void {
		if (!conversationId) return;
		clearTimeout(this.#timers.get(conversationId));
		this.#timers.delete(conversationId);
		this.#queue.add(conversationId);
		void this.#drain();
	}

	/** Holds formation back (during a call); call the returned function to let it go. */
	hold(): () => void {
		this.#holds++;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.#holds--;
			void this.#drain();
		};
	}

	/** Runs queued formation passes one by one, while the model is loaded and free. */
	#drain(): Promise<void> {
		this.#draining ??= this.#work().finally(() => (this.#draining = null));
		return this.#draining;
	}

	async #work(): Promise<void> {
		const { repos, llm } = this.deps;
		while (this.#queue.size > 0 && this.#holds === 0 && llm.status === 'ready') {
			const [conversationId] = this.#queue;
			this.#queue.delete(conversationId);
			this.forming = true;
			try {
				this.lastResult = await formMemories(conversationId, {
					repos,
					generate: (messages, options) => llm.generate(messages, options),
					nearest: (texts, namespaces, k) => this.nearest(texts, namespaces, k),
					allowDeletes: () => repos.settings.get('memory.modelDeletes')
				});
			} catch (error) {
				if (isAbortError(error)) {
					// A reply needed the model: read this conversation once things are quiet again.
					this.#queue.add(conversationId);
					this.#drainWhenQuiet();
					break;
				}
				reportError(error, {
					context: 'forming memories',
					silent: error instanceof ExtractionError
				});
			} finally {
				this.forming = false;
			}
		}
	}

	/** Drains the queue after the quiet pause; each call (each reply) starts the pause again. */
	#drainWhenQuiet() {
		const pause = ++this.#pauses;
		if (this.#quietTimer) clearTimeout(this.#quietTimer);
		void this.#quietMs().then((ms) => {
			if (pause !== this.#pauses) return; // a later reply started the pause again
			this.#quietTimer = setTimeout(() => {
				this.#quietTimer = null;
				void this.#drain();
			}, ms);
		});
	}

	async #quietMs(): Promise<number> {
		return (await this.deps.repos.settings.get('memory.quietSeconds')) * 1000;
	}

	/** Search if it is ready within a short deadline; otherwise start loading it for next time. */
	async #searchSoon(text: string, namespaces: readonly string[], k: number) {
		const { worker } = this.deps;
		if (worker.status !== 'ready') {
			const due = worker.status === 'idle' || performance.now() - this.#loadTriedAt > LOAD_RETRY_MS;
			if (worker.status !== 'loading' && due && (await this.#worthSearching(namespaces))) {
				this.#loadTriedAt = performance.now();
				this.ensureSearch().catch((error: unknown) =>
					reportError(error, { context: 'loading memory search', silent: true })
				);
			}
			return null;
		}
		const search = worker.call('search', { text, namespaces: [...namespaces], k });
		const late = new Promise<null>((done) => setTimeout(() => done(null), SEARCH_WAIT_MS));
		return Promise.race([search, late]);
	}

	/** Search is loaded, or there is a memory it could find (the model loads only then). */
	async #worthSearching(namespaces: readonly string[]): Promise<boolean> {
		return this.deps.worker.status === 'ready' || this.deps.repos.memories.any(namespaces);
	}

	#tell(work: Promise<unknown>) {
		work.catch((error: unknown) =>
			reportError(error, { context: 'updating memory search', silent: true })
		);
	}
}
