// Whisper tiny / base stand-ins as the app loads them on the CPU (onnx-community, dtype q8):
// encoder_model_quantized.onnx (two Conv1d, sinusoidal positions, pre-norm transformer layers on
// 1,500 positions) and decoder_model_merged_quantized.onnx (token and learned positions, self
// attention with past_key_values, cross attention whose cache an If node computes on the first
// step, tied LM head over 51,865 tokens). Matrix products are dynamically quantised (q8), the
// convolutions stay fp32. The tokenizer is the tiny Whisper's; a logit bias keeps the random
// model to byte tokens, and generation_config caps a transcript at 15 tokens (random weights
// never say <|endoftext|>).
import { buildTinyWhisper } from '../tiny-models/tiny-whisper.mjs';
import { BigGraph, T } from './big-graph.mjs';
import { attend, conv1d, gelu, heads, layerNorm, linear, merge, swapLast } from './blocks.mjs';
import { GraphBuilder } from '../tiny-models/onnx-graph.mjs';

export const WHISPER = Object.freeze({
	tiny: {
		id: 'kompanion-real-shaped/whisper-tiny',
		realRepo: 'onnx-community/whisper-tiny',
		d: 384,
		layers: 4,
		heads: 6,
		ffn: 1536
	},
	base: {
		id: 'kompanion-real-shaped/whisper-base',
		realRepo: 'onnx-community/whisper-base',
		d: 512,
		layers: 6,
		heads: 8,
		ffn: 2048
	}
});
const VOCAB = 51865;
const POSITIONS = 1500;
/** Tokens a transcript of the benchmark's 3 s utterance has, after the 4-token prompt. */
export const WHISPER_MAX_NEW_TOKENS = 15;

/** @param {{ d: number, layers: number, heads: number, ffn: number }} size */
function buildEncoder({ d, layers, heads: h, ffn }) {
	const g = new BigGraph('whisper_encoder');
	const call = (/** @type {number} */ rows) => ({ per: 'call', rows });
	const features = g.input('input_features', T.FLOAT, ['batch_size', 80, 3000]);
	let x = gelu(g, conv1d(g, g, features, 'encoder.conv1', 80, d, 3, { work: call(3000) }));
	x = gelu(g, conv1d(g, g, x, 'encoder.conv2', d, d, 3, { stride: 2, work: call(POSITIONS) }));
	x = g.op('Add', [
		swapLast(g, x),
		g.big('encoder.embed_positions.weight', [POSITIONS, d], { std: 0.5, count: false })
	]);
	const rows = call(POSITIONS);
	for (let i = 0; i < layers; i++) {
		const p = `encoder.layers.${i}`;
		const n = layerNorm(g, g, x, `${p}.self_attn_layer_norm`, d);
		const q = heads(
			g,
			linear(g, g, n, `${p}.self_attn.q_proj`, d, d, { quant: 'q8', work: rows }),
			h,
			d / h
		);
		const k = heads(
			g,
			linear(g, g, n, `${p}.self_attn.k_proj`, d, d, { quant: 'q8', bias: false, work: rows }),
			h,
			d / h
		);
		const v = heads(
			g,
			linear(g, g, n, `${p}.self_attn.v_proj`, d, d, { quant: 'q8', work: rows }),
			h,
			d / h
		);
		const a = merge(
			g,
			attend(g, g, q, k, v, d / h, undefined, 4 * POSITIONS * POSITIONS * d, 'call'),
			d
		);
		x = g.op('Add', [
			x,
			linear(g, g, a, `${p}.self_attn.out_proj`, d, d, { quant: 'q8', work: rows })
		]);
		const m = layerNorm(g, g, x, `${p}.final_layer_norm`, d);
		const f = gelu(g, linear(g, g, m, `${p}.fc1`, d, ffn, { quant: 'q8', work: rows }));
		x = g.op('Add', [x, linear(g, g, f, `${p}.fc2`, ffn, d, { quant: 'q8', work: rows })]);
	}
	x = layerNorm(g, g, x, 'encoder.layer_norm', d);
	g.output('last_hidden_state', x, T.FLOAT, ['batch_size', POSITIONS, d]);
	return g;
}

