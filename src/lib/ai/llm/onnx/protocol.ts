import type { ModelSource, WasmPaths } from '$lib/ai/source';
import type { RpcMethod } from '$lib/workers/protocol';
import type { ChatTurn, GenerateResult, LoadProgress } from '../engine';

export type OnnxDevice = 'webgpu' | 'wasm' | 'cpu';

export interface OnnxLoadRequest {
	model: string;
	device: OnnxDevice;
	/** e.g. `q4f16` on WebGPU, `q4` on WASM; undefined uses the model's own config. */
	dtype?: string;
	source: ModelSource;
	wasmPaths?: WasmPaths;
}

export interface OnnxGenerateRequest {
	messages: ChatTurn[];
	maxTokens: number;
	temperature: number;
}

/** The ONNX LLM worker: transformers.js text generation. */
export type OnnxLlmProtocol = {
	load: RpcMethod<OnnxLoadRequest, { device: OnnxDevice }, LoadProgress>;
	generate: RpcMethod<OnnxGenerateRequest, GenerateResult, { delta: string }>;
	unload: RpcMethod<void, void>;
};
