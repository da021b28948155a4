import type { DeviceCapabilities } from '$lib/ai/capabilities';
import { recommend } from '$lib/ai/capabilities';
import { HUGGING_FACE, mirrorSource, type ModelSource } from '$lib/ai/source';
import type { CustomModel } from '$lib/db/settings';
import { catalogueModel } from './catalogue';
import type { EngineKind } from './engine';
import type { OnnxDevice } from './onnx/protocol';
import type { WebLlmModelRef } from './webllm/protocol';

export interface LlmSettings {
	engine: 'auto' | EngineKind;
	model: string;
	/** 0: the model's own context window. */
	contextTokens?: number;
	customModels: readonly CustomModel[];
	source: string;
	endpoint: { url: string; model: string };
}

/** Everything needed to create and load an engine, decided from settings and the device. */
export type EngineChoice =
	| {
			engine: 'webllm';
			model: string;
			label: string;
			contextWindow: number;
			record: WebLlmModelRef;
	  }
	| {
			engine: 'onnx';
			model: string;
			label: string;
			contextWindow: number;
			device: OnnxDevice;
			dtype?: string;
			source: ModelSource;
	  }
	| { engine: 'endpoint'; model: string; label: string; contextWindow: number; url: string };

/** A reason the settings cannot be used as they are, with what to change. */
export interface ChoiceProblem {
	problem: string;
}

/** Picks the engine and model from the person's settings, falling back to the recommendation. */
export function chooseEngine(
	settings: LlmSettings,
	caps: DeviceCapabilities
): EngineChoice | ChoiceProblem {
	const choice = chooseModel(settings, caps);
	if ('problem' in choice || !settings.contextTokens) return choice;
	return { ...choice, contextWindow: Math.min(choice.contextWindow, settings.contextTokens) };
}

function chooseModel(
	settings: LlmSettings,
	caps: DeviceCapabilities
): EngineChoice | ChoiceProblem {
	const source = settings.source ? mirrorSource(settings.source) : HUGGING_FACE;
	const gpuUsable = caps.webgpu.available && !caps.webgpu.fallback;
	const onnxDevice: OnnxDevice = gpuUsable ? 'webgpu' : 'wasm';

	if (settings.engine === 'endpoint') {
		const { url, model } = settings.endpoint;
		if (!url || !model) {
			return { problem: 'Enter the local server’s address and model name in Settings → AI.' };
		}
		return { engine: 'endpoint', model, label: `${model} on ${url}`, contextWindow: 8192, url };
	}

	const custom = settings.customModels.find((m) => m.id === settings.model);
	if (custom) {
		if (custom.engine === 'webllm') {
			if (!caps.webgpu.available)
				return { problem: `${custom.id} needs WebGPU, which this browser lacks.` };
			if (!custom.modelUrl || !custom.libUrl) {
				return {
					problem: `${custom.id} needs the weights URL and the library URL (Settings → AI).`
				};
			}
			return {
				engine: 'webllm',
				model: custom.id,
				label: custom.id,
				contextWindow: custom.contextWindow ?? 4096,
				record: { model: custom.modelUrl, model_id: custom.id, model_lib: custom.libUrl }
			};
		}
		return {
			engine: 'onnx',
			model: custom.id,
			label: custom.id,
			contextWindow: custom.contextWindow ?? 4096,
			device: onnxDevice,
			dtype: custom.dtype || undefined,
			source
		};
	}

	const recommendation = recommend(caps);
	const chosen = catalogueModel(settings.model) ?? recommendation.model;
	const wantsWebLlm =
		settings.engine === 'webllm' ||
		(settings.engine === 'auto' && recommendation.engine === 'webllm');
	if (wantsWebLlm && chosen.webllm && caps.webgpu.available) {
		const variant = caps.webgpu.shaderF16 ? 'f16' : 'f32';
		const id = chosen.webllm[variant];
		return {
			engine: 'webllm',
			model: id,
			label: chosen.label,
			contextWindow: chosen.contextWindow,
			record: { prebuilt: id }
		};
	}
	// The ONNX engine: the chosen model if it has ONNX weights, else the smallest one that does.
	const onnxModel = chosen.onnx
		? chosen
		: recommend({ ...caps, webgpu: { ...caps.webgpu, available: false } }).model;
	if (!onnxModel.onnx) return { problem: 'No model in the catalogue runs on this device.' };
	return {
		engine: 'onnx',
		model: onnxModel.onnx.repo,
		label: onnxModel.label,
		contextWindow: onnxModel.contextWindow,
		device: onnxDevice,
		dtype: onnxModel.onnx.dtype[onnxDevice === 'webgpu' ? 'webgpu' : 'wasm'],
		source
	};
}

export function isProblem(choice: EngineChoice | ChoiceProblem): choice is ChoiceProblem {
	return 'problem' in choice;
}
