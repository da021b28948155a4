import { describe, expect, it } from 'vitest';
import { TokenStreamer, type Detokenizer } from '$lib/ai/llm/onnx/token-streamer';

const PROMPT = [[1n, 2n, 3n]];
const END = 0n;

/** A byte-level tokenizer, as GPT-2 style BPE decodes: an incomplete character comes out as U+FFFD. */
const bytes: Detokenizer = {
	decode: (ids, { skip_special_tokens }) =>
		new TextDecoder().decode(
			new Uint8Array(
				ids.filter((id) => !(skip_special_tokens && id === END)).map((id) => Number(id))
			)
		)
};

/** SentencePiece style: "▁" is a space, and the first piece of a decoded text loses its space. */
const PIECES = ['</s>', '▁Hallo', '▁Welt', '!', '▁wie', 'geht'];
const pieces: Detokenizer = {
	decode: (ids) =>
		ids
			.map((id) => PIECES[Number(id)])
			.filter((piece) => piece !== '</s>')
			.join('')
			.replaceAll('▁', ' ')
			.replace(/^ /, '')
};

function stream(tokenizer: Detokenizer, tokens: bigint[]) {
	const deltas: string[] = [];
	let counted = 0;
	const streamer = new TokenStreamer(
		tokenizer,
		(delta) => deltas.push(delta),
		() => counted++
	);
	streamer.put(PROMPT);
	const afterEach: string[][] = [];
	for (const token of tokens) {
		streamer.put([[token]]);
		afterEach.push([...deltas]);
	}
	streamer.end();
	return { deltas, afterEach, counted };
}

describe('TokenStreamer', () => {
	it('says each token at once, spaced as the whole text would be, and skips the prompt', () => {
		const { deltas, afterEach, counted } = stream(pieces, [1n, 2n, 3n, 4n, 5n, 0n]);
		expect(deltas).toEqual(['Hallo', ' Welt', '!', ' wie', 'geht']);
		expect(afterEach[0]).toEqual(['Hallo']);
		expect(deltas.join('')).toBe(
			pieces.decode([1n, 2n, 3n, 4n, 5n], { skip_special_tokens: true })
		);
		expect(counted).toBe(6);
	});

	it('holds a character split over byte tokens until it is complete', () => {
		const text = 'Schön, grüß dich 😊';
		const tokens = [...new TextEncoder().encode(text)].map(BigInt);
		const { deltas, afterEach } = stream(bytes, [...tokens, END]);
		expect(deltas.join('')).toBe(text);
		expect(deltas.every((delta) => !delta.includes('\uFFFD'))).toBe(true);
		// "S" is out after its own byte; "ö" (two bytes) only after the second.
		expect(afterEach[0]).toEqual(['S']);
		const oFirstByte = [...new TextEncoder().encode('Sch')].length;
		expect(afterEach[oFirstByte].join('')).toBe('Sch');
		expect(afterEach[oFirstByte + 1].join('')).toBe('Schö');
	});

	it('flushes what is left at the end, and starts afresh for the next reply', () => {
		const deltas: string[] = [];
		const streamer = new TokenStreamer(bytes, (delta) => deltas.push(delta));
		streamer.put(PROMPT);
		streamer.put([[0xc3n]]); // the first byte of "ä" and then the reply stops
		expect(deltas).toEqual([]);
		streamer.end();
		expect(deltas).toEqual(['\uFFFD']);
		deltas.length = 0;
		streamer.put(PROMPT);
		streamer.put([[0x4an]]);
		expect(deltas).toEqual(['J']);
	});
});
