import { AppError } from '$lib/errors';

/** Why a model's answer about a scenario was not usable. */
export type BadOutputReason = 'failed' | 'invalid' | 'unknown-goal';

/**
 * A model's answer (a goal judgement, a generated scenario) that cannot be used. Its message is
 * for the log; people see `ScenarioGenerationError` or nothing (the keyword judge takes over).
 */
export class ScenarioOutputError extends AppError {
	override name = 'ScenarioOutputError';
	constructor(
		readonly reason: BadOutputReason,
		detail: string,
		cause?: unknown
	) {
		super(`The model’s answer about the scenario was not usable (${reason}): ${detail}`, {
			code: `scenario/bad-output/${reason}`,
			expected: true,
			cause
		});
	}
}

/** Writing a scenario from the person's wish failed twice: what to do instead. */
export class ScenarioGenerationError extends AppError {
	override name = 'ScenarioGenerationError';
	constructor(cause?: unknown) {
		super(
			'The model could not write a usable scenario from your wish, even on a second try. ' +
				'Try describing it in one or two plain sentences (where it happens, who you talk to, ' +
				'what you want to get done), or pick one from the library.',
			{ code: 'scenario/generation-failed', expected: true, cause }
		);
	}
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ScenarioOutputError };
