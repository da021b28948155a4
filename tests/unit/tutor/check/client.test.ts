import { describe, expect, it } from 'vitest';
import { CheckClient } from '$lib/tutor/check/client';
import { createCheckHandlers } from '$lib/tutor/check/check.handler';
import { nodeFiles } from '$lib/tutor/check/files.node';
import type { RpcRequest, RpcResponse } from '$lib/workers/protocol';
import { createRpcServer } from '$lib/workers/server';

// One set of handlers for every fake worker of the file, so the dictionary loads once.
const handlers = createCheckHandlers(nodeFiles);

/**
 * A fake Worker (Node has no Web Worker): the real check handlers behind the real RPC server,
 * answering asynchronously as a worker would. `crash()` fires the error event a dying worker fires.
 */
class FakeCheckWorker extends EventTarget {
	terminated = false;
	readonly #dispatch = createRpcServer(handlers, (message: RpcResponse) =>
		setTimeout(() => this.dispatchEvent(new MessageEvent('message', { data: message })))
	);
	postMessage(message: RpcRequest) {
		if (!this.terminated) void this.#dispatch(message);
	}
	terminate() {
		this.terminated = true;
	}
	crash() {
		const event = new Event('error', { cancelable: true });
		Object.assign(event, {
			message: 'worker ran out of memory',
			error: new Error('out of memory')
		});
		this.dispatchEvent(event);
	}
}

describe('CheckClient', () => {
	it('checks text in its worker, started once on the first call', async () => {
		const workers: FakeCheckWorker[] = [];
		const client = new CheckClient(
			() => {
				const worker = new FakeCheckWorker();
				workers.push(worker);
				return worker as unknown as Worker;
			},
			(language) => [`/files/${language}`]
		);
		const result = await client.checkText('Ich habe eine Auto gekauft.', {
			mode: 'typed',
			language: 'de'
		});
		expect(result).toEqual({
			text: 'Ich habe eine Auto gekauft.',
			corrected: 'Ich habe ein Auto gekauft.',
			edits: [expect.objectContaining({ original: 'eine', replacement: 'ein', start: 9, end: 13 })],
			flags: []
		});
		await client.checkText('Das ist gut.', { mode: 'spoken', language: 'de' });
		expect(await client.spellWords(['Frankfurt', 'Frankfrut'], 'de')).toEqual([true, false]);
		expect(workers).toHaveLength(1);
		client.terminate();
	});

	it('rejects pending checks when the worker dies, and starts a fresh one next time', async () => {
		const workers: FakeCheckWorker[] = [];
		const client = new CheckClient(
			() => {
				const worker = new FakeCheckWorker();
				workers.push(worker);
				return worker as unknown as Worker;
			},
			() => []
		);
		const pending = client.checkText('Hallo', { mode: 'typed', language: 'de' });
		workers[0].crash();
		await expect(pending).rejects.toMatchObject({ name: 'WorkerCrashedError' });
		const again = await client.checkText('Er haben Zeit.', { mode: 'typed', language: 'de' });
		expect(again.corrected).toBe('Er hat Zeit.');
		expect(workers).toHaveLength(2);
		client.terminate();
	});

	it('cancels a check with an AbortSignal', async () => {
		const client = new CheckClient(
			() => new FakeCheckWorker() as unknown as Worker,
			() => []
		);
		const controller = new AbortController();
		const pending = client.checkText('Hallo', {
			mode: 'typed',
			language: 'de',
			signal: controller.signal
		});
		controller.abort();
		await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
		client.terminate();
	});
});
