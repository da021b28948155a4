import { serveRpc } from '$lib/workers/server';
import { createWebLlmHandlers } from './handler';

serveRpc(createWebLlmHandlers());
