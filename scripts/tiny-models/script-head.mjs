// The "script head": one attention head plus a bigram LM head that make a decoder emit a fixed
// text, chosen by trigger tokens anywhere in its context, through the normal generate() loop.
//
// How the weights encode the behaviour (V = vocabulary, S = number of distinct scripts):
// - Attention. Each token's key is a priority score: trigger tokens score TRIGGER_SCALE * (n - rank),
//   all others 0; the query is constant. Softmax therefore puts (almost exactly) all weight on the
//   highest-priority trigger in the context, wherever it is, however long the context. Values are a
//   one-hot of the script a trigger selects, so the head's output is that one-hot, or zero when the
//   context holds no trigger; `1 - sum` of it is the weight of the default script.
// - LM head. logits = bigram[prev] + isPrompt[prev] * (mix @ start). A script token's bigram row
//   points at its successor (or at EOS after the last one) with margin SCRIPT_LOGIT, and its isPrompt
//   gate is 0. Every other token (prompt bytes, specials) has gate 1 and a noise-only bigram row, so
//   after any prompt the first token of the selected script wins. The next token thus depends only
//   on the previous token and on which triggers exist, never on positions or prompt length.
// - Small seeded noise on the bigram table keeps the distribution non-degenerate; the margin (30 vs
//   at most 1) makes greedy decoding and even sampling at temperature 1 reproduce the script.
// - One query per forward pass, not one per new token: during a prefill every position sees the
//   whole prompt. Generation only reads the last position, where this is exactly causal attention;
//   it keeps memory linear in the context length.
import { createRng } from './prng.mjs';

export const SCRIPT_LOGIT = 30;
export const TRIGGER_SCALE = 40;
const NOISE = 1;
const NEG_INF = -1e9;

/**
 * @typedef {Object} ScriptPlan
 * @property {number} vocabSize
 * @property {number[][]} scripts token ids of each distinct script (an empty script answers EOS)
 * @property {{ tokenId: number, script: number }[]} triggers highest priority first
 * @property {number} defaultScript index into `scripts`, or -1 to answer EOS when nothing triggers
 * @property {number} eosId
 * @property {{ from: number, to: number, logit: number }[]} [bias] extra bigram logits, below
 *   SCRIPT_LOGIT: they rank tokens after `from` without changing what greedy decoding emits
 */

/**
 * @typedef {Object} ScriptHeadIO
 * @property {string} inputIds [batch, new] int64
 * @property {string} pastKey [batch, 1, past, headDim] float
 * @property {string} pastValue [batch, 1, past, headDim] float
 * @property {string} [attentionMask] [batch, past + new] int64; padding is ignored when given
 * @property {string} [speech] [batch, 1, 1] float in 0..1; where 0, the answer is EOS at once
 */

/**
 * @param {ScriptPlan} plan
 * @returns {number} the head size: enough lanes for one-hot script values, at least 8
 */
export function scriptHeadDim(plan) {
	return Math.max(8, Math.ceil(plan.scripts.length / 8) * 8);
}

/**
 * Builds the head's weight tables.
 * @param {ScriptPlan} plan
 * @param {string} seed names the noise stream
 */
export function scriptHeadWeights(plan, seed) {
	const { vocabSize: V, scripts, triggers, eosId } = plan;
	const S = scripts.length;
	const D = scriptHeadDim(plan);
	const key = new Float32Array(V * D);
	const value = new Float32Array(V * D);
	triggers.forEach(({ tokenId, script }, rank) => {
		if (key[tokenId * D] !== 0) return; // a token listed twice keeps its first (higher) priority
		key[tokenId * D] = triggers.length - rank;
		value[tokenId * D + script] = 1;
	});

	const isPrompt = new Float32Array(V).fill(1);
	const bigram = createRng(seed).noise(V * V, NOISE);
	for (const { from, to, logit } of plan.bias ?? []) {
		if (logit >= SCRIPT_LOGIT) throw new Error('A bias must stay below SCRIPT_LOGIT');
		bigram[from * V + to] = logit;
	}
	const seen = new Set();
	for (const tokens of scripts) {
		tokens.forEach((id, i) => {
			if (seen.has(id) || id === eosId) throw new Error(`Script token ${id} is not unique`);
			seen.add(id);
			isPrompt[id] = 0;
			bigram[id * V + (i + 1 < tokens.length ? tokens[i + 1] : eosId)] = SCRIPT_LOGIT;
		});
	}

	// Row s starts script s; the extra last row is the "no trigger" default.
	const start = new Float32Array((S + 1) * V);
	const firstOf = (/** @type {number} */ s) => (s < 0 ? eosId : (scripts[s][0] ?? eosId));
	for (let s = 0; s < S; s++) start[s * V + firstOf(s)] = SCRIPT_LOGIT;
	start[S * V + firstOf(plan.defaultScript)] = SCRIPT_LOGIT;
	const eosRow = new Float32Array(V);
	eosRow[eosId] = SCRIPT_LOGIT;
	return { D, key, value, isPrompt, bigram, start, eosRow };
}

