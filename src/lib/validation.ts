import * as v from 'valibot';
import { ValidationError, type FieldIssue } from '$lib/errors';

/** Converts valibot issues into the app's field issues (dotted paths, person-readable messages). */
export function toFieldIssues(issues: readonly v.BaseIssue<unknown>[]): FieldIssue[] {
	return issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: issue.message }));
}

/**
 * Validates input from outside the app against a schema. On failure throws a ValidationError whose
 * message starts with `summary` and names the first problem.
 */
export function parseOrThrow<TSchema extends v.GenericSchema>(
	schema: TSchema,
	input: unknown,
	summary: string,
	code?: string
): v.InferOutput<TSchema> {
	const result = v.safeParse(schema, input);
	if (result.success) return result.output;
	const issues = toFieldIssues(result.issues);
	const first = issues[0];
	const where = first.path ? ` (${first.path})` : '';
	throw new ValidationError(`${summary} ${first.message}${where}`, issues, code);
}

export type ModelJson<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Reads a model's answer as one JSON object, validated: model output is untrusted input. The
 * object runs from the first `{` to the last `}` (models like to wrap it in a code fence or add a
 * sentence). Never throws: `reason` says what was wrong, for a log line or a retry.
 */
export function parseModelJson<TSchema extends v.GenericSchema>(
	answer: string,
	schema: TSchema
): ModelJson<v.InferOutput<TSchema>> {
	const start = answer.indexOf('{');
	const end = answer.lastIndexOf('}');
	if (start < 0 || end < start) return { ok: false, reason: 'no JSON object in the answer.' };
	let json: unknown;
	try {
		json = JSON.parse(answer.slice(start, end + 1));
	} catch {
		return { ok: false, reason: 'the JSON is malformed.' };
	}
	const result = v.safeParse(schema, json);
	if (result.success) return { ok: true, value: result.output };
	const issue = result.issues[0];
	const path = v.getDotPath(issue);
	return { ok: false, reason: `${path ? `${path}: ` : ''}${issue.message}` };
}
