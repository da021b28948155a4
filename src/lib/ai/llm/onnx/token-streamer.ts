import { BaseStreamer } from '@huggingface/transformers';

/** What the streamer needs of a tokenizer. */
export interface Detokenizer {
	decode(ids: bigint[], options: { skip_special_tokens: boolean }): string;
}

/**
 * Streams each generated token's text as soon as it is certain. transformers.js's TextStreamer holds
 * text back until the next space, so the first word reached the app a token or more late (on a
 * CPU, a few hundred ms). This is the incremental detokenization of vLLM and TGI: new tokens are
 * decoded together with the ones since the last emitted text, so spacing and merges that depend on
 * the previous token come out right, and text ending in an incomplete character (U+FFFD, a byte
 * token mid-character) waits for the next token.
 */
export class TokenStreamer extends BaseStreamer {
	#tokens: bigint[] = [];
	/** Start of the tokens decoded for context. */
	#prefixOffset = 0;
	/** End of the tokens whose text was already emitted. */
	#readOffset = 0;
	#prompt = true;

	constructor(
		private readonly tokenizer: Detokenizer,
		private readonly onText: (delta: string) => void,
		private readonly onToken?: () => void
	) {
		super();
	}

	/** generate() passes the prompt first, then each new token. */
	override put(value: bigint[][]): void {
		if (this.#prompt) {
			this.#prompt = false;
			return;
		}
		this.onToken?.();
		this.#tokens.push(...value[0]);
		this.#emit(false);
	}

	override end(): void {
		this.#emit(true);
		this.#tokens = [];
		this.#prefixOffset = this.#readOffset = 0;
		this.#prompt = true;
	}

	#emit(final: boolean) {
		const before = this.#decode(this.#prefixOffset, this.#readOffset);
		const text = this.#decode(this.#prefixOffset, this.#tokens.length);
		if (text.length <= before.length || (!final && text.endsWith('\uFFFD'))) return;
		this.onText(text.slice(before.length));
		this.#prefixOffset = this.#readOffset;
		this.#readOffset = this.#tokens.length;
	}

	#decode(start: number, end: number): string {
		// The tokenizer refuses an empty list.
		return end > start
			? this.tokenizer.decode(this.#tokens.slice(start, end), { skip_special_tokens: true })
			: '';
	}
}
