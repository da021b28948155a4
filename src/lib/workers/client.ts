import { AppError } from '$lib/errors';
import {
	WORKER_LOAD_FAILED,
	type ModuleRequest,
	type RpcRequest,
	type RpcResponse,
	type RpcSpec,
	type SerializedError
} from './protocol';
import { answerModuleRequest } from './shared-module';

export interface CallOptions<Progress> {
	signal?: AbortSignal;
	onProgress?: (data: Progress) => void;
	transfer?: Transferable[];
}

interface Pending {
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
	onProgress?: (data: unknown) => void;
	cleanup: () => void;
}

export type ErrorReviver = (error: SerializedError) => Error | undefined;

/** Raised for every pending call when the worker dies (error event, unreadable message, crash). */
export type CrashFactory = (cause: unknown) => Error;

export function abortError(): DOMException {
	return new DOMException('The call was cancelled.', 'AbortError');
}

/**
 * The page side of the RPC kit: typed calls matched to replies by id, progress, cancellation by
 * AbortSignal, transfer of buffers. If the worker dies, every pending call is rejected with the
 * crash error and the next call starts a fresh worker.
 */
export class RpcClient<S extends RpcSpec> {
	#worker: Worker | undefined;
	#nextId = 1;
	#pending = new Map<number, Pending>();
	#crashListeners = new Set<(error: Error) => void>();

	constructor(
		private readonly create: () => Worker,
		private readonly crashError: CrashFactory,
		private readonly revive: ErrorReviver = () => undefined
	) {}

	get running(): boolean {
		return this.#worker !== undefined;
	}

	call<K extends keyof S & string>(
		type: K,
		payload: S[K]['in'],
		{ signal, onProgress, transfer }: CallOptions<S[K]['progress']> = {}
	): Promise<S[K]['out']> {
		if (signal?.aborted) return Promise.reject(abortError());
		const worker = this.#ensureWorker();
		const id = this.#nextId++;
		return new Promise((resolve, reject) => {
			const onAbort = () => {
				// Reject at once (barge-in needs a fast stop); the worker stops in the background and
				// any late reply for this id is ignored.
				this.#post({ kind: 'abort', id });
				this.#settle(id)?.reject(abortError());
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.#pending.set(id, {
				resolve: resolve as (value: unknown) => void,
				reject,
				onProgress: onProgress as ((data: unknown) => void) | undefined,
				cleanup: () => signal?.removeEventListener('abort', onAbort)
			});
			this.#post({ kind: 'call', id, type, payload }, transfer, worker);
		});
	}

	/** Called with the crash error whenever the worker dies. Returns an unsubscribe function. */
	onCrash(listener: (error: Error) => void): () => void {
		this.#crashListeners.add(listener);
		return () => this.#crashListeners.delete(listener);
	}

	/** Stops the worker; pending calls are rejected as cancelled. */
	terminate(): void {
		this.#worker?.terminate();
		this.#worker = undefined;
		for (const id of [...this.#pending.keys()]) this.#settle(id)?.reject(abortError());
	}

	#ensureWorker(): Worker {
		if (this.#worker) return this.#worker;
		const worker = this.create();
		worker.addEventListener('message', (event: MessageEvent<RpcResponse | ModuleRequest>) =>
			this.#receive(event.data, worker)
		);
		worker.addEventListener('error', (event) => {
			event.preventDefault();
			this.#crash(event.error ?? new Error(event.message || WORKER_LOAD_FAILED));
		});
		worker.addEventListener('messageerror', () =>
			this.#crash(new Error('unreadable message from worker'))
		);
		this.#worker = worker;
		return worker;
	}

	#post(message: RpcRequest, transfer: Transferable[] = [], worker = this.#worker) {
		worker?.postMessage(message, transfer);
	}

	#receive(message: RpcResponse | ModuleRequest, worker: Worker) {
		if (message.kind === 'module') {
			answerModuleRequest(worker, message);
			return;
		}
		if (message.kind === 'progress') {
			this.#pending.get(message.id)?.onProgress?.(message.data);
			return;
		}
		const pending = this.#settle(message.id);
		if (!pending) return;
		if (message.kind === 'result') pending.resolve(message.data);
		else pending.reject(this.#reviveError(message.error));
	}

	#reviveError(error: SerializedError): Error {
		if (error.name === 'AbortError') return abortError();
		const revived = this.revive(error);
		if (revived) return revived;
		const plain = error.code
			? new AppError(error.message, { code: error.code, expected: error.expected })
			: new Error(error.message);
		plain.name = error.name;
		if (error.stack) plain.stack = error.stack;
		return plain;
	}

	#settle(id: number): Pending | undefined {
		const pending = this.#pending.get(id);
		if (!pending) return undefined;
		this.#pending.delete(id);
		pending.cleanup();
		return pending;
	}

	#crash(cause: unknown) {
		this.#worker?.terminate();
		this.#worker = undefined;
		const error = this.crashError(cause);
		for (const id of [...this.#pending.keys()]) this.#settle(id)?.reject(error);
		for (const listener of this.#crashListeners) listener(error);
	}
}
