import type { CheckResult, CorrectionEdit } from '../types';
import { explain, type ExplanationLanguage, type Finding, type Templates } from './finding';

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
	a.start < b.end && b.start < a.end;

/**
 * A sure word fix inside a larger edit ("hunger" → "Hunger" inside a moved verb's span) is
 * carried into that edit's replacement when the word appears there exactly once.
 */
function foldInto(edit: CorrectionEdit, finding: Finding, text: string) {
	if (finding.start < edit.start || finding.end > edit.end) return;
	const word = text.slice(finding.start, finding.end);
	const pattern = new RegExp(
		`(?<![\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`,
		'gu'
	);
	const matches = edit.replacement.match(pattern);
	if (matches?.length !== 1) return;
	edit.replacement = edit.replacement.replace(pattern, finding.replacement);
}

/**
 * Turns the rules' findings into a check result: sure findings become edits (applied to
 * `corrected`), the rest flags. Where findings overlap, the earlier one in `findings` wins (rules
 * run in order of reliability; a word fix inside it is folded in), and a flag never overlaps an
 * edit.
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
		if (!finding.sure || text.slice(finding.start, finding.end) === finding.replacement) continue;
		const enclosing = edits.find((e) => overlaps(e, finding));
		if (enclosing) {
			foldInto(enclosing, finding, text);
			continue;
		}
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
