/**
 * Splits a streamed LLM reply into sentences for text-to-speech, each one as soon as it is certain.
 *
 * A sentence end (`.` `!` `?` `…` `...` `?!`, or `:`/`;` before a line break, plus any closing
 * quotes, brackets and emphasis markers) is only confirmed once the next non-space character (or a
 * line break) is known: "3." waits for more text, because "3.5" is not an end, and "Dr." waits for
 * the word after it. Lower case after a mark means the sentence goes on („Wirklich?“ fragte sie;
 * "usw. und"); abbreviations, initials, ordinals ("am 3. Oktober") and numbers are looked up before a
 * capital. Line breaks end a sentence after a list item or heading, before one, and at a blank
 * line; any other single line break is a space. Markdown markers are removed from what is emitted,
 * so the voice never reads them out. Fragments under two letters ("–", an emoji alone) are said
 * with the next sentence.
 *
 * With `firstClauseWords`, a reply's first clause is said on its own once it has that many words
 * (at a comma, colon or semicolon before a space), so the voice starts a few tokens sooner; after
 * it, whole sentences again, which sound better and still keep the voice ahead of playback.
 *
 * push() scans only new text: after a decision the scan moves on, a pending decision re-reads a few
 * characters of look-ahead, and look-behind (abbreviations, ordinals) is bounded by {@link WINDOW}.
 * Text already scanned is moved out of the working buffer, so every push costs O(delta) amortised.
 */

import {
	BEFORE_NUMBER,
	BEFORE_NUMBER_CASED,
	DETERMINERS,
	MONTHS,
	PREFIX,
	PREFIX_CASED
} from './sentence-words';

/** How far back a decision may look (abbreviations, "am 3."); the buffer always keeps this much. */
const WINDOW = 64;

const MARKS = '.!?…:;';
const CANDIDATE = /[\n.!?…:;]/g;
/** While the first clause may still be said alone, a comma may end it too. */
const CLAUSE_CANDIDATE = /[\n.!?…:;,]/g;
/** After a mark, still part of the sentence: closing quotes and brackets, emphasis markers. */
const CLOSERS = `"'”“»«’‘)]}*_\`~`;
/** Before the next sentence's first letter: opening quotes and brackets, emphasis markers. */
const OPENERS = `"'„“”‚‘’«»([{*_\`~¿¡`;
/** Emoji right after a mark stay with the sentence: "Super!😊 Wie geht's?" */
const EMOJI =
	/^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|[\u{1F1E6}-\u{1F1FF}]|\u200d|\ufe0f)$/u;
/** The one Unicode letter class (compiling one costs ~0.3 ms; the first reply should not pay ten). */
const LETTER = /^\p{L}$/u;
const SPACE = /\s/;

type LineKind = 'text' | 'list' | 'heading';
/** What comes next at a mark or a line break; `undefined` everywhere means "wait for more text". */
type Verdict = { end: true; at: number } | { end: false; next: number };
type Category = 'lower' | 'upper' | 'digit' | 'other';

/**
 * What calls use: a reply's first clause of at least this many words is said alone, so the voice
 * starts before the first sentence is complete. Shorter ones ("Ja, …") would sound choppy.
 */
export const FIRST_CLAUSE_WORDS = 4;

export interface SplitterOptions {
	/** Say the first clause of a reply alone once it has this many words; 0: whole sentences only. */
	firstClauseWords?: number;
}

/** Streams text in, sentences out. One instance per reply, or reset()/flush() between replies. */
export class SentenceSplitter {
	readonly #firstClauseWords: number;
	/** Whether this reply has said something yet (then no more clauses alone). */
	#said = false;
	/** Unemitted text from {@link #start} on (plus up to WINDOW scanned characters before #pos). */
	#buf = '';
	/** Earlier parts of the current sentence, already scanned and moved out of #buf. */
	#parts: string[] = [];
	#start = 0;
	#pos = 0;
	#atLineStart = true;
	#lineKind: LineKind = 'text';
	/** A fragment too short to say alone ("–", an emoji), said with the next sentence. */
	#carry = '';

	constructor({ firstClauseWords = 0 }: SplitterOptions = {}) {
		this.#firstClauseWords = firstClauseWords;
	}

