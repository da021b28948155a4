// Worker entry. Workers are bundled without the Svelte plugin: nothing imported here may use runes.
import { serveRpc } from '$lib/workers/server';
import { createCheckHandlers } from './check.handler';
import { browserFiles } from './files.browser';

serveRpc(createCheckHandlers(browserFiles));
