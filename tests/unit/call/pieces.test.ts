import { describe, expect, it } from 'vitest';
import { mergePieces } from '$lib/call/pieces';

describe('mergePieces (streaming recognition)', () => {
	it('joins pieces cut at gaps between words, in order', () => {
		expect(
			mergePieces([{ text: ' Hallo, ich heiße Anna.' }, { text: ' Und ich wohne in Hamburg.' }])
		).toEqual({ text: 'Hallo, ich heiße Anna. Und ich wohne in Hamburg.', sure: true });
	});

	it('drops the ellipsis Whisper puts on a piece that stops mid-thought, but not on the last', () => {
		expect(mergePieces([{ text: 'Ich wohne...' }, { text: 'in Hamburg…' }])).toEqual({
			text: 'Ich wohne in Hamburg…',
			sure: true
		});
	});

	it('skips empty pieces (a breath) and gives nothing for nothing', () => {
		expect(mergePieces([{ text: '' }, { text: ' Hallo.' }, { text: '  ' }])).toEqual({
			text: 'Hallo.',
			sure: true
		});
		expect(mergePieces([])).toEqual({ text: '', sure: true });
	});

	it('is not sure after a forced cut (a word may be split), but a forced last piece is whole', () => {
		expect(mergePieces([{ text: 'Ich wo', forced: true }, { text: 'hne in Hamburg.' }]).sure).toBe(
			false
		);
		expect(mergePieces([{ text: 'Hallo.' }, { text: 'Ich wohne', forced: true }]).sure).toBe(true);
	});

	it('is not sure when a piece repeats the one before or a word repeats across the cut', () => {
		const sentence = 'Hallo, ich heiße Anna und ich wohne in Hamburg.';
		expect(mergePieces([{ text: sentence }, { text: ` ${sentence}` }])).toEqual({
			text: `${sentence} ${sentence}`,
			sure: false
		});
		expect(mergePieces([{ text: 'Ich wohne in' }, { text: 'In Hamburg.' }]).sure).toBe(false);
	});

	it('is not sure when a piece failed to transcribe', () => {
		expect(mergePieces([{ text: '', failed: true }, { text: 'in Hamburg.' }])).toEqual({
			text: 'in Hamburg.',
			sure: false
		});
	});
});
