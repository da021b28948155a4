// A minimal ONNX graph builder on top of the `onnx-proto` protobuf schema. The tiny models are
// written node by node here instead of exported from a framework, which keeps generation pure
// JavaScript, fast, and byte-identical across runs (names are assigned by a counter, tensors are
// serialised little-endian by hand).
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** ONNX TensorProto element types used by the tiny models. */
export const DataType = Object.freeze({ FLOAT: 1, INT64: 7, BOOL: 9 });

/**
 * Opset 17 is old enough for onnxruntime-web's WASM kernels and new enough for input-based
 * `axes` (Unsqueeze, ReduceSum), which keeps graphs shape-agnostic. IR version 8 goes with it.
 */
export const OPSET = 17;
const IR_VERSION = 8;

/** @typedef {import('onnx-proto').onnx.IGraphProto} GraphProto */
/** @typedef {import('onnx-proto').onnx.IValueInfoProto} ValueInfo */
/** @typedef {import('onnx-proto').onnx.ITensorProto} TensorProto */
/** @typedef {(number | string)[]} Shape a dimension is a size or a symbolic name */
/** @typedef {number | number[] | string | GraphProto | { f: number }} AttributeValue */

/**
 * @param {string} name
 * @param {number} elemType one of {@link DataType}
 * @param {Shape} shape
 * @returns {ValueInfo}
 */
