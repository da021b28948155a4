import type { EmbedLoadRequest } from '$lib/ai/embed/catalogue';
import type { LoadProgress } from '$lib/ai/progress';
import type { MemoryRef } from '$lib/events';
import type { RpcMethod } from '$lib/workers/protocol';

export interface MemoryWorkerLoad extends EmbedLoadRequest {
	/** The IndexedDB database holding the memories and their packed vectors. */
	dbName: string;
}

export interface MemoryHit {
	id: string;
	/** Cosine similarity, about -1..1. */
	score: number;
}

export interface IndexStatus {
	/** Memories in the search index. */
	indexed: number;
	/** Memories still waiting to be embedded (after a model change or an import). */
	pending: number;
}

/**
 * The memory worker: the sentence-embedding model and the vector index over every memory, kept
 * in step with the database. Search runs here, off the main thread.
 */
export type MemoryProtocol = {
	/** Loads the model, then the packed vectors; reconciles with the memories in the background. */
	load: RpcMethod<MemoryWorkerLoad, IndexStatus & { dims: number; loadMs: number }, LoadProgress>;
	embed: RpcMethod<{ texts: string[] }, { vectors: Float32Array[]; ms: number }>;
	/** The memories most similar to `text` in some namespaces. */
	search: RpcMethod<
		{ text: string; namespaces: string[]; k: number; minScore?: number },
		{ hits: MemoryHit[]; embedMs: number; searchMs: number }
	>;
	/** For each text, its nearest memories (near-duplicate checks when forming memories). */
	nearest: RpcMethod<{ texts: string[]; namespaces: string[]; k: number }, { hits: MemoryHit[][] }>;
	/** Embeds and indexes memories that were added or changed. */
	index: RpcMethod<{ memories: MemoryRef[] }, IndexStatus>;
	remove: RpcMethod<{ ids: string[] }, IndexStatus>;
	/** Everything was replaced (import, erase): rebuild from the database. */
	reload: RpcMethod<Record<string, never>, IndexStatus>;
	status: RpcMethod<Record<string, never>, IndexStatus>;
};
