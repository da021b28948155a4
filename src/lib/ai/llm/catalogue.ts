/**
 * A curated list of small instruct models that speak German well, with what a person needs to
 * choose: download size, memory, languages, licence. WebLLM ids are entries of WebLLM's prebuilt
 * list (resolved inside the worker); ONNX ids are Hugging Face repositories with transformers.js
 * weights. Sizes are approximate, from the model cards and WebLLM's `vram_required_MB`.
 */
export interface CatalogueModel {
	id: string;
	label: string;
	params: string;
	licence: string;
	/** How well it speaks German, from the model cards and public evaluations. */
	german: 'good' | 'fair' | 'basic';
	languages: string;
	contextWindow: number;
	webllm?: {
		/** WebLLM model id with f16 shaders (needs the `shader-f16` feature). */
		f16: string;
		f32: string;
		vramMB: { f16: number; f32: number };
		downloadMB: number;
	};
	onnx?: {
		repo: string;
		dtype: { webgpu: string; wasm: string };
		downloadMB: number;
		memoryMB: number;
	};
}

export const CATALOGUE: readonly CatalogueModel[] = [
	{
		id: 'qwen2.5-1.5b',
		label: 'Qwen2.5 1.5B Instruct',
		params: '1.5B',
		licence: 'Apache-2.0',
		german: 'fair',
		languages: '29 languages incl. German and English',
		contextWindow: 4096,
		webllm: {
			f16: 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC',
			f32: 'Qwen2.5-1.5B-Instruct-q4f32_1-MLC',
			vramMB: { f16: 1630, f32: 1889 },
			downloadMB: 1000
		},
		onnx: {
			repo: 'onnx-community/Qwen2.5-1.5B-Instruct',
			dtype: { webgpu: 'q4f16', wasm: 'q4' },
			downloadMB: 1300,
			memoryMB: 2000
		}
	},
	{
		id: 'llama-3.2-3b',
		label: 'Llama 3.2 3B Instruct',
		params: '3B',
		licence: 'Llama 3.2 Community License',
		german: 'good',
		languages: 'officially 8 languages incl. German and English',
		contextWindow: 4096,
		webllm: {
			f16: 'Llama-3.2-3B-Instruct-q4f16_1-MLC',
			f32: 'Llama-3.2-3B-Instruct-q4f32_1-MLC',
			vramMB: { f16: 2264, f32: 2952 },
			downloadMB: 1800
		}
	},
	{
		id: 'qwen3-4b',
		label: 'Qwen3 4B',
		params: '4B',
		licence: 'Apache-2.0',
		german: 'good',
		languages: '119 languages incl. German and English',
		contextWindow: 4096,
		webllm: {
			f16: 'Qwen3-4B-q4f16_1-MLC',
			f32: 'Qwen3-4B-q4f32_1-MLC',
			vramMB: { f16: 3432, f32: 4328 },
			downloadMB: 2300
		}
	},
	{
		id: 'phi-3.5-mini',
		label: 'Phi-3.5 mini Instruct',
		params: '3.8B',
		licence: 'MIT',
		german: 'good',
		languages: 'multilingual incl. German and English',
		contextWindow: 4096,
		webllm: {
			f16: 'Phi-3.5-mini-instruct-q4f16_1-MLC',
			f32: 'Phi-3.5-mini-instruct-q4f32_1-MLC',
			vramMB: { f16: 3672, f32: 5483 },
			downloadMB: 2200
		}
	},
	{
		id: 'llama-3.1-8b',
		label: 'Llama 3.1 8B Instruct',
		params: '8B',
		licence: 'Llama 3.1 Community License',
		german: 'good',
		languages: 'officially 8 languages incl. German and English',
		contextWindow: 4096,
		webllm: {
			f16: 'Llama-3.1-8B-Instruct-q4f16_1-MLC',
			f32: 'Llama-3.1-8B-Instruct-q4f32_1-MLC',
			vramMB: { f16: 5001, f32: 6101 },
			downloadMB: 4600
		}
	},
	{
		id: 'llama-3.2-1b',
		label: 'Llama 3.2 1B Instruct',
		params: '1B',
		licence: 'Llama 3.2 Community License',
		german: 'fair',
		languages: 'officially 8 languages incl. German and English',
		contextWindow: 4096,
		webllm: {
			f16: 'Llama-3.2-1B-Instruct-q4f16_1-MLC',
			f32: 'Llama-3.2-1B-Instruct-q4f32_1-MLC',
			vramMB: { f16: 879, f32: 1129 },
			downloadMB: 700
		},
		onnx: {
			repo: 'onnx-community/Llama-3.2-1B-Instruct',
			dtype: { webgpu: 'q4f16', wasm: 'q4' },
			downloadMB: 1100,
			memoryMB: 1600
		}
	},
	{
		id: 'qwen2.5-0.5b',
		label: 'Qwen2.5 0.5B Instruct',
		params: '0.5B',
		licence: 'Apache-2.0',
		german: 'basic',
		languages: '29 languages incl. German and English',
		contextWindow: 4096,
		webllm: {
			f16: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
			f32: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
			vramMB: { f16: 945, f32: 1060 },
			downloadMB: 400
		},
		onnx: {
			repo: 'onnx-community/Qwen2.5-0.5B-Instruct',
			dtype: { webgpu: 'q4f16', wasm: 'q4' },
			downloadMB: 480,
			memoryMB: 800
		}
	}
];

export function catalogueModel(id: string): CatalogueModel | undefined {
	return CATALOGUE.find((model) => model.id === id);
}
