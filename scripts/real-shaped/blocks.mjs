// Layers of the stand-in models, each adding the ONNX nodes a real export has for it and counting
// its parameters (in BigGraph.big) and FLOPs (multiply-add = 2). `g` receives the nodes; `w` owns
// the weights (the main graph, also when the nodes go into an If branch).
import { T } from './big-graph.mjs';

/**
 * @typedef {import('./big-graph.mjs').BigGraph} BigGraph
 * @typedef {import('../tiny-models/onnx-graph.mjs').GraphBuilder} GraphBuilder
 * @typedef {'fp32' | 'q4' | 'q8'} Quant
 * @typedef {{ per: string, rows: number }} Work FLOPs are counted `rows` times per `per`
 */

/**
 * y = x W (+ b) with W [inDim, outDim], as the export stores it for `quant`:
 * fp32 MatMul; q4 MatMulNBits (4 bits, blocks of 32, symmetric, fp32 scales); q8 dynamic
 * quantisation (DynamicQuantizeLinear → MatMulInteger → Cast → Mul), as onnxruntime's
 * quantize_dynamic writes it.
 * @param {GraphBuilder} g
 * @param {BigGraph} w
 * @param {string} x
 * @param {string} name
 * @param {number} inDim
 * @param {number} outDim
 * @param {{ quant?: Quant, bias?: boolean, work: Work, countParams?: boolean }} options
 */
export function linear(
	g,
	w,
	x,
	name,
	inDim,
	outDim,
	{ quant = 'fp32', bias = true, work, countParams = true }
) {
	w.count(
		quant === 'q4' ? 'MatMulNBits' : quant === 'q8' ? 'MatMulInteger' : 'MatMul',
		2 * inDim * outDim * work.rows,
		work.per
	);
	let y;
	if (quant === 'q4') {
		const blocks = Math.ceil(inDim / 32);
		const packed = w.big(`${name}.weight_q4`, [outDim, blocks, 16], {
			type: T.UINT8,
			count: false
		});
		const scales = w.big(`${name}.weight_scales`, [outDim * blocks], { std: 0.002, count: false });
		if (countParams) w.params += inDim * outDim;
		y = g.op('MatMulNBits', [x, packed, scales], {
			K: inDim,
			N: outDim,
			bits: 4,
			block_size: 32,
			accuracy_level: 0
		});
	} else if (quant === 'q8') {
		const weight = w.big(`${name}.weight_quantized`, [inDim, outDim], {
			type: T.UINT8,
			count: false
		});
		if (countParams) w.params += inDim * outDim;
		const scale = w.big(`${name}.weight_scale`, [], { value: 0.0005, count: false });
		const zero = w.big(`${name}.weight_zero_point`, [], {
			type: T.UINT8,
			value: 128,
			count: false
		});
		const [xq, xs, xz] = g.opN('DynamicQuantizeLinear', [x], 3);
		const int = g.op('MatMulInteger', [xq, weight, xz, zero]);
		y = g.op('Mul', [g.op('Cast', [int], { to: T.FLOAT }), g.op('Mul', [xs, scale])]);
	} else {
		const weight = w.big(`${name}.weight`, [inDim, outDim], {
			std: 1 / Math.sqrt(inDim),
			count: countParams
		});
		y = g.op('MatMul', [x, weight]);
	}
	if (bias) y = g.op('Add', [y, w.big(`${name}.bias`, [outDim], { std: 0.01 })]);
	return y;
}

/** LayerNormalization over the last axis. */
export function layerNorm(
	/** @type {GraphBuilder} */ g,
	/** @type {BigGraph} */ w,
	/** @type {string} */ x,
	/** @type {string} */ name,
	/** @type {number} */ dim
) {
	return g.op(
		'LayerNormalization',
		[x, w.big(`${name}.weight`, [dim], { value: 1 }), w.big(`${name}.bias`, [dim], { value: 0 })],
		{ axis: -1, epsilon: 1e-5 }
	);
}

/** RMSNorm as optimum exports it (onnxruntime fuses it into SimplifiedLayerNormalization). */
export function rmsNorm(
	/** @type {GraphBuilder} */ g,
	/** @type {BigGraph} */ w,
	/** @type {string} */ x,
	/** @type {string} */ name,
	/** @type {number} */ dim
) {
	const meanSquare = g.op('ReduceMean', [g.op('Pow', [x, g.float(2)])], {
		axes: [-1],
		keepdims: 1
	});
	const inv = g.op('Reciprocal', [g.op('Sqrt', [g.op('Add', [meanSquare, g.float(1e-6)])])]);
	return g.op('Mul', [g.op('Mul', [x, inv]), w.big(`${name}.weight`, [dim], { value: 1 })]);
}

