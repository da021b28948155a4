import * as transformers from '@huggingface/transformers';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { classifyLoadError } from '$lib/ai/load-errors';
import type { LoadProgress } from '$lib/ai/progress';
import { configureTransformers, progressReporter } from '$lib/ai/transformers-env';
import type { EmbedLoadRequest } from './catalogue';

/** Texts embedded per model run: enough to amortise the call, small enough to stay responsive. */
const BATCH = 16;
/** Longer texts are cut: a memory is at most 500 characters, a query's end matters most. */
const MAX_CHARS = 1000;

export interface Embedder {
	readonly model: string;
	readonly dims: number;
	/** Unit-length sentence vectors (mean pooling), one per text, in order. */
	embed(texts: readonly string[]): Promise<Float32Array[]>;
	dispose(): Promise<void>;
}

/**
 * Loads a sentence-embedding model with transformers.js (`feature-extraction`, mean pooling,
 * normalised), on the CPU. Runs in the memory worker, and in Node for tests.
 */
export async function loadEmbedder(
	{ model, device, dtype, source, wasmPaths }: EmbedLoadRequest,
	progress: (progress: LoadProgress) => void = () => {}
): Promise<Embedder> {
	configureTransformers(transformers.env, source, wasmPaths, device);
	let extractor: FeatureExtractionPipeline;
	try {
		extractor = (await transformers.pipeline('feature-extraction', model, {
			device,
			dtype: dtype as transformers.DataType | undefined,
			progress_callback: progressReporter(progress)
		})) as FeatureExtractionPipeline;
	} catch (error) {
		throw classifyLoadError(error, model);
	}
	const run = async (texts: readonly string[]): Promise<Float32Array[]> => {
		const output = await extractor(
			texts.map((text) => text.slice(-MAX_CHARS)),
			{ pooling: 'mean', normalize: true }
		);
		const [rows, dims] = output.dims as [number, number];
		const data = output.data as Float32Array;
		const vectors = Array.from({ length: rows }, (_, i) => data.slice(i * dims, (i + 1) * dims));
		output.dispose();
		return vectors;
	};
	// Warm up (the first run compiles kernels) and learn the vector size.
	const [probe] = await run(['Hallo.']);
	return {
		model,
		dims: probe.length,
		async embed(texts) {
			const vectors: Float32Array[] = [];
			for (let i = 0; i < texts.length; i += BATCH)
				vectors.push(...(await run(texts.slice(i, i + BATCH))));
			return vectors;
		},
		dispose: () => extractor.dispose()
	};
}
