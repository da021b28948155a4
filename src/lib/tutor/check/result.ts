import type { CheckResult, CorrectionEdit } from '../types';
import { explain, type ExplanationLanguage, type Finding, type Templates } from './finding';

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
	a.start < b.end && b.start < a.end;

/**
 * Turns the rules' findings into a check result: sure findings become edits (applied to
 * `corrected`), the rest flags. Where findings overlap, the earlier one in `findings` wins (rules
 * run in order of reliability), and a flag never overlaps an edit.
 */
export function buildResult(
	text: string,
	findings: readonly Finding[],
	templates: Templates,
	lang: ExplanationLanguage
): CheckResult {
	const toEdit = (finding: Finding): CorrectionEdit => {
		const original = text.slice(finding.start, finding.end);
		return {
			start: finding.start,
			end: finding.end,
			original,
			replacement: finding.replacement,
			category: finding.category,
			layer: 'rules',
			explanation: explain(templates, finding, original, lang),
			rule: finding.rule
		};
	};
	const edits: CorrectionEdit[] = [];
	for (const finding of findings) {
		if (!finding.sure || edits.some((e) => overlaps(e, finding))) continue;
		if (text.slice(finding.start, finding.end) === finding.replacement) continue;
		edits.push(toEdit(finding));
	}
	const flags: CorrectionEdit[] = [];
	for (const finding of findings) {
		if (finding.sure) continue;
		if (edits.some((e) => overlaps(e, finding)) || flags.some((f) => overlaps(f, finding)))
			continue;
		flags.push(toEdit(finding));
	}
	edits.sort((a, b) => a.start - b.start);
	flags.sort((a, b) => a.start - b.start);
	let corrected = '';
	let at = 0;
	for (const edit of edits) {
		corrected += text.slice(at, edit.start) + edit.replacement;
		at = edit.end;
	}
	corrected += text.slice(at);
	return { text, corrected, edits, flags };
}
