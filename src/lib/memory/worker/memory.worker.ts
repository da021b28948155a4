// Worker entry. Workers are bundled without the Svelte plugin: nothing imported from here may
// use runes (no *.svelte.ts), so import errors from $lib/errors/app-error and /normalize.
import { serveRpc } from '$lib/workers/server';
import { createMemoryHandlers } from './handler';

serveRpc(createMemoryHandlers());
