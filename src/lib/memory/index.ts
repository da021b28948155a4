import { embedRequest, type EmbedLoadRequest } from '$lib/ai/embed/catalogue';
import { llm } from '$lib/ai/llm';
import {
	HUGGING_FACE,
	mirrorSource,
	ortWasmPaths,
	workerRuntimeFiles,
	type WasmPaths
} from '$lib/ai/source';
import { WorkerModel } from '$lib/ai/worker-model.svelte';
import { db, repos } from '$lib/db';
import { events } from '$lib/events';
import { MemoryService } from './service.svelte';
import type { MemoryProtocol } from './worker/protocol';
import memoryWorkerUrl from './worker/memory.worker.ts?worker&url';

/** The app's long-term memory, wired to its database, LLM runtime and memory worker. */
export const memory = new MemoryService({
	repos,
	bus: events,
	llm,
	worker: new WorkerModel<MemoryProtocol>(
		'memory search',
		() => new Worker(memoryWorkerUrl, { type: 'module', name: 'memory' }),
		() => workerRuntimeFiles(memoryWorkerUrl)
	),
	request: async () => ({
		...(await savedEmbedRequest(ortWasmPaths(document.baseURI))),
		dbName: db.name
	})
});

memory.followSettings();

/** The embedding model memory search loads, as the settings say (the model and its source). */
export async function savedEmbedRequest(wasmPaths?: WasmPaths): Promise<EmbedLoadRequest> {
	const [model, source] = await Promise.all([
		repos.settings.get('memory.embedModel'),
		repos.settings.get('llm.source')
	]);
	return embedRequest(model, source ? mirrorSource(source) : HUGGING_FACE, wasmPaths);
}

export { EMBED_MODELS } from '$lib/ai/embed/catalogue';
export type { Recalled } from './recall';
