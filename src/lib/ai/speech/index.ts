import { WorkerCrashedError, reviveAiError } from '$lib/ai/errors';
import { ortWasmPaths } from '$lib/ai/source';
import { RpcClient } from '$lib/workers/client';
import type { SttProtocol } from './stt/protocol';
import sttWorkerUrl from './stt/stt.worker.ts?worker&url';
import type { TtsProtocol } from './tts/protocol';
import ttsWorkerUrl from './tts/tts.worker.ts?worker&url';
import type { VadProtocol } from './vad/protocol';
import vadWorkerUrl from './vad/vad.worker.ts?worker&url';
import { WorkerModel } from './worker-model.svelte';

const absolute = (url: string) => new URL(url, document.baseURI).href;
const runtimeFiles = (workerUrl: string) => {
	const { mjs, wasm } = ortWasmPaths(document.baseURI);
	return [absolute(workerUrl), mjs, wasm];
};

/** Speech recognition (Whisper), loaded once and kept between calls. */
export const stt = new WorkerModel<SttProtocol>(
	'speech recognition',
	() => new Worker(sttWorkerUrl, { type: 'module', name: 'stt' }),
	() => runtimeFiles(sttWorkerUrl)
);

/** The companion's neural voice, loaded once and kept between calls. */
export const tts = new WorkerModel<TtsProtocol>(
	'voice',
	() => new Worker(ttsWorkerUrl, { type: 'module', name: 'tts' }),
	() => runtimeFiles(ttsWorkerUrl)
);

export const vadModelUrl = () => absolute('runtime/vad/silero_vad_v5.onnx');

/** Voice activity detection for one call: its own worker, ended with the call. */
export function createVad(): RpcClient<VadProtocol> {
	return new RpcClient<VadProtocol>(
		() => new Worker(vadWorkerUrl, { type: 'module', name: 'vad' }),
		(cause) => new WorkerCrashedError('voice detection', cause),
		(error) => reviveAiError(error.name, error.message, error.code)
	);
}

/** Files a call needs offline besides the models' own caches. */
export const vadOfflineFiles = () => [...runtimeFiles(vadWorkerUrl), vadModelUrl()];

export { STT_MODELS, sttRequest, voiceSpec } from './catalogue';
export type { VoiceSpec } from './tts/protocol';
