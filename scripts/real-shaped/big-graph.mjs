// A graph builder for large stand-in models: weights live in an external data file (ONNX's
// `model.onnx_data` layout) that is written tensor by tensor through a stream, so a 900 MB model
// never sits in memory as one buffer. It also counts parameters and FLOPs as nodes are added.
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import onnxProto from 'onnx-proto';
import { GraphBuilder, OPSET } from '../tiny-models/onnx-graph.mjs';
import { createRng, hashString } from '../tiny-models/prng.mjs';

const { onnx } = onnxProto;

/** TensorProto element types used here. */
export const T = Object.freeze({
	FLOAT: 1,
	UINT8: 2,
	INT8: 3,
	INT32: 6,
	INT64: 7,
	BOOL: 9,
	FLOAT16: 10
});

/** @type {Record<number, number>} */
const BYTES = { 1: 4, 2: 1, 3: 1, 6: 4, 7: 8, 10: 2 };

/** Random values come from one seeded block that every tensor reads at its own rotation. */
const BLOCK = 1 << 20;
/** @type {Map<string, Float32Array>} */
const blocks = new Map();
function noiseBlock(/** @type {number} */ std) {
	const key = String(std);
	let block = blocks.get(key);
	if (!block) {
		block = createRng(`real-shaped:${key}`).noise(BLOCK, std);
		blocks.set(key, block);
	}
	return block;
}

/**
 * @typedef {Object} ExternalTensor
 * @property {string} name
 * @property {number[]} dims
 * @property {number} dataType
 * @property {(write: (bytes: Uint8Array) => Promise<void>) => Promise<void>} fill
 * @property {number} length bytes
 */

/**
 * @typedef {Object} FlopTerm
 * @property {number} flops
 * @property {string} per what one unit is ('token', 'frame', 'audio-second', 'call', ...)
 * @property {string} op the ONNX op that does the work
 */

export class BigGraph extends GraphBuilder {
	/** @param {string} name */
	constructor(name) {
		super(name);
		/** @type {ExternalTensor[]} */
		this.external = [];
		this.params = 0;
		/** @type {FlopTerm[]} */
		this.flops = [];
		/** @type {Map<string, number>} op type -> count */
		this.opCounts = new Map();
	}

	/**
	 * Counts work done by the node just added.
	 * @param {string} op
	 * @param {number} flops
	 * @param {string} per
	 */
	count(op, flops, per) {
		this.flops.push({ op, flops, per });
	}

	/**
	 * @override
	 * @param {string} opType
	 * @param {string[]} inputs
	 * @param {number} outputCount
	 * @param {Record<string, import('../tiny-models/onnx-graph.mjs').AttributeValue>} [attributes]
	 * @returns {string[]}
	 */
	opN(opType, inputs, outputCount, attributes = {}) {
		this.opCounts.set(opType, (this.opCounts.get(opType) ?? 0) + 1);
		const outputs = super.opN(opType, inputs, outputCount, attributes);
		if (
			['MatMulNBits', 'GroupQueryAttention', 'DynamicQuantizeLinear', 'MatMulInteger'].includes(
				opType
			)
		) {
			const node = this.nodes.at(-1);
			if (node && opType !== 'DynamicQuantizeLinear' && opType !== 'MatMulInteger')
				node.domain = 'com.microsoft';
		}
		return outputs;
	}