	/** Adds a streamed delta; returns the sentences it completed, cleaned, in order. */
	push(delta: string): string[] {
		this.#buf += delta;
		const out: string[] = [];
		this.#scan(out);
		return out;
	}

	/** Ends the reply: returns whatever is left as a final sentence, and resets. */
	flush(): string[] {
		const out: string[] = [];
		// A final line break settles every pending decision the way the end of the text would.
		this.#buf += '\n';
		this.#scan(out);
		this.#emit(this.#buf.length, out);
		if (this.#carry) out.push(this.#carry);
		this.reset();
		return out;
	}

	/** Forgets the current reply (barge-in, or a fresh start in tests). */
	reset(): void {
		this.#buf = '';
		this.#parts = [];
		this.#start = 0;
		this.#pos = 0;
		this.#atLineStart = true;
		this.#lineKind = 'text';
		this.#carry = '';
		this.#said = false;
	}

	#scan(out: string[]): void {
		for (;;) {
			if (this.#atLineStart) {
				const line = classifyLine(this.#buf, this.#pos);
				if (!line) break;
				if (line.kind !== 'text') {
					this.#buf = this.#buf.slice(0, this.#pos) + this.#buf.slice(line.contentAt);
				}
				this.#lineKind = line.kind;
				this.#atLineStart = false;
			}
			// Jump to the next character that may end a sentence; everything before it is settled.
			const candidate = this.#clauseMayEnd() ? CLAUSE_CANDIDATE : CANDIDATE;
			candidate.lastIndex = this.#pos;
			const found = candidate.exec(this.#buf);
			if (!found) {
				this.#pos = this.#buf.length;
				break;
			}
			const i = found.index;
			this.#pos = i;
			if (found[0] === '\n') {
				const verdict = this.#atNewline(i);
				if (!verdict) break;
				if (verdict.end) this.#emit(i, out);
				this.#pos = (verdict.end ? 0 : i) + 1;
				this.#atLineStart = true;
			} else {
				const verdict = found[0] === ',' ? this.#atComma(i) : this.#atMark(i);
				if (!verdict) break;
				if (verdict.end) {
					this.#emit(verdict.at, out);
					this.#pos = 0;
				} else {
					this.#pos = verdict.next;
				}
			}
		}
		this.#compact();
	}

	/** Moves scanned text of a long sentence out of #buf, keeping WINDOW characters to look back on. */
	#compact(): void {
		if (this.#pos - this.#start <= 2 * WINDOW) return;
		const cut = this.#pos - WINDOW;
		this.#parts.push(this.#buf.slice(this.#start, cut));
		this.#buf = this.#buf.slice(cut);
		this.#pos -= cut;
		this.#start = 0;
	}

	#emit(end: number, out: string[]): void {
		const raw = this.#parts.join('') + this.#buf.slice(this.#start, end);
		this.#parts = [];
		this.#buf = this.#buf.slice(end);
		this.#pos = Math.max(0, this.#pos - end);
		this.#start = 0;
		let text = cleanSentence(raw);
		if (!text) return;
		if (this.#carry) {
			text = `${this.#carry} ${text}`;
			this.#carry = '';
		}
		if (hasLetters(text, 2)) {
			out.push(text);
			this.#said = true;
		} else this.#carry = text;
	}

	#clauseMayEnd(): boolean {
		return this.#firstClauseWords > 0 && !this.#said;
	}

	/** Whether the text up to a clause mark at `i` is long enough to be said alone. */
	#clauseEnds(i: number): boolean {
		if (!this.#clauseMayEnd()) return false;
		const text = this.#carry + ' ' + this.#parts.join('') + this.#buf.slice(this.#start, i);
		let words = 0;
		for (const word of cleanSentence(text).split(' ')) if (hasLetters(word, 1)) words++;
		return words >= this.#firstClauseWords;
	}