/** GELU as exported (Erf form; onnxruntime fuses it). */
export function gelu(/** @type {GraphBuilder} */ g, /** @type {string} */ x) {
	const erf = g.op('Erf', [g.op('Mul', [x, g.float(Math.SQRT1_2)])]);
	return g.op('Mul', [g.op('Mul', [x, g.float(0.5)]), g.op('Add', [erf, g.float(1)])]);
}

/** [B, S, H*D] → [B, H, S, D] */
export function heads(
	/** @type {GraphBuilder} */ g,
	/** @type {string} */ x,
	/** @type {number} */ h,
	/** @type {number} */ d
) {
	return g.op('Transpose', [g.op('Reshape', [x, g.int64([0, -1, h, d])])], { perm: [0, 2, 1, 3] });
}

/** [B, H, S, D] → [B, S, H*D] */
export function merge(
	/** @type {GraphBuilder} */ g,
	/** @type {string} */ x,
	/** @type {number} */ hd
) {
	return g.op('Reshape', [g.op('Transpose', [x], { perm: [0, 2, 1, 3] }), g.int64([0, -1, hd])]);
}

/**
 * Scaled dot-product attention over [B, H, S, D] tensors with an optional additive mask.
 * @param {GraphBuilder} g
 * @param {BigGraph} w
 * @param {string} q
 * @param {string} k
 * @param {string} v
 * @param {number} dHead
 * @param {string | undefined} mask
 * @param {number} flops 4·S·ctx·dim per unit
 * @param {string} per
 */
export function attend(g, w, q, k, v, dHead, mask, flops, per) {
	w.count('MatMul (attention)', flops, per);
	let scores = g.op('Mul', [
		g.op('MatMul', [q, g.op('Transpose', [k], { perm: [0, 1, 3, 2] })]),
		g.float(1 / Math.sqrt(dHead))
	]);
	if (mask) scores = g.op('Add', [scores, mask]);
	return g.op('MatMul', [g.op('Softmax', [scores], { axis: -1 }), v]);
}

/**
 * Conv1d over [B, C, L].
 * @param {GraphBuilder} g
 * @param {BigGraph} w
 * @param {string} x
 * @param {string} name
 * @param {number} cin
 * @param {number} cout
 * @param {number} k
 * @param {{ stride?: number, dilation?: number, bias?: boolean, work: Work, groups?: number }} options
 *   work.rows: output positions per unit
 */
export function conv1d(
	g,
	w,
	x,
	name,
	cin,
	cout,
	k,
	{ stride = 1, dilation = 1, bias = true, work, groups = 1 }
) {
	w.count('Conv', (2 * cin * cout * k * work.rows) / groups, work.per);
	const pad = ((k - 1) * dilation) / 2;
	const inputs = [
		x,
		w.big(`${name}.weight`, [cout, cin / groups, k], { std: 0.5 / Math.sqrt(cin * k) })
	];
	if (bias) inputs.push(w.big(`${name}.bias`, [cout], { std: 0.01 }));
	return g.op('Conv', inputs, {
		kernel_shape: [k],
		strides: [stride],
		dilations: [dilation],
		pads: [Math.floor(pad), Math.ceil(pad)],
		group: groups
	});
}

/**
 * ConvTranspose1d over [B, C, L] that multiplies the length by `stride` exactly.
 * @param {GraphBuilder} g
 * @param {BigGraph} w
 * @param {string} x
 * @param {string} name
 * @param {number} cin
 * @param {number} cout
 * @param {number} k
 * @param {number} stride
 * @param {Work} work rows: input positions per unit
 */
export function convTranspose1d(g, w, x, name, cin, cout, k, stride, work) {
	w.count('ConvTranspose', 2 * cin * cout * k * work.rows, work.per);
	const pad = (k - stride) / 2;
	return g.op(
		'ConvTranspose',
		[
			x,
			w.big(`${name}.weight`, [cin, cout, k], { std: 0.5 / Math.sqrt(cin * k) }),
			w.big(`${name}.bias`, [cout], { std: 0.01 })
		],
		{ kernel_shape: [k], strides: [stride], pads: [Math.floor(pad), Math.ceil(pad)] }
	);
}

/** [B, S, C] ↔ [B, C, S] */
export function swapLast(/** @type {GraphBuilder} */ g, /** @type {string} */ x) {
	return g.op('Transpose', [x], { perm: [0, 2, 1] });
}

/**
 * Repeats each position `times` times along the last axis: [B, C, S] → [B, C, S·times]
 * (a fixed duration per token, where the real models predict one).
 */
export function repeatFrames(
	/** @type {GraphBuilder} */ g,
	/** @type {string} */ x,
	/** @type {number} */ channels,
	/** @type {number} */ times
) {
	const unsq = g.op('Unsqueeze', [x, g.int64([3])]);
	const target = g.op('Mul', [g.op('Shape', [unsq]), g.int64([1, 1, 1, times])]);
	const expanded = g.op('Expand', [unsq, target]);
	return g.op('Reshape', [expanded, g.int64([0, channels, -1])]);
}
