import { diffWords } from 'diff';

/** One piece of a correction card's diff: kept, struck out, or inserted. */
export interface DiffSegment {
	kind: 'same' | 'removed' | 'added';
	text: string;
}

/**
 * The word-level difference between the learner's sentence and the corrected one, for the card:
 * `same` and `added` pieces read the corrected sentence, `same` and `removed` the learner's (up
 * to spacing). Within a change the removed words come before the added ones, and neighbouring
 * pieces of one kind are merged, so the card renders them as they come.
 */
export function wordDiff(original: string, corrected: string): DiffSegment[] {
	const segments: DiffSegment[] = [];
	const push = (kind: DiffSegment['kind'], text: string) => {
		if (!text) return;
		const last = segments[segments.length - 1];
		if (last?.kind === kind) last.text += text;
		else segments.push({ kind, text });
	};
	let pendingAdded = '';
	for (const change of diffWords(original, corrected)) {
		if (change.added) {
			pendingAdded += change.value;
			continue;
		}
		if (change.removed) {
			push('removed', change.value);
			continue;
		}
		push('added', pendingAdded);
		pendingAdded = '';
		push('same', change.value);
	}
	push('added', pendingAdded);
	return segments;
}