	/** A comma ends the first clause before a space ("3,5" goes on), if it is long enough. */
	#atComma(i: number): Verdict | undefined {
		if (i + 1 >= this.#buf.length) return undefined;
		if (!SPACE.test(this.#buf[i + 1]) || !this.#clauseEnds(i)) return { end: false, next: i + 1 };
		return { end: true, at: i + 1 };
	}

	/** The earliest index a decision at `i` may read; the same however the text was chunked. */
	#lookbackFrom(i: number): number {
		return this.#parts.length > 0 ? i - WINDOW : Math.max(this.#start, i - WINDOW);
	}

	#atNewline(i: number): Verdict | undefined {
		if (this.#lineKind !== 'text') return { end: true, at: i };
		const buf = this.#buf;
		let j = i + 1;
		while (j < buf.length && (buf[j] === ' ' || buf[j] === '\t' || buf[j] === '\r')) j++;
		if (j === buf.length) return undefined;
		if (buf[j] === '\n') return { end: true, at: i };
		const next = classifyLine(buf, i + 1);
		if (!next) return undefined;
		return next.kind === 'text' ? { end: false, next: i + 1 } : { end: true, at: i };
	}

	#atMark(i: number): Verdict | undefined {
		const buf = this.#buf;
		let j = i;
		while (j < buf.length && MARKS.includes(buf[j])) j++;
		if (j === buf.length) return undefined;
		const run = buf.slice(i, j);
		for (;;) {
			const cp = codePointAt(buf, j);
			if (cp === undefined) return undefined;
			if (!CLOSERS.includes(cp) && !EMOJI.test(cp)) break;
			j += cp.length;
		}
		const after = j;
		if (!SPACE.test(buf[j])) return { end: false, next: after };
		while (j < buf.length && SPACE.test(buf[j])) {
			if (buf[j] === '\n') return { end: true, at: after };
			j++;
		}
		if (j === buf.length) return undefined;
		if (!/[.!?…]/.test(run)) {
			return this.#clauseEnds(i) ? { end: true, at: after } : { end: false, next: after };
		}
		while (j < buf.length && OPENERS.includes(buf[j])) j++;
		const category = categoryAt(buf, j);
		if (!category) return undefined;
		if (category === 'lower') return { end: false, next: after };
		if (run !== '.') return { end: true, at: after };
		const end = this.#dotEnds(i, category, j);
		if (end === undefined) return undefined;
		return end ? { end: true, at: after } : { end: false, next: after };
	}

	/** Whether a lone `.` at `i` ends the sentence, given what follows at `k` (not lower case). */
	#dotEnds(i: number, category: Category, k: number): boolean | undefined {
		const buf = this.#buf;
		const lo = this.#lookbackFrom(i);
		const token = wordBefore(buf, i, lo);
		const word = token.text;
		const keys = [word];
		if (LETTER.test(word)) {
			const previous = wordBefore(buf, skipSpaceBack(buf, token.start, lo), lo);
			const [letter, dot, ...rest] = [...previous.text];
			if (dot === '.' && rest.length === 0 && LETTER.test(letter)) {
				keys.unshift(previous.text + word);
			}
		}
		for (const key of keys) {
			if (PREFIX.has(key.toLowerCase()) || PREFIX_CASED.has(key)) return false;
			if (BEFORE_NUMBER.has(key.toLowerCase()) || BEFORE_NUMBER_CASED.has(key)) {
				return category !== 'digit';
			}
		}
		// Street names: "Hauptstr. 5", but "Er wohnt in der Goethestr. Das ist zentral."
		if (word.length > 3 && word.toLowerCase().endsWith('str')) return category !== 'digit';
		// Initials and dotted abbreviations not listed: "A. Merkel", "J. K. Rowling", "z. B.".
		if (word.split('.').every((part) => LETTER.test(part))) return false;
		if (!/^\d+([.,]\d+)*$/.test(word)) return true;
		if (category === 'digit') return false;
		if (/^(\d{1,3}|\d{1,2}\.\d{1,2})$/.test(word)) {
			const previous = wordBefore(buf, skipSpaceBack(buf, token.start, lo), lo).text;
			if (DETERMINERS.has(previous.toLowerCase())) return false;
		}
		if (category === 'upper' && /^\d{1,2}$/.test(word)) {
			const next = wordAt(buf, k);
			if (next === undefined) return undefined;
			if (MONTHS.has(next.toLowerCase())) return false;
		}
		return true;
	}
}

