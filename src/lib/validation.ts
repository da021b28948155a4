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
