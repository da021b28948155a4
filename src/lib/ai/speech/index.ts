import { reviveAiError, workerFailure } from '$lib/ai/errors';
import { deviceCapabilities } from '$lib/ai/capabilities';
import {
	HUGGING_FACE,
	mirrorSource,
	ortWasmPaths,
	workerRuntimeFiles,
	type ModelSource
} from '$lib/ai/source';
import { repos } from '$lib/db';
import type { SettingKey } from '$lib/db/settings';
import { events, type EventBus } from '$lib/events';
import { onSettingsChange } from '$lib/settings/follow';
import { RpcClient } from '$lib/workers/client';
import { sttRequest, voiceSpec } from './catalogue';
import type { SttLoadRequest, SttProtocol } from './stt/protocol';
import sttWorkerUrl from './stt/stt.worker.ts?worker&url';
import type { TtsLoadRequest, TtsProtocol } from './tts/protocol';
import ttsWorkerUrl from './tts/tts.worker.ts?worker&url';
import type { VadProtocol } from './vad/protocol';
import vadWorkerUrl from './vad/vad.worker.ts?worker&url';
import { WorkerModel } from '$lib/ai/worker-model.svelte';

const absolute = (url: string) => new URL(url, document.baseURI).href;
const runtimeFiles = workerRuntimeFiles;

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

/** The settings each speech model is loaded from (the model source for both). */
export const SPEECH_MODEL_SETTINGS = {
	stt: ['speech.sttModel', 'llm.source'],
	tts: ['speech.voiceModel', 'llm.source']
} as const satisfies Record<string, readonly SettingKey[]>;

/**
 * Unloads a speech model when a setting it is loaded from changes, so the next call loads the
 * new choice. Follows the app's bus for the app's models from the start; returns the unsubscriber.
 */
export function unloadOnSettingsChange(
	bus: EventBus,
	models: { stt: { reset(): void }; tts: { reset(): void } }
): () => void {
	const offs = [
		onSettingsChange(bus, SPEECH_MODEL_SETTINGS.stt, () => models.stt.reset()),
		onSettingsChange(bus, SPEECH_MODEL_SETTINGS.tts, () => models.tts.reset())
	];
	return () => offs.forEach((off) => off());
}

unloadOnSettingsChange(events, { stt, tts });

export const vadModelUrl = () => absolute('runtime/vad/silero_vad_v5.onnx');

/** Voice activity detection for one call: its own worker, ended with the call. */
export function createVad(): RpcClient<VadProtocol> {
	return new RpcClient<VadProtocol>(
		() => new Worker(vadWorkerUrl, { type: 'module', name: 'vad' }),
		(cause) => workerFailure('voice detection', cause),
		(error) => reviveAiError(error.name, error.message, error.code)
	);
}

/** Files a call needs offline besides the models' own caches. */
export const vadOfflineFiles = () => [...runtimeFiles(vadWorkerUrl), vadModelUrl()];

async function modelSource(): Promise<ModelSource> {
	const mirror = await repos.settings.get('llm.source');
	return mirror ? mirrorSource(mirror) : HUGGING_FACE;
}

/** The speech recognition model the settings ask for, as this device should run it. */
export async function recognitionRequest(): Promise<SttLoadRequest> {
	const [caps, source, model] = await Promise.all([
		deviceCapabilities(),
		modelSource(),
		repos.settings.get('speech.sttModel')
	]);
	return sttRequest(model, caps, source, document.baseURI);
}

/** The neural voice for a companion's voice and language, or `system` for the browser's own. */
export async function voiceRequest(
	voice: string,
	language: string
): Promise<TtsLoadRequest | 'system'> {
	const [caps, source, override] = await Promise.all([
		deviceCapabilities(),
		modelSource(),
		repos.settings.get('speech.voiceModel')
	]);
	const spec = voiceSpec(voice, language, override, document.baseURI);
	if (spec === 'system') return 'system';
	const wasmPaths = ortWasmPaths(document.baseURI);
	// Kokoro (82M) is too slow on the CPU for a first sentence in time; on a real GPU it runs
	// in fp32 (kokoro-js's advice for WebGPU). VITS voices are small enough for the CPU, which
	// leaves the GPU to the LLM.
	if (spec.engine === 'kokoro' && caps.webgpu.available && !caps.webgpu.fallback)
		return { voice: spec, device: 'webgpu', dtype: 'fp32', source, wasmPaths };
	return { voice: spec, device: 'wasm', source, wasmPaths };
}

export { STT_MODELS } from './catalogue';
export type { VoiceSpec } from './tts/protocol';
