import 'fake-indexeddb/auto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';

// transformers.js in Node caches downloaded model files on disk; keep them out of node_modules and
// fresh for every run, so a regenerated tiny model is never shadowed by an old copy. Set when a test
// file first imports it (through a mock that returns the real module): importing transformers.js in
// every file cost ~0.55 s each, most of them never use it.
vi.mock('@huggingface/transformers', async (importOriginal) => {
	const transformers = await importOriginal<typeof import('@huggingface/transformers')>();
	transformers.env.cacheDir = mkdtempSync(join(tmpdir(), 'kompanion-models-'));
	return transformers;
});
