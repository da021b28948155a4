/**
 * The compile worker (compile.worker.ts): compiles a WebAssembly module for the page (see
 * shared-module.ts) and posts it back. Off the main thread, because V8 finishes a large compile
 * on the thread that asked for it.
 */

import { keepResponse } from '$lib/pwa/offline';

/** Page → compile worker. */
export interface CompileRequest {
	url: string;
}

/** Compile worker → page: the module, or why there is none. */
export interface CompileReply {
	url: string;
	module?: WebAssembly.Module;
	error?: string;
}

/** Fetches and compiles the module at `url`, streaming where the server allows it. */
export async function compileModule(url: string): Promise<WebAssembly.Module> {
	const response = await fetch(url, { credentials: 'same-origin' });
	if (!response.ok) throw new Error(`${response.status} ${response.statusText} for ${url}`);
	// Kept for offline use as it streams in: the models that use it then need no second download.
	const kept = keepResponse(url, response.clone());
	const module = response.headers.get('Content-Type')?.startsWith('application/wasm')
		? await WebAssembly.compileStreaming(response)
		: // A host that serves .wasm with another type: streaming compile refuses it, async compile does not.
			await WebAssembly.compile(await response.arrayBuffer());
	await kept;
	return module;
}

/** Wires the compile worker to its global: one reply per request, the module or an error. */
export function serveCompiles(): void {
	// The worker global, typed narrowly: the app's tsconfig has the DOM lib, not the worker lib.
	const scope = self as unknown as {
		postMessage(message: CompileReply): void;
		addEventListener(
			type: 'message',
			listener: (event: MessageEvent<CompileRequest>) => void
		): void;
	};
	scope.addEventListener('message', ({ data: { url } }) => {
		compileModule(url).then(
			(module) => scope.postMessage({ url, module }),
			(error: unknown) =>
				scope.postMessage({ url, error: error instanceof Error ? error.message : String(error) })
		);
	});
}
