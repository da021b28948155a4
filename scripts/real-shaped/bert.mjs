// paraphrase-multilingual-MiniLM-L12-v2 as the app loads it (Xenova, dtype q8): BERT with a
// 250,037-token vocabulary, hidden 384, 12 post-norm layers of 12 heads, FFN 1536. q8 as
// quantize_dynamic writes it: the word embeddings as uint8 with DequantizeLinear, matrix products
// through MatMulInteger. The tokenizer is the tiny embedding model's WordPiece one.
import { buildTinyEmbed } from '../tiny-models/tiny-embed.mjs';
import { BigGraph, T } from './big-graph.mjs';
import { attend, gelu, heads, layerNorm, linear, merge } from './blocks.mjs';

export const MINILM = Object.freeze({
	id: 'kompanion-real-shaped/multilingual-minilm-l12',
	realRepo: 'Xenova/paraphrase-multilingual-MiniLM-L12-v2',
	vocab: 250037,
	d: 384,
	layers: 12,
	heads: 12,
	ffn: 1536
});

function buildGraph() {
	const { vocab, d, layers, heads: h, ffn } = MINILM;
	const g = new BigGraph('bert');
	const token = { per: 'token', rows: 1 };
	const ids = g.input('input_ids', T.INT64, ['batch_size', 'sequence_length']);
	const mask = g.input('attention_mask', T.INT64, ['batch_size', 'sequence_length']);
	const types = g.input('token_type_ids', T.INT64, ['batch_size', 'sequence_length']);
	const words = g.big('embeddings.word_embeddings.weight_quantized', [vocab, d], {
		type: T.UINT8,
		count: false
	});
	g.params += vocab * d;
	const wordRows = g.op('Gather', [words, ids], { axis: 0 });
	const word = g.op('DequantizeLinear', [
		wordRows,
		g.big('embeddings.word_embeddings.scale', [], { value: 0.001, count: false }),
		g.big('embeddings.word_embeddings.zero_point', [], { type: T.UINT8, value: 128, count: false })
	]);
	const length = g.op('Gather', [g.op('Shape', [ids]), g.int64(1)], { axis: 0 });
	const positions = g.op('Range', [g.int64(0), length, g.int64(1)]);
	let x = g.op('Add', [
		g.op('Add', [
			word,
			g.op('Gather', [g.big('embeddings.position_embeddings.weight', [512, d]), positions], {
				axis: 0
			})
		]),
		g.op('Gather', [g.big('embeddings.token_type_embeddings.weight', [2, d]), types], { axis: 0 })
	]);
	x = layerNorm(g, g, x, 'embeddings.LayerNorm', d);
	// [B, 1, 1, S]: 0 where attended, -10000 where padded.
	const maskF = g.op('Cast', [g.op('Unsqueeze', [mask, g.int64([1, 2])])], { to: T.FLOAT });
	const additive = g.op('Mul', [g.op('Sub', [g.float(1), maskF]), g.float(-10000)]);
	for (let i = 0; i < layers; i++) {
		const p = `encoder.layer.${i}`;
		const q = heads(
			g,
			linear(g, g, x, `${p}.attention.self.query`, d, d, { quant: 'q8', work: token }),
			h,
			d / h
		);
		const k = heads(
			g,
			linear(g, g, x, `${p}.attention.self.key`, d, d, { quant: 'q8', work: token }),
			h,
			d / h
		);
		const v = heads(
			g,
			linear(g, g, x, `${p}.attention.self.value`, d, d, { quant: 'q8', work: token }),
			h,
			d / h
		);
		g.count('MatMul (attention)', 4 * d, 'token·context');
		const a = merge(g, attend(g, g, q, k, v, d / h, additive, 0, 'token'), d);
		x = layerNorm(
			g,
			g,
			g.op('Add', [
				x,
				linear(g, g, a, `${p}.attention.output.dense`, d, d, { quant: 'q8', work: token })
			]),
			`${p}.attention.output.LayerNorm`,
			d
		);
		const f = gelu(
			g,
			linear(g, g, x, `${p}.intermediate.dense`, d, ffn, { quant: 'q8', work: token })
		);
		x = layerNorm(
			g,
			g,
			g.op('Add', [x, linear(g, g, f, `${p}.output.dense`, ffn, d, { quant: 'q8', work: token })]),
			`${p}.output.LayerNorm`,
			d
		);
	}
	g.output('last_hidden_state', x, T.FLOAT, ['batch_size', 'sequence_length', d]);
	return g;
}

export function buildBert() {
	const tiny = buildTinyEmbed({ id: MINILM.id });
	const files = /** @type {Record<string, any>} */ ({ ...tiny.files });
	delete files['onnx/model.onnx'];
	files['config.json'] = {
		...files['config.json'],
		hidden_size: MINILM.d,
		num_hidden_layers: MINILM.layers,
		num_attention_heads: MINILM.heads,
		intermediate_size: MINILM.ffn,
		vocab_size: MINILM.vocab,
		'transformers.js_config': { dtype: 'q8', use_external_data_format: true },
		kompanion_tiny_model: undefined,
		kompanion_real_shaped: { standsFor: MINILM.realRepo, dtype: 'q8' }
	};
	return { id: MINILM.id, files, graphs: { 'onnx/model_quantized.onnx': buildGraph() } };
}
