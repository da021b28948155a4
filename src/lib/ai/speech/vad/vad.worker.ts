// Worker entry. Workers are bundled without the Svelte plugin: nothing imported from here may
// use runes (no *.svelte.ts); the lint rules for workers enforce it.
// The webgpu entry, as transformers.js imports it (one copy of onnxruntime's JavaScript); the VAD
// runs it on the plain CPU build of the wasm.
import * as ort from 'onnxruntime-web/webgpu';
import { serveRpc } from '$lib/workers/server';
import { createVadHandlers } from './handler';

serveRpc(createVadHandlers(ort));