/** Strips what speech must not read out (markdown markers, link targets); one space between words. */
function cleanSentence(raw: string): string {
	return raw
		.replace(/!?\[([^\]\n]*)\]\([^)\s]*\)/g, '$1')
		.replace(/`+|~~/g, '')
		.replace(/(?<!\d)\*+(?=\S)|(?<=\S)\*+(?!\d)/g, '')
		.replace(/(?<=^|[\s([{"'„“‚‘«»*~])_+|_+(?=$|[\s)\]}"'“”‘’«».,!?…:;*~])/g, '')
		.replace(/(^|\s)[-=]{3,}(?=\s|$)/g, '$1')
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * What starts the line at `i`: a list or heading marker (removed from speech, and the line then
 * stands alone), or plain text. `undefined` while the characters that decide are still to come.
 */
function classifyLine(buf: string, i: number): { kind: LineKind; contentAt: number } | undefined {
	let j = i;
	while (j < buf.length && (buf[j] === ' ' || buf[j] === '\t')) j++;
	if (j >= buf.length) return undefined;
	const text = { kind: 'text', contentAt: i } as const;
	const c = buf[j];
	const markerEnd = (k: number, kind: LineKind) => {
		if (k >= buf.length) return undefined;
		if (buf[k] !== ' ' && buf[k] !== '\t') return text;
		while (k < buf.length && (buf[k] === ' ' || buf[k] === '\t')) k++;
		return { kind, contentAt: k };
	};
	if (c === '#') {
		let k = j;
		while (k < buf.length && buf[k] === '#' && k - j < 6) k++;
		return markerEnd(k, 'heading');
	}
	if (c === '-' || c === '*' || c === '+' || c === '•') return markerEnd(j + 1, 'list');
	if (c === '>') return markerEnd(j + 1, 'list');
	if (c >= '0' && c <= '9') {
		let k = j;
		while (k < buf.length && k - j < 3 && buf[k] >= '0' && buf[k] <= '9') k++;
		if (k >= buf.length) return undefined;
		if (buf[k] === ')') return markerEnd(k + 1, 'list');
		if (buf[k] !== '.') return text;
		const item = markerEnd(k + 1, 'list');
		if (!item || item.kind === 'text') return item;
		// "3. Oktober ist ein Feiertag." is a date, not the third item of a list.
		const word = wordAt(buf, item.contentAt);
		if (word === undefined) return undefined;
		return MONTHS.has(word.toLowerCase()) ? text : item;
	}
	return text;
}

/** The whitespace-delimited word ending at `end`, without leading quotes, brackets or markers. */
function wordBefore(buf: string, end: number, lo: number): { text: string; start: number } {
	let start = end;
	while (start > lo && !SPACE.test(buf[start - 1])) start--;
	const text = buf.slice(start, end).replace(/^[([{„“”‚‘’«»"'*_`~¿¡]+/, '');
	return { text, start };
}

function skipSpaceBack(buf: string, end: number, lo: number): number {
	let i = end;
	while (i > lo && SPACE.test(buf[i - 1])) i--;
	return i;
}

/** The letters starting at `k`, or `undefined` if the word may still continue. */
function wordAt(buf: string, k: number): string | undefined {
	let end = k;
	let ch = codePointAt(buf, end);
	while (ch !== undefined && LETTER.test(ch) && end - k < 24) {
		end += ch.length;
		ch = codePointAt(buf, end);
	}
	return ch === undefined ? undefined : buf.slice(k, end);
}

/** The character (code point) at `k`, or `undefined` if it is not (completely) there yet. */
function codePointAt(buf: string, k: number): string | undefined {
	if (k >= buf.length) return undefined;
	const code = buf.charCodeAt(k);
	if (code >= 0xd800 && code <= 0xdbff) return k + 1 < buf.length ? buf.slice(k, k + 2) : undefined;
	return buf[k];
}

/** How the character at `k` bears on a sentence end before it; lower case never starts one. */
function categoryAt(buf: string, k: number): Category | undefined {
	const ch = codePointAt(buf, k);
	if (ch === undefined) return undefined;
	if (LETTER.test(ch)) return ch !== ch.toUpperCase() ? 'lower' : 'upper';
	return ch >= '0' && ch <= '9' ? 'digit' : 'other';
}

function hasLetters(text: string, count: number): boolean {
	let seen = 0;
	for (const ch of text) if (LETTER.test(ch) && ++seen >= count) return true;
	return false;
}
