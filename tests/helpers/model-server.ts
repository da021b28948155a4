import { DEFAULT_MODELS_DIR } from '../../scripts/tiny-models/index.mjs';
import { serve } from '../../scripts/serve.mjs';
import { mirrorSource, type ModelSource } from '$lib/ai/source';

/** Serves the generated tiny models over loopback HTTP, like a model mirror. */
export async function startModelServer(): Promise<{
	source: ModelSource;
	close: () => Promise<unknown>;
}> {
	const server = await serve({ dir: DEFAULT_MODELS_DIR, port: 0 });
	return { source: mirrorSource(server.url), close: server.close };
}