/**
 * @param {{ d: number, layers: number, heads: number, ffn: number }} size
 * @param {number} decodable ids below it are byte tokens the tokenizer has
 */
function buildDecoder({ d, layers, heads: h, ffn }, decodable) {
	const g = new BigGraph('whisper_decoder');
	const dh = d / h;
	const token = { per: 'token', rows: 1 };
	const ids = g.input('input_ids', T.INT64, ['batch_size', 'decoder_sequence_length']);
	const encoder = g.input('encoder_hidden_states', T.FLOAT, [
		'batch_size',
		'encoder_sequence_length',
		d
	]);
	/** @type {string[][]} */
	const past = [];
	for (let i = 0; i < layers; i++) {
		const self = ['batch_size', h, 'past_decoder_sequence_length', dh];
		const cross = ['batch_size', h, 'encoder_sequence_length_out', dh];
		past.push([
			g.input(`past_key_values.${i}.decoder.key`, T.FLOAT, self),
			g.input(`past_key_values.${i}.decoder.value`, T.FLOAT, self),
			g.input(`past_key_values.${i}.encoder.key`, T.FLOAT, cross),
			g.input(`past_key_values.${i}.encoder.value`, T.FLOAT, cross)
		]);
	}
	const useCache = g.input('use_cache_branch', T.BOOL, [1]);

	// The cross-attention cache: reused, or computed from the encoder output on the first step.
	const reuse = new GraphBuilder('reuse_cross_cache');
	const compute = new GraphBuilder('compute_cross_cache');
	const perCall = { per: 'call', rows: POSITIONS };
	for (let i = 0; i < layers; i++) {
		reuse.branchOutput(`reuse_${i}_key`, past[i][2], T.FLOAT);
		reuse.branchOutput(`reuse_${i}_value`, past[i][3], T.FLOAT);
		const p = `decoder.layers.${i}.encoder_attn`;
		compute.branchOutput(
			`computed_${i}_key`,
			heads(
				compute,
				linear(compute, g, encoder, `${p}.k_proj`, d, d, {
					quant: 'q8',
					bias: false,
					work: perCall
				}),
				h,
				dh
			),
			T.FLOAT
		);
		compute.branchOutput(
			`computed_${i}_value`,
			heads(
				compute,
				linear(compute, g, encoder, `${p}.v_proj`, d, d, { quant: 'q8', work: perCall }),
				h,
				dh
			),
			T.FLOAT
		);
	}
	const crossKv = g.opN('If', [useCache], 2 * layers, {
		then_branch: reuse.build(),
		else_branch: compute.build()
	});

	const embed = g.big('decoder.embed_tokens.weight', [VOCAB, d], { std: 0.02 });
	const positions = g.big('decoder.embed_positions.weight', [448, d], { std: 0.02 });
	const pastLength = g.op('Gather', [g.op('Shape', [past[0][0]]), g.int64(2)], { axis: 0 });
	const length = g.op('Gather', [g.op('Shape', [ids]), g.int64(1)], { axis: 0 });
	const range = g.op('Range', [pastLength, g.op('Add', [pastLength, length]), g.int64(1)]);
	let x = g.op('Add', [
		g.op('Gather', [embed, ids], { axis: 0 }),
		g.op('Gather', [positions, range], { axis: 0 })
	]);
	for (let i = 0; i < layers; i++) {
		const p = `decoder.layers.${i}`;
		let n = layerNorm(g, g, x, `${p}.self_attn_layer_norm`, d);
		const q = heads(
			g,
			linear(g, g, n, `${p}.self_attn.q_proj`, d, d, { quant: 'q8', work: token }),
			h,
			dh
		);
		const k = heads(
			g,
			linear(g, g, n, `${p}.self_attn.k_proj`, d, d, { quant: 'q8', bias: false, work: token }),
			h,
			dh
		);
		const v = heads(
			g,
			linear(g, g, n, `${p}.self_attn.v_proj`, d, d, { quant: 'q8', work: token }),
			h,
			dh
		);
		const keys = g.op('Concat', [past[i][0], k], { axis: 2 });
		const values = g.op('Concat', [past[i][1], v], { axis: 2 });
		g.output(`present.${i}.decoder.key`, keys, T.FLOAT, [
			'batch_size',
			h,
			'total_decoder_sequence_length',
			dh
		]);
		g.output(`present.${i}.decoder.value`, values, T.FLOAT, [
			'batch_size',
			h,
			'total_decoder_sequence_length',
			dh
		]);
		// No causal mask: the prompt is 4 tokens, and the mask's cost is nil.
		g.count('MatMul (attention)', 4 * d, 'token·context');
		let a = merge(g, attend(g, g, q, keys, values, dh, undefined, 0, 'token'), d);
		x = g.op('Add', [
			x,
			linear(g, g, a, `${p}.self_attn.out_proj`, d, d, { quant: 'q8', work: token })
		]);
		n = layerNorm(g, g, x, `${p}.encoder_attn_layer_norm`, d);
		const cq = heads(
			g,
			linear(g, g, n, `${p}.encoder_attn.q_proj`, d, d, { quant: 'q8', work: token }),
			h,
			dh
		);
		a = merge(
			g,
			attend(
				g,
				g,
				cq,
				crossKv[2 * i],
				crossKv[2 * i + 1],
				dh,
				undefined,
				4 * POSITIONS * d,
				'token'
			),
			d
		);
		x = g.op('Add', [
			x,
			linear(g, g, a, `${p}.encoder_attn.out_proj`, d, d, { quant: 'q8', work: token })
		]);
		g.output(`present.${i}.encoder.key`, crossKv[2 * i], T.FLOAT, [
			'batch_size',
			h,
			'encoder_sequence_length_out',
			dh
		]);
		g.output(`present.${i}.encoder.value`, crossKv[2 * i + 1], T.FLOAT, [
			'batch_size',
			h,
			'encoder_sequence_length_out',
			dh
		]);
		const m = layerNorm(g, g, x, `${p}.final_layer_norm`, d);
		const f = gelu(g, linear(g, g, m, `${p}.fc1`, d, ffn, { quant: 'q8', work: token }));
		x = g.op('Add', [x, linear(g, g, f, `${p}.fc2`, ffn, d, { quant: 'q8', work: token })]);
	}
	x = layerNorm(g, g, x, 'decoder.layer_norm', d);
	// Tied LM head (the embedding matrix, counted once).
	let logits = linear(g, g, x, 'proj_out', d, VOCAB, {
		quant: 'q8',
		bias: false,
		work: token,
		countParams: false
	});
	const bias = new Float32Array(VOCAB).fill(-1e4);
	bias.fill(0, 0, decodable);
	logits = g.op('Add', [logits, g.weight('kompanion.decodable_bias', [VOCAB], bias)]);
	g.output('logits', logits, T.FLOAT, ['batch_size', 'decoder_sequence_length', VOCAB]);
	return g;
}

