// Worker entry. Workers are bundled without the Svelte plugin: nothing imported from here may
// use runes (no *.svelte.ts); the lint rules for workers enforce it.
// The webgpu build, as transformers.js imports it: it runs the asyncify wasm the app serves.
import * as ort from 'onnxruntime-web/webgpu';
import { serveRpc } from '$lib/workers/server';
import { createVadHandlers } from './handler';

serveRpc(createVadHandlers(ort));
