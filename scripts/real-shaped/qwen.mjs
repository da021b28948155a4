// A Qwen2.5-0.5B-Instruct-shaped decoder as the app loads it on the CPU (`onnx-community`, dtype
// q4): 24 layers, hidden 896, 14 query heads and 2 KV heads of 64, MLP 4864, vocabulary 151,936,
// q4 MatMulNBits for every projection and the LM head, fp32 token embeddings, GroupQueryAttention
// with rotary embeddings. The tokenizer is the tiny LLM's byte-level one; logits of ids it does not
// have are pushed down by a bias, so the random model writes decodable bytes.
import { buildTinyLlm } from '../tiny-models/tiny-llm.mjs';
import { BigGraph, T } from './big-graph.mjs';
import { linear, rmsNorm } from './blocks.mjs';

export const QWEN = Object.freeze({
	id: 'kompanion-real-shaped/qwen2.5-0.5b-instruct',
	realRepo: 'onnx-community/Qwen2.5-0.5B-Instruct',
	layers: 24,
	hidden: 896,
	heads: 14,
	kvHeads: 2,
	headDim: 64,
	intermediate: 4864,
	vocab: 151936,
	/** The rotary tables cover the app's context window (4,096), not the model's 32,768. */
	maxPositions: 4096
});

/**
 * @param {{ allowed: [number, number] }} options token ids the random model may write: printable
 *   ASCII bytes, which decode (and stream) one by one; a random UTF-8 tail would be held back
 */
function buildGraph({ allowed }) {
	const { layers, hidden, heads, kvHeads, headDim, intermediate, vocab, maxPositions } = QWEN;
	const g = new BigGraph('qwen2');
	const work = { per: 'token', rows: 1 };
	const ids = g.input('input_ids', T.INT64, ['batch_size', 'sequence_length']);
	const mask = g.input('attention_mask', T.INT64, ['batch_size', 'total_sequence_length']);
	const embed = g.big('model.embed_tokens.weight', [vocab, hidden], { std: 0.02 });
	let x = g.op('Gather', [embed, ids], { axis: 0 });

	const seqlens = g.op(
		'Cast',
		[g.op('Sub', [g.op('ReduceSum', [mask, g.int64([1])], { keepdims: 0 }), g.int64(1)])],
		{ to: T.INT32 }
	);
	const total = g.op('Cast', [g.op('Gather', [g.op('Shape', [mask]), g.int64(1)], { axis: 0 })], {
		to: T.INT32
	});
	// Rotary tables [positions, headDim / 2] (not parameters).
	const cos = g.big('rotary.cos_cache', [maxPositions, headDim / 2], { std: 1, count: false });
	const sin = g.big('rotary.sin_cache', [maxPositions, headDim / 2], { std: 1, count: false });

	for (let i = 0; i < layers; i++) {
		const p = `model.layers.${i}`;
		const h = rmsNorm(g, g, x, `${p}.input_layernorm`, hidden);
		const q = linear(g, g, h, `${p}.self_attn.q_proj`, hidden, heads * headDim, {
			quant: 'q4',
			work
		});
		const k = linear(g, g, h, `${p}.self_attn.k_proj`, hidden, kvHeads * headDim, {
			quant: 'q4',
			work
		});
		const v = linear(g, g, h, `${p}.self_attn.v_proj`, hidden, kvHeads * headDim, {
			quant: 'q4',
			work
		});
		const past = ['batch_size', kvHeads, 'past_sequence_length', headDim];
		const pastKey = g.input(`past_key_values.${i}.key`, T.FLOAT, past);
		const pastValue = g.input(`past_key_values.${i}.value`, T.FLOAT, past);
		const [attn, presentKey, presentValue] = g.opN(
			'GroupQueryAttention',
			[q, k, v, pastKey, pastValue, seqlens, total, cos, sin],
			3,
			{
				num_heads: heads,
				kv_num_heads: kvHeads,
				do_rotary: 1,
				scale: { f: 1 / Math.sqrt(headDim) },
				local_window_size: -1
			}
		);
		// Attention FLOPs depend on the context: counted per token per context position.
		g.count('GroupQueryAttention', 4 * heads * headDim, 'token·context');
		const present = ['batch_size', kvHeads, 'total_sequence_length', headDim];
		g.output(`present.${i}.key`, presentKey, T.FLOAT, present);
		g.output(`present.${i}.value`, presentValue, T.FLOAT, present);
		x = g.op('Add', [
			x,
			linear(g, g, attn, `${p}.self_attn.o_proj`, hidden, hidden, {
				quant: 'q4',
				bias: false,
				work
			})
		]);
		const m = rmsNorm(g, g, x, `${p}.post_attention_layernorm`, hidden);
		const gate = linear(g, g, m, `${p}.mlp.gate_proj`, hidden, intermediate, {
			quant: 'q4',
			bias: false,
			work
		});
		const up = linear(g, g, m, `${p}.mlp.up_proj`, hidden, intermediate, {
			quant: 'q4',
			bias: false,
			work
		});
		const act = g.op('Mul', [g.op('Mul', [gate, g.op('Sigmoid', [gate])]), up]);
		x = g.op('Add', [
			x,
			linear(g, g, act, `${p}.mlp.down_proj`, intermediate, hidden, {
				quant: 'q4',
				bias: false,
				work
			})
		]);
	}
	x = rmsNorm(g, g, x, 'model.norm', hidden);
	// Tied embeddings: the LM head is the embedding matrix again (not counted twice).
	let logits = linear(g, g, x, 'lm_head', hidden, vocab, {
		quant: 'q4',
		bias: false,
		work,
		countParams: false
	});
	const bias = new Float32Array(vocab).fill(-1e4);
	bias.fill(0, allowed[0], allowed[1]);
	logits = g.op('Add', [logits, g.weight('kompanion.decodable_bias', [vocab], bias)]);
	g.output('logits', logits, T.FLOAT, ['batch_size', 'sequence_length', vocab]);
	return g;
}

/**
 * The files of the Qwen stand-in; `onnx/model_q4.onnx` is written by `write`.
 * @returns {{ id: string, files: Record<string, unknown>, graphs: Record<string, BigGraph> }}
 */
export function buildQwen() {
	const tiny = buildTinyLlm({ id: QWEN.id, scripts: [{ text: 'Ja.' }] });
	const tiny_config = /** @type {Record<string, unknown>} */ (tiny.files['config.json']);
	// Printable ASCII byte tokens only: script and special tokens would end or steer the reply.
	const graph = buildGraph({ allowed: [0x20, 0x7f] });
	const { 'onnx/model.onnx': _unused, ...files } = tiny.files;
	return {
		id: QWEN.id,
		files: {
			...files,
			'config.json': {
				...tiny_config,
				hidden_size: QWEN.hidden,
				intermediate_size: QWEN.intermediate,
				num_attention_heads: QWEN.heads,
				num_key_value_heads: QWEN.kvHeads,
				head_dim: QWEN.headDim,
				num_hidden_layers: QWEN.layers,
				vocab_size: QWEN.vocab,
				tie_word_embeddings: true,
				'transformers.js_config': { dtype: 'q4', use_external_data_format: true },
				kompanion_tiny_model: undefined,
				kompanion_real_shaped: { standsFor: QWEN.realRepo, dtype: 'q4' }
			}
		},
		graphs: { 'onnx/model_q4.onnx': graph }
	};
}
