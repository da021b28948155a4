/**
 * The RPC kit shared by the app's workers (speech, embeddings, the ONNX LLM). A protocol is a map
 * of request types to `{ in, out, progress }`; both sides import only that map. Every message carries
 * the id of the call it belongs to, so concurrent calls never resolve on each other's replies.
 */

/** The message of a worker `error` event that carries no error: its script failed to load. */
export const WORKER_LOAD_FAILED = 'worker error';

export interface RpcMethod<In = unknown, Out = unknown, Progress = never> {
	in: In;
	out: Out;
	progress: Progress;
}

export type RpcSpec = Record<string, RpcMethod<unknown, unknown, unknown>>;

export interface SerializedError {
	name: string;
	message: string;
	code?: string;
	expected?: boolean;
	stack?: string;
}

/** Worker → page: asks for the page's compiled WebAssembly module at `url` (shared-module.ts). */
export interface ModuleRequest {
	kind: 'module';
	url: string;
}

/** Page → worker: the compiled module, or why there is none. */
export interface ModuleReply {
	kind: 'module';
	url: string;
	module?: WebAssembly.Module;
	error?: SerializedError;
}

/** Page → worker. */
export type RpcRequest =
	{ kind: 'call'; id: number; type: string; payload: unknown } | { kind: 'abort'; id: number };

/** Worker → page. */
export type RpcResponse =
	| { kind: 'progress'; id: number; data: unknown }
	| { kind: 'result'; id: number; data: unknown }
	| { kind: 'error'; id: number; error: SerializedError };

export function serializeError(error: unknown): SerializedError {
	if (error instanceof Error) {
		const { code, expected } = error as Error & { code?: unknown; expected?: unknown };
		return {
			name: error.name,
			message: error.message,
			code: typeof code === 'string' ? code : undefined,
			expected: typeof expected === 'boolean' ? expected : undefined,
			stack: error.stack
		};
	}
	return { name: 'Error', message: typeof error === 'string' ? error : JSON.stringify(error) };
}
