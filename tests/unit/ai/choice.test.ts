import { describe, expect, it } from 'vitest';
import { recommend, type DeviceCapabilities } from '$lib/ai/capabilities';
import { chooseEngine, type LlmSettings } from '$lib/ai/llm/choice';
import { filesOf, sourceUrl } from '$lib/ai/model-store';
import { HUGGING_FACE, mirrorSource } from '$lib/ai/source';

function device(
	overrides: Partial<DeviceCapabilities['webgpu']> = {},
	memoryGB = 8
): DeviceCapabilities {
	return {
		webgpu: {
			available: true,
			fallback: false,
			shaderF16: true,
			maxBufferSize: 2 ** 31,
			maxStorageBufferBindingSize: 2 ** 30,
			description: 'test GPU',
			...overrides
		},
		memoryGB,
		cores: 8,
		storageFreeBytes: 50e9
	};
}

const settings = (overrides: Partial<LlmSettings> = {}): LlmSettings => ({
	engine: 'auto',
	model: '',
	customModels: [],
	source: '',
	endpoint: { url: '', model: '' },
	...overrides
});

describe('recommend', () => {
	it('uses WebLLM with the largest model in the default budget on a real GPU', () => {
		const pick = recommend(device());
		expect(pick).toMatchObject({ engine: 'webllm', variant: 'f16', model: { id: 'llama-3.2-3b' } });
		expect(recommend(device({ shaderF16: false })).variant).toBe('f32');
	});

	it('picks smaller models on small devices and the CPU engine without a real GPU', () => {
		expect(recommend(device({}, 2)).model.id).not.toBe('llama-3.2-3b');
		expect(recommend(device({ available: false }))).toMatchObject({
			engine: 'onnx',
			model: { id: 'qwen2.5-0.5b' }
		});
		expect(recommend(device({ fallback: true }))).toMatchObject({
			engine: 'onnx',
			reason: expect.stringContaining('software graphics adapter')
		});
	});

	it('does not recommend a model that does not fit the free storage', () => {
		const cramped = { ...device(), storageFreeBytes: 1.2e9 };
		const pick = recommend(cramped);
		expect(
			pick.engine === 'onnx' || (pick.model.webllm?.downloadMB ?? 0) * 1.2 * 1024 * 1024 < 1.2e9
		).toBe(true);
	});
});

describe('chooseEngine', () => {
	it('follows the recommendation on auto', () => {
		expect(chooseEngine(settings(), device())).toMatchObject({
			engine: 'webllm',
			record: { prebuilt: 'Llama-3.2-3B-Instruct-q4f16_1-MLC' }
		});
		expect(chooseEngine(settings(), device({ available: false }))).toMatchObject({
			engine: 'onnx',
			model: 'onnx-community/Qwen2.5-0.5B-Instruct',
			device: 'wasm',
			dtype: 'q4',
			source: HUGGING_FACE
		});
	});

	it('caps the context window when the person chose a shorter one', () => {
		expect(chooseEngine(settings({ contextTokens: 1024 }), device())).toMatchObject({
			contextWindow: 1024
		});
		expect(chooseEngine(settings({ contextTokens: 8192 }), device())).toMatchObject({
			contextWindow: 4096
		});
	});

	it('runs a WebLLM-only model on ONNX with the nearest ONNX model when asked for the CPU engine', () => {
		const choice = chooseEngine(settings({ engine: 'onnx', model: 'llama-3.2-3b' }), device());
		expect(choice).toMatchObject({ engine: 'onnx', device: 'webgpu', dtype: 'q4f16' });
	});

	it('uses custom models, a mirror, and the local server, and says what is missing', () => {
		const custom = settings({
			model: 'kompanion-test/tiny-llm',
			source: 'http://127.0.0.1:4173/__models/',
			customModels: [{ id: 'kompanion-test/tiny-llm', engine: 'onnx' }]
		});
		expect(chooseEngine(custom, device({ available: false }))).toMatchObject({
			engine: 'onnx',
			model: 'kompanion-test/tiny-llm',
			source: mirrorSource('http://127.0.0.1:4173/__models/')
		});
		expect(chooseEngine(settings({ engine: 'endpoint' }), device())).toEqual({
			problem: 'Enter the local server’s address and model name in Settings → AI.'
		});
		expect(
			chooseEngine(
				settings({
					engine: 'endpoint',
					endpoint: { url: 'http://localhost:11434', model: 'llama3.2' }
				}),
				device()
			)
		).toMatchObject({ engine: 'endpoint', url: 'http://localhost:11434', model: 'llama3.2' });
		const webllmCustom = settings({ model: 'x', customModels: [{ id: 'x', engine: 'webllm' }] });
		expect(chooseEngine(webllmCustom, device())).toHaveProperty('problem');
		expect(chooseEngine(webllmCustom, device({ available: false }))).toEqual({
			problem: 'x needs WebGPU, which this browser lacks.'
		});
	});
});

describe('model files', () => {
	it('are found where each library stores them', () => {
		expect(sourceUrl(HUGGING_FACE, 'onnx-community/Qwen2.5-0.5B-Instruct', 'config.json')).toBe(
			'https://huggingface.co/onnx-community/Qwen2.5-0.5B-Instruct/resolve/main/config.json'
		);
		expect(sourceUrl(mirrorSource('http://mirror.local/models'), 'a/b', 'onnx/model.onnx')).toBe(
			'http://mirror.local/models/a/b/onnx/model.onnx'
		);
		const webllm = chooseEngine(settings(), device());
		expect(filesOf(webllm as Exclude<typeof webllm, { problem: string }>)).toEqual({
			prefixes: ['https://huggingface.co/mlc-ai/Llama-3.2-3B-Instruct-q4f16_1-MLC/'],
			libraryName: 'Llama-3.2-3B-Instruct-q4f16_1'
		});
	});
});
