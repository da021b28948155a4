import 'fake-indexeddb/auto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env } from '@huggingface/transformers';

// transformers.js in Node caches downloaded model files on disk; keep them out of node_modules and
// fresh for every run, so a regenerated tiny model is never shadowed by an old copy.
env.cacheDir = mkdtempSync(join(tmpdir(), 'kompanion-models-'));