	/**
	 * A weight stored in the external file, filled with seeded noise (float) or random bytes.
	 * @param {string} name
	 * @param {number[]} dims
	 * @param {{ type?: number, std?: number, value?: number, count?: boolean }} [options]
	 *   `value`: a constant instead of noise (norm gains); `count: false` for non-parameters
	 * @returns {string}
	 */
	big(name, dims, { type = T.FLOAT, std = 0.02, value, count = true } = {}) {
		const size = dims.reduce((a, b) => a * b, 1);
		if (count) this.params += size;
		const length = size * BYTES[type];
		const rotation = hashString(name) % BLOCK;
		this.external.push({
			name,
			dims,
			dataType: type,
			length,
			fill: async (write) => {
				if (value !== undefined) {
					const chunk = new Uint8Array(Math.min(length, 1 << 22));
					const view = new DataView(chunk.buffer);
					if (type === T.FLOAT)
						for (let i = 0; i < chunk.length; i += 4) view.setFloat32(i, value, true);
					else if (type === T.FLOAT16)
						for (let i = 0; i < chunk.length; i += 2) view.setUint16(i, 0x3c00, true);
					else chunk.fill(value);
					for (let done = 0; done < length; done += chunk.length)
						await write(chunk.subarray(0, Math.min(chunk.length, length - done)));
					return;
				}
				const block = noiseBlock(std);
				const bytes = new Uint8Array(block.buffer);
				// Integer weights: the noise block's bytes are random enough; floats: its values.
				const unit = type === T.FLOAT ? 4 : 1;
				if (type === T.FLOAT16) {
					const half = new Uint8Array(BLOCK * 2);
					const view = new DataView(half.buffer);
					for (let i = 0; i < BLOCK; i++) view.setUint16(i * 2, toHalf(block[i]), true);
					await writeTiled(half, (rotation * 2) % half.length, length, write);
					return;
				}
				await writeTiled(bytes, (rotation * unit) % bytes.length, length, write);
			}
		});
		return name;
	}

	/**
	 * Writes `<dir>/<file>` and its external data `<dir>/<file>_data`, weights streamed.
	 * @param {string} path the .onnx file
	 * @param {string} docString
	 * @returns {Promise<{ path: string, bytes: number }[]>}
	 */
	async write(path, docString) {
		await mkdir(dirname(path), { recursive: true });
		const dataPath = `${path}_data`;
		const location = basename(dataPath);
		const stream = createWriteStream(dataPath);
		let offset = 0;
		/** @param {Uint8Array} bytes */
		const write = (bytes) =>
			new Promise((resolve, reject) => {
				stream.write(bytes, (error) => (error ? reject(error) : resolve(undefined)));
			});
		for (const tensor of this.external) {
			await tensor.fill(write);
			this.initializers.push({
				name: tensor.name,
				dims: tensor.dims,
				dataType: tensor.dataType,
				dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
				externalData: [
					{ key: 'location', value: location },
					{ key: 'offset', value: String(offset) },
					{ key: 'length', value: String(tensor.length) }
				]
			});
			offset += tensor.length;
			// Keep offsets 64-byte aligned (what ONNX's own writer does for mmap).
			const pad = (64 - (offset % 64)) % 64;
			if (pad) {
				await write(new Uint8Array(pad));
				offset += pad;
			}
		}
		await new Promise((resolve, reject) =>
			stream.end((/** @type {unknown} */ e) => (e ? reject(e) : resolve(undefined)))
		);
		const model = onnx.ModelProto.create({
			irVersion: 8,
			producerName: 'kompanion-real-shaped',
			producerVersion: '1',
			docString,
			opsetImport: [
				{ domain: '', version: OPSET },
				{ domain: 'com.microsoft', version: 1 }
			],
			graph: this.build()
		});
		const bytes = onnx.ModelProto.encode(model).finish();
		await writeFile(path, bytes);
		return [
			{ path, bytes: bytes.length },
			{ path: dataPath, bytes: offset }
		];
	}

	/**
	 * FLOPs per unit, summed by unit.
	 * @returns {Record<string, number>}
	 */
	flopsPer() {
		/** @type {Record<string, number>} */
		const sum = {};
		for (const term of this.flops) sum[term.per] = (sum[term.per] ?? 0) + term.flops;
		return sum;
	}
}

/**
 * @param {Uint8Array} source
 * @param {number} start
 * @param {number} length
 * @param {(bytes: Uint8Array) => Promise<void>} write
 */
async function writeTiled(source, start, length, write) {
	let done = 0;
	let at = start;
	while (done < length) {
		const n = Math.min(source.length - at, length - done);
		await write(source.subarray(at, at + n));
		done += n;
		at = 0;
	}
}

/** @param {number} value */
function toHalf(value) {
	const f = new Float32Array([value]);
	const u = new Uint32Array(f.buffer)[0];
	const sign = (u >> 16) & 0x8000;
	const exp = ((u >> 23) & 0xff) - 127 + 15;
	const mant = (u >> 13) & 0x3ff;
	if (exp <= 0) return sign;
	if (exp >= 31) return sign | 0x7c00;
	return sign | (exp << 10) | mant;
}
