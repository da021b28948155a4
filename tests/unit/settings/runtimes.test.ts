import { afterEach, describe, expect, it, vi } from 'vitest';
import { llm } from '$lib/ai/llm';
import { unloadOnSettingsChange } from '$lib/ai/speech';
import type { SttLoadRequest, SttProtocol } from '$lib/ai/speech/stt/protocol';
import { WorkerModel } from '$lib/ai/worker-model.svelte';
import { events } from '$lib/events';
import { MemoryService } from '$lib/memory/service.svelte';
import type { RpcRequest } from '$lib/workers/protocol';
import { createRpcServer } from '$lib/workers/server';
import { makeTestDb } from '../../helpers/factories';

/**
 * A worker that runs in this thread: requests go to `load`, which records what it loaded, through
 * the real RPC server, and replies come back as message events, as from a Worker.
 */
class LoopbackWorker extends EventTarget {
	terminated = false;
	#dispatch = createRpcServer<SttProtocol>(
		{
			load: async (request) => {
				this.loaded.push(request.model);
				return { device: request.device };
			},
			transcribe: () => Promise.reject(new Error('not in this test'))
		},
		(message) =>
			queueMicrotask(() => this.dispatchEvent(new MessageEvent('message', { data: message })))
	);

	constructor(readonly loaded: string[]) {
		super();
	}

	postMessage(message: RpcRequest) {
		void this.#dispatch(message);
	}

	terminate() {
		this.terminated = true;
	}
}

function speechModel(what: string) {
	const workers: LoopbackWorker[] = [];
	const loaded: string[] = [];
	const model = new WorkerModel<SttProtocol>(
		what,
		() => {
			workers.push(new LoopbackWorker(loaded));
			return workers.at(-1) as unknown as Worker;
		},
		() => []
	);
	const request = (name: string): SttLoadRequest => ({
		model: name,
		device: 'wasm',
		source: {} as never
	});
	return { model, workers, loaded, request };
}

const offs: (() => void)[] = [];
afterEach(() => {
	offs.splice(0).forEach((off) => off());
	vi.restoreAllMocks();
});

describe('runtimes follow settings:changed', () => {
	it('speech drops its Whisper model when the size changes, and keeps the voice', async () => {
		const t = makeTestDb();
		const stt = speechModel('speech recognition');
		const tts = { reset: vi.fn() };
		offs.push(unloadOnSettingsChange(t.bus, { stt: stt.model, tts }));

		await stt.model.ensure(stt.request('onnx-community/whisper-tiny'));
		expect(stt.model.status).toBe('ready');

		// Saving the speech form without changing the model keeps it loaded.
		await t.repos.settings.setMany({ 'speech.sttModel': '', 'speech.silenceMs': 600 });
		expect(stt.model.status).toBe('ready');
		expect(stt.workers[0].terminated).toBe(false);

		await t.repos.settings.setMany({ 'speech.sttModel': 'whisper-base' });
		expect(stt.model.status).toBe('idle');
		expect(stt.workers[0].terminated).toBe(true);
		expect(tts.reset).not.toHaveBeenCalled();

		// The next call loads the new choice in a fresh worker.
		await stt.model.ensure(stt.request('onnx-community/whisper-base'));
		expect(stt.loaded).toEqual(['onnx-community/whisper-tiny', 'onnx-community/whisper-base']);
		expect(stt.workers).toHaveLength(2);

		// A new model source (mirror) concerns both models.
		await t.repos.settings.setMany({ 'llm.source': 'https://models.example.org/' });
		expect(stt.model.status).toBe('idle');
		expect(tts.reset).toHaveBeenCalledTimes(1);
	});

	it('memory search unloads when its model changes, not when the pause does', async () => {
		const t = makeTestDb();
		const worker = { status: 'ready', reset: vi.fn() };
		const service = new MemoryService({
			repos: t.repos,
			bus: t.bus,
			llm: { status: 'idle', generate: () => Promise.reject(new Error('not in this test')) },
			worker: worker as never,
			request: () => Promise.reject(new Error('not in this test'))
		});
		offs.push(service.followSettings());
		await t.repos.settings.setMany({ 'memory.quietSeconds': 45, 'memory.modelDeletes': true });
		expect(worker.reset).not.toHaveBeenCalled();
		await t.repos.settings.setMany({ 'memory.embedModel': 'Xenova/all-MiniLM-L6-v2' });
		expect(worker.reset).toHaveBeenCalledTimes(1);
		t.bus.emit('data:replaced', { reason: 'import' });
		expect(worker.reset).toHaveBeenCalledTimes(2);
	});

	it('the LLM runtime forgets its model when a setting it was chosen with changes', () => {
		const reconfigure = vi.spyOn(llm, 'reconfigure').mockResolvedValue();
		events.emit('settings:changed', { keys: ['speech.silenceMs', 'call.debug'] });
		expect(reconfigure).not.toHaveBeenCalled();
		events.emit('settings:changed', { keys: ['llm.contextTokens'] });
		expect(reconfigure).toHaveBeenCalledTimes(1);
	});
});
