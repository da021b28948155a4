import type { RpcResponse, RpcSpec } from '$lib/workers/protocol';
import { createRpcServer, type Handlers } from '$lib/workers/server';

/** Drives worker handlers without a Worker: call them and collect progress and results. */
export function driveHandlers<S extends RpcSpec>(handlers: Handlers<S>) {
	const posted: RpcResponse[] = [];
	const dispatch = createRpcServer(handlers, (message) => posted.push(message));
	let nextId = 1;
	return {
		posted,
		async call<K extends keyof S & string>(type: K, payload: S[K]['in']) {
			const id = nextId++;
			const done = dispatch({ kind: 'call', id, type, payload });
			return {
				id,
				done: done.then(() => posted.find((m) => m.id === id && m.kind !== 'progress')!),
				progress: () =>
					posted.flatMap((m) =>
						m.id === id && m.kind === 'progress' ? [m.data as S[K]['progress']] : []
					)
			};
		},
		abort(id: number) {
			return dispatch({ kind: 'abort', id });
		}
	};
}
