import { serveRpc } from '$lib/workers/server';
import { createOnnxLlmHandlers } from './handler';

serveRpc(createOnnxLlmHandlers());
