import { describe, expect, it } from 'vitest';
import { wordDiff, type DiffSegment } from '$lib/tutor/diff';

const read = (segments: DiffSegment[], skip: DiffSegment['kind']) =>
	segments
		.filter((s) => s.kind !== skip)
		.map((s) => s.text)
		.join('');
// diffWords keeps the corrected sentence's spacing in unchanged pieces; the learner's may differ.
const squash = (text: string) => text.replace(/\s+/g, '');

describe('wordDiff', () => {
	it('marks a replaced word as removed then added', () => {
		expect(wordDiff('Ich habe eine Auto.', 'Ich habe ein Auto.')).toEqual([
			{ kind: 'same', text: 'Ich habe ' },
			{ kind: 'removed', text: 'eine' },
			{ kind: 'added', text: 'ein' },
			{ kind: 'same', text: ' Auto.' }
		]);
	});

	it('is all "same" for a sentence without corrections', () => {
		expect(wordDiff('Das ist gut.', 'Das ist gut.')).toEqual([
			{ kind: 'same', text: 'Das ist gut.' }
		]);
	});

	it('shows a moved verb as removed in one place and added in another', () => {
		const segments = wordDiff('weil ich habe keine Zeit', 'weil ich keine Zeit habe');
		expect(segments.filter((s) => s.kind === 'removed').map((s) => s.text.trim())).toEqual([
			'habe'
		]);
		expect(segments.filter((s) => s.kind === 'added').map((s) => s.text.trim())).toEqual(['habe']);
	});

	it('reads back both sentences, whatever changed', () => {
		const pairs = [
			['Gestern ich habe Fußball gespielt.', 'Gestern habe ich Fußball gespielt.'],
			['Ich habe einen hund und zwei Katzen.', 'Ich habe einen Hund und zwei Katzen.'],
			['Ich glaube dass er recht hat.', 'Ich glaube, dass er recht hat.'],
			['Ich habe 25 Jahre.', 'Ich bin 25 Jahre alt.'],
			['', 'Hallo'],
			['Hallo', '']
		];
		for (const [original, corrected] of pairs) {
			const segments = wordDiff(original, corrected);
			expect(read(segments, 'removed')).toBe(corrected);
			expect(squash(read(segments, 'added'))).toBe(squash(original));
			// Removed words always come right before the words that replace them.
			segments.forEach((s, i) => {
				if (s.kind === 'added' && i > 0) expect(segments[i - 1].kind).not.toBe('added');
			});
		}
	});
});
