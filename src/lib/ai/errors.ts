import { AppError } from '$lib/errors/app-error';

/** Ways on that the UI can offer after an AI failure. */
export type Recovery = 'retry' | 'smaller-model' | 'shorter-context' | 'other-engine' | 'settings';

const RECOVERY: Record<string, Recovery[]> = {
	'ai/worker-crashed': ['retry', 'smaller-model', 'other-engine'],
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
