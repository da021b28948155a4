import { isAbortError } from '$lib/errors';
import { AiError, DeviceLostError } from './errors';

const detailOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Turns what a runtime throws while loading or running a model (transformers.js, onnxruntime,
 * WebLLM, whose worker errors arrive as plain strings) into an AiError with a code and a way on.
 */
export function classifyLoadError(error: unknown, model: string): Error {
	if (error instanceof AiError || isAbortError(error)) return error as Error;
	const detail = detailOf(error);
	const is = (pattern: RegExp) =>
		pattern.test(detail) || pattern.test((error as Error)?.name ?? '');
	if (is(/device ?lost|device was lost|DeviceLostError/i)) return new DeviceLostError(error);
	if (
		is(
			/out of memory|OutOfMemory|allocat(e|ion) failed|failed to allocate|maxBufferSize|maxStorageBufferBindingSize|exceeds the max/i
		)
	) {
		return new AiError(
			`There is not enough memory for ${model} on this device. Pick a smaller model or a shorter context.`,
			'model/out-of-memory',
			error
		);
	}
	if (
		is(
			/Could not locate file|\b404\b|Not Found|no model record|Cannot find model record|Unauthorized access|Forbidden access/i
		)
	) {
		return new AiError(
			`The files of ${model} were not found at its source. Check the model name and source in Settings → AI.`,
			'model/not-found',
			error
		);
	}
	if (
		is(/Failed to fetch|NetworkError|network error|Load failed|ERR_INTERNET_DISCONNECTED|timeout/i)
	) {
		return new AiError(
			`Downloading ${model} failed (the connection dropped or the source is offline). Files already downloaded are kept: try again to resume.`,
			'model/download-failed',
			error
		);
	}
	if (is(/WebGPU is not supported|no (available )?adapters?|requestAdapter|GPU adapter/i)) {
		return new AiError(
			'This browser cannot use the graphics processor (WebGPU) for AI. Use the CPU engine in Settings → AI.',
			'gpu/unavailable',
			error
		);
	}
	if (
		is(
			/protobuf|wire type|CompileError|WebAssembly|magic (word|number)|Unexpected token|JSON|invalid model|corrupt|integrity/i
		)
	) {
		return new AiError(
			`The downloaded files of ${model} are damaged or not a model this engine can run. Delete the model in Settings → AI and download it again.`,
			'model/corrupt',
			error
		);
	}
	return new AiError(`${model} could not be loaded: ${detail}`, 'model/unsupported', error);
}

/** A request for a model that is not loaded (yet, or any more after a crash). */
export function notLoadedError(what: string): AiError {
	return new AiError(`The ${what} is not loaded yet. Load it again and retry.`, 'model/not-loaded');
}
