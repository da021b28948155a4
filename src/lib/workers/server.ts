import {
	serializeError,
	type ModuleReply,
	type RpcRequest,
	type RpcResponse,
	type RpcSpec
} from './protocol';

export interface HandlerContext<Progress> {
	/** Aborted when the caller cancels; handlers stop and throw an AbortError. */
	signal: AbortSignal;
	/** Sends progress (or a stream of events) for this call; buffers in `transfer` move, not copy. */
	progress: (data: Progress, transfer?: Transferable[]) => void;
}

/** What a handler returns: the value, or the value with buffers to transfer instead of copy. */
export type HandlerResult<Out> = Out | { value: Out; transfer: Transferable[]; [TRANSFER]: true };

export const TRANSFER = Symbol('transfer');

/** Marks buffers to be transferred with a result (audio, vectors). */
export function withTransfer<Out>(value: Out, transfer: Transferable[]): HandlerResult<Out> {
	return { value, transfer, [TRANSFER]: true };
}

export type Handlers<S extends RpcSpec> = {
	[K in keyof S]: (
		payload: S[K]['in'],
		context: HandlerContext<S[K]['progress']>
	) => Promise<HandlerResult<S[K]['out']>>;
};

export type Post = (message: RpcResponse, transfer?: Transferable[]) => void;

/**
 * The worker side of the RPC kit, independent of Worker globals so that tests drive it with
 * plain objects: feed it requests, collect what it posts.
 */
export function createRpcServer<S extends RpcSpec>(handlers: Handlers<S>, post: Post) {
	const running = new Map<number, AbortController>();

	return async function dispatch(request: RpcRequest | ModuleReply): Promise<void> {
		if (request.kind === 'abort') {
			running.get(request.id)?.abort(new DOMException('The call was cancelled.', 'AbortError'));
			return;
		}
		// A compiled module for `pageModule` (shared-module.ts), which listens for it itself.
		if (request.kind === 'module') return;
		const { id, type, payload } = request;
		const handler = handlers[type as keyof S];
		const controller = new AbortController();
		running.set(id, controller);
		try {
			if (!handler) throw new Error(`Unknown request type: ${type}`);
			const result = await handler(payload as never, {
				signal: controller.signal,
				progress: (data, transfer) => post({ kind: 'progress', id, data }, transfer)
			});
			if (result && typeof result === 'object' && TRANSFER in result) {
				post({ kind: 'result', id, data: result.value }, result.transfer);
			} else {
				post({ kind: 'result', id, data: result });
			}
		} catch (error) {
			post({ kind: 'error', id, error: serializeError(error) });
		} finally {
			running.delete(id);
		}
	};
}

/** Wires a dispatcher to the worker global. The whole of a worker entry file is this call. */
export function serveRpc<S extends RpcSpec>(handlers: Handlers<S>): void {
	// The worker global, typed narrowly: the app's tsconfig has the DOM lib, not the worker lib.
	const scope = self as unknown as {
		postMessage(message: RpcResponse, transfer: Transferable[]): void;
		addEventListener(
			type: 'message',
			listener: (event: MessageEvent<RpcRequest | ModuleReply>) => void
		): void;
	};
	const dispatch = createRpcServer(handlers, (message, transfer) =>
		scope.postMessage(message, transfer ?? [])
	);
	scope.addEventListener('message', (event) => void dispatch(event.data));
}
