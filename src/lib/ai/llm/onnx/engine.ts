import { ortBuildFiles, type ModelSource, type WasmPaths } from '$lib/ai/source';
import { compileWorkerFile } from '$lib/workers/shared-module';
import onnxWorkerUrl from './onnx-llm.worker.ts?worker&url';
import type { ChatTurn } from '../engine';
import { WorkerLlmEngine, type GenerateSettings } from '../worker-engine';
import type { OnnxDevice, OnnxGenerateRequest, OnnxLoadRequest } from './protocol';

export interface OnnxEngineOptions {
	device: OnnxDevice;
	/** Quantisation to load, e.g. `q4f16`; undefined uses the model's config. */
	dtype?: string;
	source: ModelSource;
	wasmPaths: WasmPaths;
	createWorker?: () => Worker;
}

const createOnnxWorker = () => new Worker(onnxWorkerUrl, { type: 'module', name: 'onnx-llm' });

/** transformers.js + onnxruntime-web in a worker: for devices without usable WebGPU. */
export class OnnxEngine extends WorkerLlmEngine<OnnxLoadRequest, OnnxGenerateRequest> {
	readonly kind = 'onnx';

	constructor(private readonly options: OnnxEngineOptions) {
		const { cpu, webgpu } = options.wasmPaths;
		super(options.createWorker ?? createOnnxWorker, [
			new URL(onnxWorkerUrl, document.baseURI).href,
			compileWorkerFile(),
			...ortBuildFiles(options.device === 'webgpu' ? webgpu : cpu)
		]);
	}

	protected loadRequest(model: string): OnnxLoadRequest {
		const { device, dtype, source, wasmPaths } = this.options;
		return { model, device, dtype, source, wasmPaths };
	}

	protected generateRequest(messages: ChatTurn[], { maxTokens, temperature }: GenerateSettings) {
		return { messages, maxTokens, temperature };
	}
}
