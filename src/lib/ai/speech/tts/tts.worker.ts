// Worker entry. Workers are bundled without the Svelte plugin: nothing imported from here may
// use runes (no *.svelte.ts); the lint rules for workers enforce it.
// Piper voices run on the onnxruntime-web transformers.js imports (one copy, one compiled module).
import * as ort from 'onnxruntime-web/webgpu';
import { serveRpc } from '$lib/workers/server';
import { createTtsHandlers } from './handler';

serveRpc(createTtsHandlers({ ort }));
