import { detectCapabilities, type DeviceCapabilities } from '$lib/ai/capabilities';

/** What this browser and device offer the app's models and calls; read once, sent nowhere. */
export interface DeviceReport {
	userAgent: string;
	cores: number;
	/** navigator.deviceMemory (GB, capped at 8 by Chromium); undefined where unknown. */
	memoryGB?: number;
	webgpu: DeviceCapabilities['webgpu'] & {
		features: string[];
		limits: Record<string, number>;
	};
	wasm: { simd: boolean; threads: boolean };
	crossOriginIsolated: boolean;
	storage: { persisted?: boolean; usageBytes?: number; quotaBytes?: number };
	media: { audioInputs: number; audioOutputs: number; videoInputs: number; available: boolean };
	audioWorklet: boolean;
	/** MediaRecorder container and codec strings this browser records. */
	recorderTypes: string[];
}

/** The adapter limits that decide which models fit. */
const LIMITS = [
	'maxBufferSize',
	'maxStorageBufferBindingSize',
	'maxComputeWorkgroupStorageSize',
	'maxComputeInvocationsPerWorkgroup',
	'maxComputeWorkgroupSizeX',
	'maxStorageBuffersPerShaderStage'
] as const;

const RECORDER_TYPES = [
	'audio/webm;codecs=opus',
	'audio/ogg;codecs=opus',
	'audio/mp4',
	'video/webm;codecs=vp8,opus',
	'video/webm;codecs=vp9,opus',
	'video/mp4'
];

/** The smallest module that uses a SIMD instruction (i8x16.splat): valid only with SIMD. */
const SIMD_PROBE = new Uint8Array([
	0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15,
	26, 11
]);

function wasmSimd(): boolean {
	try {
		return typeof WebAssembly !== 'undefined' && WebAssembly.validate(SIMD_PROBE);
	} catch {
		return false;
	}
}

async function adapterDetails(): Promise<{ features: string[]; limits: Record<string, number> }> {
	const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
	const adapter = await gpu
		?.requestAdapter({ powerPreference: 'high-performance' })
		.catch((error) => {
			console.info('[kompanion] diagnostics: no WebGPU adapter:', error);
			return null;
		});
	if (!adapter) return { features: [], limits: {} };
	const limits: Record<string, number> = {};
	for (const name of LIMITS) limits[name] = Number(adapter.limits[name]);
	return { features: [...adapter.features].map(String).sort(), limits };
}

async function mediaDevices(): Promise<DeviceReport['media']> {
	if (!navigator.mediaDevices?.enumerateDevices)
		return { audioInputs: 0, audioOutputs: 0, videoInputs: 0, available: false };
	// Without a granted permission the list has no labels; counts are all this page needs.
	const devices = await navigator.mediaDevices.enumerateDevices();
	const count = (kind: MediaDeviceKind) => devices.filter((d) => d.kind === kind).length;
	return {
		audioInputs: count('audioinput'),
		audioOutputs: count('audiooutput'),
		videoInputs: count('videoinput'),
		available: true
	};
}

/** Reads this device's capabilities. Asks for no permission and loads no model. */
export async function probeDevice(): Promise<DeviceReport> {
	const [caps, details, media, persisted, estimate] = await Promise.all([
		detectCapabilities(),
		adapterDetails(),
		mediaDevices(),
		navigator.storage?.persisted?.().catch(() => undefined),
		navigator.storage?.estimate?.().catch(() => undefined)
	]);
	return {
		userAgent: navigator.userAgent,
		cores: caps.cores,
		memoryGB: caps.memoryGB,
		webgpu: { ...caps.webgpu, ...details },
		wasm: {
			simd: wasmSimd(),
			threads: typeof SharedArrayBuffer !== 'undefined' && crossOriginIsolated
		},
		crossOriginIsolated: Boolean(globalThis.crossOriginIsolated),
		storage: { persisted, usageBytes: estimate?.usage, quotaBytes: estimate?.quota },
		media,
		audioWorklet: typeof AudioWorkletNode !== 'undefined',
		recorderTypes:
			typeof MediaRecorder === 'undefined'
				? []
				: RECORDER_TYPES.filter((type) => MediaRecorder.isTypeSupported(type))
	};
}
