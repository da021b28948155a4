import { describe, expect, it, vi } from 'vitest';
import { WorkerCrashedError, workerFailure } from '$lib/ai/errors';
import { RpcClient } from '$lib/workers/client';
import {
	WORKER_LOAD_FAILED,
	type RpcMethod,
	type RpcRequest,
	type RpcResponse
} from '$lib/workers/protocol';
import { createRpcServer, withTransfer, type Handlers } from '$lib/workers/server';

type Echo = {
	echo: RpcMethod<{ text: string; delayMs: number }, string, number>;
	fail: RpcMethod<void, never>;
	wait: RpcMethod<void, string>;
	bytes: RpcMethod<number, ArrayBuffer>;
};

/**
 * Stands in for a Worker (a browser object Node lacks): messages go to the real RPC server code
 * asynchronously, as with postMessage; `crash()` fires the `error` event a dying worker fires.
 */
class InProcessWorker extends EventTarget {
	terminated = false;
	transfers: Transferable[][] = [];
	readonly dispatch: (request: RpcRequest) => Promise<void>;
	constructor(handlers: Handlers<Echo>) {
		super();
		this.dispatch = createRpcServer(handlers, (message: RpcResponse, transfer) => {
			if (transfer) this.transfers.push(transfer);
			setTimeout(
				() => !this.terminated && this.dispatchEvent(new MessageEvent('message', { data: message }))
			);
		});
	}
	postMessage(message: RpcRequest) {
		setTimeout(() => void this.dispatch(message));
	}
	terminate() {
		this.terminated = true;
	}
	crash() {
		this.dispatchEvent(
			Object.assign(new Event('error'), { message: 'boom', error: new Error('boom') })
		);
	}
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const handlers: Handlers<Echo> = {
	async echo({ text, delayMs }, { progress, signal }) {
		for (let i = 1; i <= 3; i++) {
			await sleep(delayMs / 3);
			signal.throwIfAborted();
			progress(i);
		}
		return text;
	},
	async fail() {
		throw Object.assign(new Error('Model file missing'), {
			code: 'model/not-found',
			expected: true
		});
	},
	async wait() {
		await sleep(10_000);
		return 'late';
	},
	async bytes(size) {
		const buffer = new ArrayBuffer(size);
		return withTransfer(buffer, [buffer]);
	}
};

function client() {
	const workers: InProcessWorker[] = [];
	const rpc = new RpcClient<Echo>(
		() => {
			const worker = new InProcessWorker(handlers);
			workers.push(worker);
			return worker as unknown as Worker;
		},
		(cause) => new Error(`crashed: ${(cause as Error).message}`)
	);
	return { rpc, workers };
}

describe('RpcClient with the RPC server', () => {
	it('matches concurrent replies to their calls by id, with their own progress', async () => {
		const { rpc } = client();
		const slowProgress: number[] = [];
		const slow = rpc.call(
			'echo',
			{ text: 'slow', delayMs: 60 },
			{ onProgress: (p) => slowProgress.push(p) }
		);
		const fast = rpc.call('echo', { text: 'fast', delayMs: 3 });
		expect(await fast).toBe('fast');
		expect(await slow).toBe('slow');
		expect(slowProgress).toEqual([1, 2, 3]);
	});

	it('revives errors with their code, and rejects at once on abort', async () => {
		const { rpc } = client();
		await expect(rpc.call('fail', undefined)).rejects.toMatchObject({
			code: 'model/not-found',
			message: 'Model file missing'
		});
		const controller = new AbortController();
		const pending = rpc.call('echo', { text: 'x', delayMs: 300 }, { signal: controller.signal });
		controller.abort();
		await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
		await expect(
			rpc.call('echo', { text: 'y', delayMs: 0 }, { signal: controller.signal })
		).rejects.toMatchObject({
			name: 'AbortError'
		});
	});

	it('rejects every pending call when the worker dies, and starts a fresh one for the next call', async () => {
		const { rpc, workers } = client();
		const onCrash = vi.fn();
		rpc.onCrash(onCrash);
		const a = rpc.call('wait', undefined);
		const b = rpc.call('wait', undefined);
		await sleep(5);
		workers[0].crash();
		await expect(a).rejects.toThrow('crashed: boom');
		await expect(b).rejects.toThrow('crashed: boom');
		expect(onCrash).toHaveBeenCalledTimes(1);
		expect(workers[0].terminated).toBe(true);
		expect(await rpc.call('echo', { text: 'again', delayMs: 0 })).toBe('again');
		expect(workers).toHaveLength(2);
	});

	it('transfers result buffers instead of copying them', async () => {
		const { rpc, workers } = client();
		const buffer = await rpc.call('bytes', 1024);
		expect(buffer.byteLength).toBe(1024);
		expect(workers[0].transfers[0]?.[0]).toBeInstanceOf(ArrayBuffer);
	});
});

describe('workerFailure', () => {
	const unloadable = new Error(WORKER_LOAD_FAILED);

	it('calls a worker that dies a crash, with a way on', () => {
		const error = workerFailure('memory search', new Error('RangeError: out of bounds'));
		expect(error).toBeInstanceOf(WorkerCrashedError);
		expect(error.recovery).toContain('retry');
	});

	it('tells a worker that could not be fetched offline from a crash', () => {
		vi.stubGlobal('navigator', { onLine: false });
		try {
			const error = workerFailure('memory search', unloadable);
			expect(error.code).toBe('ai/offline-first-use');
			expect(error.expected).toBe(true);
			expect(error.message).toMatch(/Connect to the internet once/);
		} finally {
			vi.unstubAllGlobals();
		}
		expect(workerFailure('memory search', unloadable)).toBeInstanceOf(WorkerCrashedError);
	});
});
