/**
 * Streaming recognition: while the person speaks, the voice detector cuts the utterance into
 * pieces at gaps between words (`speech-piece`), each transcribed at once, so at the end of the
 * turn only the last piece is left to recognise. This joins the pieces' texts and says whether the
 * join can be trusted; where it cannot, the call runs a final pass over the whole utterance.
 * Pure (tests/unit/call/pieces.test.ts).
 */

export interface PieceText {
	text: string;
	/** Cut mid-speech (no gap between words came in time): a word may be split. */
	forced?: boolean;
	/** Its transcription failed. */
	failed?: boolean;
}

export interface Merged {
	text: string;
	/** False: a final pass over the whole utterance may change the text, so run one. */
	sure: boolean;
}

/** Whisper marks speech cut off mid-thought with a trailing ellipsis. */
const TRAILING_ELLIPSIS = /\s*(?:\.\.\.|…)$/u;

/** Words compared loosely: case and punctuation aside. */
const words = (text: string) =>
	text
		.toLocaleLowerCase()
		.split(/\s+/u)
		.map((word) => word.replace(/[^\p{L}\p{N}]/gu, ''))
		.filter(Boolean);

/**
 * Joins pieces in order. A join is not sure when a piece was cut mid-word (`forced`), a piece
 * failed, a piece repeats the one before it word for word (Whisper repeats itself on short or
 * quiet audio), or the words at a boundary repeat (a word heard on both sides of the cut).
 */
export function mergePieces(pieces: readonly PieceText[]): Merged {
	const parts: string[] = [];
	let sure = true;
	let previous: string[] = [];
	pieces.forEach((piece, i) => {
		if (piece.failed) sure = false;
		if (piece.forced && i < pieces.length - 1) sure = false;
		const text = piece.text.trim();
		const current = words(text);
		if (current.length === 0) return;
		if (previous.length) {
			if (current.join(' ') === previous.join(' ')) sure = false;
			else if (previous.at(-1) === current[0]) sure = false;
		}
		if (parts.length)
			parts[parts.length - 1] = parts[parts.length - 1].replace(TRAILING_ELLIPSIS, '');
		parts.push(text);
		previous = current;
	});
	return { text: parts.join(' ').replace(TRAILING_ELLIPSIS, (m) => m.trim()), sure };
}
