import type { RpcMethod } from '$lib/workers/protocol';
import type { ChatTurn, GenerateResult, LoadProgress } from '../engine';

/** What WebLLM needs to find a model: weights folder, compiled library, requirements. */
export interface WebLlmModelRecord {
	/** Absolute URL of the MLC weights folder (mlc-chat-config.json, shards, tokenizer). */
	model: string;
	model_id: string;
	/** Absolute URL of the compiled model library (.wasm). */
	model_lib: string;
	vram_required_MB?: number;
	low_resource_required?: boolean;
	required_features?: string[];
	overrides?: { context_window_size?: number };
}

export interface WebLlmGenerateRequest {
	messages: ChatTurn[];
	maxTokens: number;
	temperature: number;
	json: boolean;
}

/** A model of WebLLM's prebuilt list (resolved in the worker), or a full custom record. */
export type WebLlmModelRef = { prebuilt: string } | WebLlmModelRecord;

/** The WebLLM worker: MLCEngine on WebGPU (none of WebLLM's code loads in the page). */
export type WebLlmProtocol = {
	load: RpcMethod<{ record: WebLlmModelRef; contextWindow?: number }, void, LoadProgress>;
	generate: RpcMethod<WebLlmGenerateRequest, GenerateResult, { delta: string }>;
	unload: RpcMethod<void, void>;
};