/**
 * Adds the head to a graph.
 * @param {import('./onnx-graph.mjs').GraphBuilder} g
 * @param {ScriptPlan} plan
 * @param {ScriptHeadIO} io
 * @param {string} seed
 * @returns {{ logits: string, presentKey: string, presentValue: string }}
 */
export function addScriptHead(g, plan, io, seed) {
	const V = plan.vocabSize;
	const S = plan.scripts.length;
	const w = scriptHeadWeights(plan, seed);
	const D = w.D;

	// Cache: this step's keys and values are appended to the past ones (axis 2 is time).
	const kNew = g.op('Unsqueeze', [
		g.op('Gather', [g.weight('script_head.key', [V, D], w.key), io.inputIds]),
		g.int64([1])
	]);
	const vNew = g.op('Unsqueeze', [
		g.op('Gather', [g.weight('script_head.value', [V, D], w.value), io.inputIds]),
		g.int64([1])
	]);
	const presentKey = g.op('Concat', [io.pastKey, kNew], { axis: 2 });
	const presentValue = g.op('Concat', [io.pastValue, vNew], { axis: 2 });

	// Scores of the constant query against every cached key: [batch, 1, 1, total]. A causal
	// [new, total] matrix instead would take ~100 MB for a 5k-token prompt.
	const query = new Float32Array(D);
	query[0] = TRIGGER_SCALE;
	let scores = g.op(
		'Transpose',
		[g.op('MatMul', [presentKey, g.weight('script_head.query', [D, 1], query)])],
		{
			perm: [0, 1, 3, 2]
		}
	);
	if (io.attentionMask) {
		const keep = g.op('Cast', [io.attentionMask], { to: 1 });
		const padBias = g.op('Mul', [g.op('Sub', [keep, g.float(1)]), g.float(-NEG_INF)]);
		scores = g.op('Add', [scores, g.op('Unsqueeze', [padBias, g.int64([1, 2])])]);
	}
	const attention = g.op('Softmax', [scores], { axis: -1 });
	const heads = g.op('Squeeze', [g.op('MatMul', [attention, presentValue]), g.int64([1])]);

	// mix = [one-hot of the triggered script ..., weight of the default script].
	const selected = g.op('Slice', [heads, g.int64([0]), g.int64([S]), g.int64([-1])]);
	const none = g.op('Sub', [
		g.float(1),
		g.op('ReduceSum', [selected, g.int64([-1])], { keepdims: 1 })
	]);
	const mix = g.op('Concat', [selected, none], { axis: -1 });
	let startLogits = g.op('MatMul', [mix, g.weight('script_head.start', [S + 1, V], w.start)]);
	if (io.speech) {
		const silent = g.op('Sub', [g.float(1), io.speech]);
		const eos = g.weight('script_head.eos', [V], w.eosRow);
		startLogits = g.op('Add', [g.op('Mul', [startLogits, io.speech]), g.op('Mul', [silent, eos])]);
	}

	const gate = g.op('Gather', [g.weight('script_head.is_prompt', [V, 1], w.isPrompt), io.inputIds]);
	const chain = g.op('Gather', [g.weight('script_head.bigram', [V, V], w.bigram), io.inputIds]);
	const logits = g.op('Add', [chain, g.op('Mul', [gate, startLogits])]);
	return { logits, presentKey, presentValue };
}