function valueInfo(name, elemType, shape) {
	const dim = shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
	return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

/**
 * @param {string} name
 * @param {AttributeValue} value
 * @returns {import('onnx-proto').onnx.IAttributeProto}
 */
function attribute(name, value) {
	const T = onnx.AttributeProto.AttributeType;
	if (typeof value === 'string') {
		return { name, type: T.STRING, s: new TextEncoder().encode(value) };
	}
	if (typeof value === 'number') {
		return Number.isInteger(value)
			? { name, type: T.INT, i: value }
			: { name, type: T.FLOAT, f: value };
	}
	if (Array.isArray(value)) return { name, type: T.INTS, ints: value };
	if ('f' in value) return { name, type: T.FLOAT, f: value.f };
	return { name, type: T.GRAPH, g: value };
}

/**
 * Serialises typed data little-endian, whatever the host's byte order.
 * @param {Float32Array | BigInt64Array | Uint8Array} data
 * @returns {Uint8Array}
 */
function rawBytes(data) {
	if (data instanceof Uint8Array) return data;
	const bytes = new Uint8Array(data.length * data.BYTES_PER_ELEMENT);
	const view = new DataView(bytes.buffer);
	if (data instanceof Float32Array) data.forEach((v, i) => view.setFloat32(i * 4, v, true));
	else data.forEach((v, i) => view.setBigInt64(i * 8, v, true));
	return bytes;
}

/** Builds one ONNX graph (the main graph or an `If` branch). */
export class GraphBuilder {
	/** @param {string} name used as a prefix for generated value names, so branches never clash */
	constructor(name) {
		this.name = name;
		/** @type {import('onnx-proto').onnx.INodeProto[]} */
		this.nodes = [];
		/** @type {ValueInfo[]} */
		this.inputs = [];
		/** @type {ValueInfo[]} */
		this.outputs = [];
		/** @type {TensorProto[]} */
		this.initializers = [];
		this.counter = 0;
	}

	/**
	 * @param {string} hint
	 * @returns {string} a fresh, deterministic value name
	 */
	fresh(hint) {
		this.counter += 1;
		return `${this.name}/${hint}_${this.counter}`;
	}

	/**
	 * Declares a graph input.
	 * @param {string} name
	 * @param {number} elemType
	 * @param {Shape} shape
	 * @returns {string} the input's name
	 */
	input(name, elemType, shape) {
		this.inputs.push(valueInfo(name, elemType, shape));
		return name;
	}

	/**
	 * Declares a graph output; `value` is renamed to `name` with an Identity node when they differ.
	 * @param {string} name
	 * @param {string} value
	 * @param {number} elemType
	 * @param {Shape} shape
	 */
	output(name, value, elemType, shape) {
		if (value !== name)
			this.nodes.push({ opType: 'Identity', input: [value], output: [name], name });
		this.outputs.push(valueInfo(name, elemType, shape));
	}

	/**
	 * Adds a float32 initializer (a weight).
	 * @param {string} name
	 * @param {number[]} dims
	 * @param {Float32Array} data
	 * @returns {string}
	 */
	weight(name, dims, data) {
		const size = dims.reduce((a, b) => a * b, 1);
		if (size !== data.length) throw new Error(`${name}: ${data.length} values for shape ${dims}`);
		this.initializers.push({ name, dims, dataType: DataType.FLOAT, rawData: rawBytes(data) });
		return name;
	}

	/**
	 * Adds a small float32 constant.
	 * @param {number | number[]} values a scalar or a 1-D list
	 * @returns {string}
	 */
	float(values) {
		const list = Array.isArray(values) ? values : [values];
		const name = this.fresh('const_f');
		const dims = Array.isArray(values) ? [list.length] : [];
		this.initializers.push({
			name,
			dims,
			dataType: DataType.FLOAT,
			rawData: rawBytes(Float32Array.from(list))
		});
		return name;
	}

	/**
	 * Adds a small int64 constant (shapes, axes, indices).
	 * @param {number | number[]} values a scalar or a 1-D list
	 * @returns {string}
	 */
	int64(values) {
		const list = Array.isArray(values) ? values : [values];
		const name = this.fresh('const_i');
		const dims = Array.isArray(values) ? [list.length] : [];
		const data = BigInt64Array.from(list.map((v) => BigInt(v)));
		this.initializers.push({ name, dims, dataType: DataType.INT64, rawData: rawBytes(data) });
		return name;
	}

	/**
	 * Appends a node with one output.
	 * @param {string} opType
	 * @param {string[]} inputs
	 * @param {Record<string, AttributeValue>} [attributes]
	 * @returns {string} the output's name
	 */
	op(opType, inputs, attributes = {}) {
		return this.opN(opType, inputs, 1, attributes)[0];
	}

	/**
	 * Appends a node with several outputs.
	 * @param {string} opType
	 * @param {string[]} inputs
	 * @param {number} outputCount
	 * @param {Record<string, AttributeValue>} [attributes]
	 * @returns {string[]}
	 */
	opN(opType, inputs, outputCount, attributes = {}) {
		const output = Array.from({ length: outputCount }, () => this.fresh(opType.toLowerCase()));
		const attribute_ = Object.entries(attributes).map(([key, value]) => attribute(key, value));
		this.nodes.push({ opType, input: inputs, output, name: output[0], attribute: attribute_ });
		return output;
	}

	/** @returns {GraphProto} */
	build() {
		return {
			name: this.name,
			node: this.nodes,
			input: this.inputs,
			output: this.outputs,
			initializer: this.initializers
		};
	}

	/**
	 * Declares a branch output (If subgraphs only need the element type).
	 * @param {string} name
	 * @param {string} value
	 * @param {number} elemType
	 */
	branchOutput(name, value, elemType) {
		this.nodes.push({ opType: 'Identity', input: [value], output: [name], name });
		this.outputs.push({ name, type: { tensorType: { elemType } } });
	}
}

/**
 * Encodes a graph as a complete ONNX model file.
 * @param {GraphBuilder} graph
 * @param {string} docString what the model is, for anyone opening it in Netron
 * @returns {Uint8Array}
 */
export function encodeModel(graph, docString) {
	const model = onnx.ModelProto.create({
		irVersion: IR_VERSION,
		producerName: 'kompanion-tiny-models',
		producerVersion: '1',
		docString,
		opsetImport: [{ domain: '', version: OPSET }],
		graph: graph.build()
	});
	return onnx.ModelProto.encode(model).finish();
}
