import { CATALOGUE, type CatalogueModel } from './llm/catalogue';
import type { EngineKind } from './llm/engine';

export interface DeviceCapabilities {
	webgpu: {
		available: boolean;
		/** A software adapter (e.g. SwiftShader): it works, but far too slowly for an LLM. */
		fallback: boolean;
		shaderF16: boolean;
		maxBufferSize: number;
		maxStorageBufferBindingSize: number;
		description: string;
	};
	/** navigator.deviceMemory in GB (Chromium caps it at 8); undefined where unknown. */
	memoryGB?: number;
	cores: number;
	/** Bytes the site may still store. */
	storageFreeBytes?: number;
}

const NO_WEBGPU: DeviceCapabilities['webgpu'] = {
	available: false,
	fallback: false,
	shaderF16: false,
	maxBufferSize: 0,
	maxStorageBufferBindingSize: 0,
	description: 'not available'
};

/** Reads what this device offers for running models: WebGPU adapter, memory, storage. */
export async function detectCapabilities(): Promise<DeviceCapabilities> {
	const nav = navigator as Navigator & { deviceMemory?: number };
	let webgpu = NO_WEBGPU;
	try {
		const adapter = await nav.gpu?.requestAdapter({ powerPreference: 'high-performance' });
		if (adapter) {
			// `isFallbackAdapter` moved from the adapter to its info; read both.
			const info = (adapter.info ?? {}) as Partial<GPUAdapterInfo> & {
				isFallbackAdapter?: boolean;
			};
			const legacy = adapter as GPUAdapter & { isFallbackAdapter?: boolean };
			webgpu = {
				available: true,
				fallback: Boolean(info.isFallbackAdapter ?? legacy.isFallbackAdapter),
				shaderF16: adapter.features.has('shader-f16'),
				maxBufferSize: adapter.limits.maxBufferSize,
				maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
				description:
					[info.vendor, info.architecture, info.description].filter(Boolean).join(' ') ||
					'unknown GPU'
			};
		}
	} catch (error) {
		console.info('[kompanion] WebGPU adapter request failed; using the CPU engine:', error);
	}
	const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
	return {
		webgpu,
		memoryGB: nav.deviceMemory,
		cores: navigator.hardwareConcurrency ?? 2,
		storageFreeBytes:
			estimate?.quota !== undefined ? estimate.quota - (estimate.usage ?? 0) : undefined
	};
}

export interface Recommendation {
	engine: EngineKind;
	model: CatalogueModel;
	/** For WebLLM: the f16 or f32 build. */
	variant?: 'f16' | 'f32';
	reason: string;
}

const MB = 1024 * 1024;
/** The largest model (graphics memory) recommended by default: about a 3B model at 4 bits. */
const DEFAULT_BUDGET_MB = 2600;

/**
 * Picks a default engine and model for this device. Real GPU → WebLLM with the largest model
 * that fits a conservative memory budget; no WebGPU, or only a software adapter → the ONNX
 * engine on WASM with the smallest multilingual model.
 */
export function recommend(caps: DeviceCapabilities, catalogue = CATALOGUE): Recommendation {
	const storage = caps.storageFreeBytes ?? Infinity;
	const fitsStorage = (mb: number) => mb * MB * 1.2 < storage;
	if (caps.webgpu.available && !caps.webgpu.fallback) {
		const variant = caps.webgpu.shaderF16 ? 'f16' : 'f32';
		// Without a way to read GPU memory, budget from system memory (shared on laptops) and the
		// largest buffer the adapter allows; and cap the default so replies in a voice call stay
		// quick (bigger models are a choice in Settings → AI).
		const memoryMB = (caps.memoryGB ?? 4) * 1024;
		const bufferMB =
			caps.webgpu.maxBufferSize > 0 ? (caps.webgpu.maxBufferSize / MB) * 2.5 : Infinity;
		const budgetMB = Math.min(memoryMB * 0.5, bufferMB, DEFAULT_BUDGET_MB);
		const candidates = catalogue
			.filter((m) => m.webllm && m.german !== 'basic')
			.filter((m) => m.webllm!.vramMB[variant] <= budgetMB && fitsStorage(m.webllm!.downloadMB))
			.sort((a, b) => b.webllm!.vramMB[variant] - a.webllm!.vramMB[variant]);
		const model = candidates[0];
		if (model) {
			return {
				engine: 'webllm',
				model,
				variant,
				reason: `WebGPU on ${caps.webgpu.description}${variant === 'f16' ? ' with f16 shaders' : ''}: ${model.label} fits the memory budget of this device.`
			};
		}
	}
	const small = catalogue
		.filter((m) => m.onnx)
		.sort((a, b) => a.onnx!.downloadMB - b.onnx!.downloadMB);
	const model = small[0];
	return {
		engine: 'onnx',
		model,
		reason: caps.webgpu.fallback
			? 'Only a software graphics adapter is available, so the model runs on the CPU (slower).'
			: 'WebGPU is not available here, so the model runs on the CPU (slower).'
	};
}

let memo: Promise<DeviceCapabilities> | undefined;

/** The device check runs once per page; it needs a GPU adapter request, which takes a moment. */
export function deviceCapabilities(): Promise<DeviceCapabilities> {
	memo ??= detectCapabilities();
	return memo;
}