/** @param {'tiny' | 'base'} size */
export function buildWhisper(size) {
	const spec = WHISPER[size];
	const tiny = buildTinyWhisper({ id: spec.id });
	const files = /** @type {Record<string, any>} */ ({ ...tiny.files });
	delete files['onnx/encoder_model.onnx'];
	delete files['onnx/decoder_model_merged.onnx'];
	const config = files['config.json'];
	const generation = files['generation_config.json'];
	files['config.json'] = {
		...config,
		d_model: spec.d,
		encoder_layers: spec.layers,
		decoder_layers: spec.layers,
		encoder_attention_heads: spec.heads,
		decoder_attention_heads: spec.heads,
		encoder_ffn_dim: spec.ffn,
		decoder_ffn_dim: spec.ffn,
		vocab_size: VOCAB,
		'transformers.js_config': { dtype: 'q8', use_external_data_format: true },
		kompanion_tiny_model: undefined,
		kompanion_real_shaped: { standsFor: spec.realRepo, dtype: 'q8' }
	};
	files['generation_config.json'] = { ...generation, max_length: 4 + WHISPER_MAX_NEW_TOKENS };
	return {
		id: spec.id,
		files,
		graphs: {
			'onnx/encoder_model_quantized.onnx': buildEncoder(spec),
			'onnx/decoder_model_merged_quantized.onnx': buildDecoder(spec, 256)
		}
	};
}
