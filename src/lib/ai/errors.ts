import { AppError } from '$lib/errors';
import { WORKER_LOAD_FAILED } from '$lib/workers/protocol';

/** Ways on that the UI can offer after an AI failure. */
export type Recovery = 'retry' | 'smaller-model' | 'shorter-context' | 'other-engine' | 'settings';

const RECOVERY: Record<string, Recovery[]> = {
	'ai/worker-crashed': ['retry', 'smaller-model', 'other-engine'],
	'ai/offline-first-use': ['retry'],
	'gpu/device-lost': ['retry', 'smaller-model', 'shorter-context', 'other-engine'],
	'gpu/unavailable': ['other-engine'],
	'model/out-of-memory': ['smaller-model', 'shorter-context', 'other-engine'],
	'model/not-found': ['settings', 'other-engine'],
	'model/download-failed': ['retry'],
	'model/corrupt': ['retry', 'settings'],
	'model/unsupported': ['other-engine', 'smaller-model'],
	'model/not-loaded': ['retry'],
	'endpoint/unreachable': ['retry', 'settings', 'other-engine'],
	'endpoint/http': ['settings', 'retry'],
	'endpoint/bad-response': ['settings', 'other-engine']
};

/**
 * A failure of a model, its worker, the GPU or an endpoint. The conversation is never lost by one;
 * `recovery` says which ways on make sense (retry, a smaller model, a shorter context, another engine).
 */
export class AiError extends AppError {
	override name = 'AiError';
	readonly recovery: readonly Recovery[];

	constructor(message: string, code: string, cause?: unknown) {
		super(message, { code, cause, expected: code !== 'ai/worker-crashed' });
		this.recovery = RECOVERY[code] ?? ['retry'];
	}
}

export class WorkerCrashedError extends AiError {
	override name = 'WorkerCrashedError';
	constructor(what: string, cause?: unknown) {
		super(
			`The ${what} stopped unexpectedly. Your conversation is safe: try again, or choose a smaller ` +
				'model or another engine in Settings → AI.',
			'ai/worker-crashed',
			cause
		);
	}
}

/**
 * What a worker's death means. A worker whose script could not even be fetched while the device is
 * offline did not crash: its code is cached on first use (see service-worker.ts), and this part of
 * the app has not been used online yet.
 */
export function workerFailure(what: string, cause: unknown): AiError {
	const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
	if (offline && cause instanceof Error && cause.message === WORKER_LOAD_FAILED) {
		return new AiError(
			`The ${what} could not start while offline: it is downloaded the first time it is used. ` +
				'Connect to the internet once, then it works offline too.',
			'ai/offline-first-use',
			cause
		);
	}
	return new WorkerCrashedError(what, cause);
}

export class DeviceLostError extends AiError {
	override name = 'DeviceLostError';
	constructor(cause?: unknown) {
		super(
			'The graphics processor stopped responding, usually because the model needs more GPU memory ' +
				'than is free. Try again, pick a smaller model or a shorter context, or use the CPU engine.',
			'gpu/device-lost',
			cause
		);
	}
}

/** Revives an AI error that crossed a worker boundary as `{ name, message, code }`. */
export function reviveAiError(name: string, message: string, code?: string): AiError | undefined {
	if (
		name === 'WorkerCrashedError' ||
		name === 'DeviceLostError' ||
		name === 'AiError' ||
		code?.match(/^(ai|gpu|model|endpoint)\//)
	) {
		const error = new AiError(message, code ?? 'ai/unknown');
		error.name = name;
		return error;
	}
	return undefined;
}
