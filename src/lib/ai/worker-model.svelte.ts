import { reviveAiError, workerFailure } from '$lib/ai/errors';
import type { LoadProgress } from '$lib/ai/progress';
import { keepForOffline } from '$lib/pwa/offline';
import { isAbortError, toAppError, type AppError } from '$lib/errors';
import { RpcClient, type CallOptions } from '$lib/workers/client';
import type { RpcMethod, RpcSpec } from '$lib/workers/protocol';

export type ModelStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What the screens show of a worker model, whatever its protocol. */
export type ModelState = Pick<
	WorkerModel<Loadable>,
	'status' | 'progress' | 'error' | 'cancelLoad'
>;

type Loadable = RpcSpec & { load: RpcMethod<unknown, unknown, LoadProgress> };

/**
 * A model that lives in its own worker (speech recognition, a voice): loads once per key, with
 * progress and cancel, reports its status for the UI, and turns a dead worker into an error with
 * a way on. Loaded models stay loaded between calls.
 */
export class WorkerModel<P extends Loadable> {
	status = $state<ModelStatus>('idle');
	progress = $state.raw<LoadProgress | null>(null);
	error = $state.raw<AppError | null>(null);
	#rpc: RpcClient<P>;
	#key = '';
	#loading: Promise<void> | null = null;
	#controller: AbortController | null = null;

	constructor(
		readonly what: string,
		createWorker: () => Worker,
		private readonly offlineFiles: () => readonly string[]
	) {
		this.#rpc = new RpcClient<P>(
			createWorker,
			(cause) => workerFailure(what, cause),
			(error) => reviveAiError(error.name, error.message, error.code)
		);
		this.#rpc.onCrash((error) => {
			this.#key = '';
			this.status = 'error';
			this.error = toAppError(error);
		});
	}

	/** Loads the model described by `request` unless the same one is loaded already. */
	ensure(request: P['load']['in']): Promise<void> {
		const key = JSON.stringify(request);
		if (this.#key === key && this.status === 'ready') return Promise.resolve();
		if (this.#loading && this.#key === key) return this.#loading;
		this.#key = key;
		this.#loading = this.#load(request).finally(() => (this.#loading = null));
		return this.#loading;
	}

	async #load(request: P['load']['in']): Promise<void> {
		const controller = new AbortController();
		this.#controller = controller;
		this.status = 'loading';
		this.error = null;
		this.progress = { progress: 0, text: `Preparing the ${this.what}` };
		try {
			await this.#rpc.call('load', request, {
				signal: controller.signal,
				onProgress: (progress) => (this.progress = progress as LoadProgress)
			});
			this.status = 'ready';
			void keepForOffline(this.offlineFiles());
		} catch (error) {
			this.#key = '';
			if (isAbortError(error)) {
				this.#rpc.terminate();
				this.status = 'idle';
			} else {
				this.status = 'error';
				this.error = toAppError(error);
			}
			throw error;
		} finally {
			this.progress = null;
			this.#controller = null;
		}
	}

	call<K extends keyof P & string>(
		type: K,
		payload: P[K]['in'],
		options?: CallOptions<P[K]['progress']>
	): Promise<P[K]['out']> {
		return this.#rpc.call(type, payload, options);
	}

	cancelLoad(): void {
		this.#controller?.abort();
	}

	/** Ends the worker (the model is unloaded); the next ensure() starts again. */
	reset(): void {
		this.#rpc.terminate();
		this.#key = '';
		this.status = 'idle';
		this.error = null;
	}
}
