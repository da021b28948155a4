/**
 * Just enough of the WebAssembly binary format to hand-assemble a tiny module with one memory and a
 * few functions (https://webassembly.github.io/spec/core/binary/). The app ships no assembler: the
 * int8 kernel is a few dozen instructions, so we emit its bytes here.
 */

/** Value types. */
export const I32 = 0x7f;
export const V128 = 0x7b;

/** Core and SIMD (0xfd-prefixed) instructions used by the kernels, as byte sequences. */
export const op = {
	block: [0x02, 0x40],
	loop: [0x03, 0x40],
	end: [0x0b],
	brIf: (depth: number) => [0x0d, ...uleb(depth)],
	localGet: (index: number) => [0x20, ...uleb(index)],
	localSet: (index: number) => [0x21, ...uleb(index)],
	localTee: (index: number) => [0x22, ...uleb(index)],
	i32Const: (value: number) => [0x41, ...sleb(value)],
	i32Eqz: [0x45],
	i32Ne: [0x47],
	i32LtU: [0x49],
	i32Add: [0x6a],
	i32Sub: [0x6b],
	i32Mul: [0x6c],
	/** `i32.store` with a byte offset; alignment hint 2^2. */
	i32Store: (offset = 0) => [0x36, 2, ...uleb(offset)],
	/** `v128.load` with a byte offset; alignment hint 2^0, as vectors need not be 16-aligned. */
	v128Load: (offset = 0) => [0xfd, ...uleb(0x00), 0, ...uleb(offset)],
	v128Zero: [0xfd, ...uleb(0x0c), ...new Array<number>(16).fill(0)],
	i32x4ExtractLane: (lane: number) => [0xfd, ...uleb(0x1b), lane],
	i16x8ExtendLowI8x16S: [0xfd, ...uleb(0x87)],
	i16x8ExtendHighI8x16S: [0xfd, ...uleb(0x88)],
	i32x4Add: [0xfd, ...uleb(0xae)],
	i32x4DotI16x8S: [0xfd, ...uleb(0xba)]
} as const;

/** Unsigned LEB128. */
export function uleb(value: number): number[] {
	const out: number[] = [];
	let rest = value >>> 0;
	do {
		let byte = rest & 0x7f;
		rest >>>= 7;
		if (rest !== 0) byte |= 0x80;
		out.push(byte);
	} while (rest !== 0);
	return out;
}

/** Signed LEB128 for 32-bit integers. */
export function sleb(value: number): number[] {
	const out: number[] = [];
	let rest = value | 0;
	for (;;) {
		const byte = rest & 0x7f;
		rest >>= 7;
		const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
		out.push(done ? byte : byte | 0x80);
		if (done) return out;
	}
}

function vec(items: number[][]): number[] {
	return [...uleb(items.length), ...items.flat()];
}

function name(text: string): number[] {
	const bytes = [...new TextEncoder().encode(text)];
	return [...uleb(bytes.length), ...bytes];
}

function section(id: number, content: number[]): number[] {
	return [id, ...uleb(content.length), ...content];
}

export interface WasmFunction {
	/** Exported under this name. */
	name: string;
	params: number[];
	results: number[];
	/** Extra locals after the parameters, by type, in order. */
	locals: number[];
	/** The instructions, without the final `end`. */
	body: readonly (readonly number[])[];
}

/**
 * A module with one memory of `initialPages` 64 KiB pages (no maximum, so it can grow), exported as
 * `memory`, and the given exported functions (each with its own type, for simplicity).
 */
export function wasmModule(
	initialPages: number,
	functions: WasmFunction[]
): Uint8Array<ArrayBuffer> {
	const types = functions.map((f) => [
		0x60,
		...vec(f.params.map((t) => [t])),
		...vec(f.results.map((t) => [t]))
	]);
	const codes = functions.map((f) => {
		const locals = vec(f.locals.map((t) => [1, t]));
		const body = [...locals, ...f.body.flat(), ...op.end];
		return [...uleb(body.length), ...body];
	});
	const exports = [
		[...name('memory'), 0x02, 0],
		...functions.map((f, index) => [...name(f.name), 0x00, ...uleb(index)])
	];
	return new Uint8Array([
		...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
		...section(1, vec(types)),
		...section(3, vec(functions.map((_, index) => uleb(index)))),
		...section(5, vec([[0x00, ...uleb(initialPages)]])),
		...section(7, vec(exports)),
		...section(10, vec(codes))
	]);
}
