import type { ModelSource, WasmPaths } from '$lib/ai/source';

export interface EmbedModel {
	id: string;
	label: string;
	repo: string;
	dims: number;
	/** Approximate download, quantised (q8) as loaded. */
	downloadMB: number;
	licence: string;
}

/**
 * Sentence-embedding models for memory search. German and English (and 50 more languages) land
 * in one space, so a fact told in German is found by a question asked in English.
 */
export const EMBED_MODELS: readonly EmbedModel[] = [
	{
		id: 'multilingual-minilm',
		label: 'Multilingual MiniLM L12 (50+ languages)',
		repo: 'Xenova/paraphrase-multilingual-MiniLM-L12-v2',
		dims: 384,
		downloadMB: 118,
		licence: 'Apache-2.0'
	}
];

export interface EmbedLoadRequest {
	model: string;
	/** `wasm` in browsers (the GPU is the LLM's); `cpu` in Node. */
	device: 'wasm' | 'cpu';
	/** e.g. `q8`; undefined: the model's own config decides. */
	dtype?: string;
	source: ModelSource;
	wasmPaths?: WasmPaths;
}

/** What to load for memory search, from the setting (a catalogue id or any repository id). */
export function embedRequest(
	setting: string,
	source: ModelSource,
	wasmPaths?: WasmPaths
): EmbedLoadRequest {
	const known = EMBED_MODELS.find((model) => model.id === (setting || EMBED_MODELS[0].id));
	return {
		model: known?.repo ?? setting,
		device: 'wasm',
		dtype: known ? 'q8' : undefined,
		source,
		wasmPaths
	};
}
