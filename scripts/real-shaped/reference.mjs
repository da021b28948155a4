// What the real exports have: published parameter counts, and FLOPs computed here from each real
// model's published configuration with the usual formulas (2 per multiply-add), independently of
// the stand-in graphs, for one typical piece of work each. The comparison reads the stand-in's
// FLOPs as BigGraph counted them node by node.

/** @typedef {{ params: number, paramsSource: string, work: string, flops: number, units: Record<string, number>, notes: string }} Reference */

const mm = (/** @type {number} */ i, /** @type {number} */ o) => 2 * i * o;

/** Qwen2.5-0.5B: 24 × (q, k, v, o, gate, up, down) + tied head, at a 1,000-token context. */
function qwen() {
	const [d, kv, ffn, L, V, ctx] = [896, 128, 4864, 24, 151936, 1000];
	const perToken = L * (mm(d, d) * 2 + mm(d, kv) * 2 + mm(d, ffn) * 3) + mm(d, V) + L * 4 * d * ctx;
	return {
		params: 494_032_768,
		paramsSource: 'Qwen2.5-0.5B model card (0.49B; 0.36B without embeddings)',
		work: 'one token at a 1,000-token context',
		flops: perToken,
		units: { token: 1, 'token·context': 1000 },
		notes: ''
	};
}

/** Whisper: encoder on the 30 s window, cross-attention cache once, 19 decoder steps (3 s, ~15 tokens). */
function whisper(
	/** @type {number} */ d,
	/** @type {number} */ L,
	/** @type {number} */ params,
	/** @type {string} */ source
) {
	const [ffn, P, V, steps] = [4 * d, 1500, 51865, 19];
	const encoder =
		2 * 80 * d * 3 * 3000 +
		2 * d * d * 3 * P +
		L * ((mm(d, d) * 4 + mm(d, ffn) * 2) * P + 4 * P * P * d);
	const cross = L * mm(d, d) * 2 * P;
	const perToken = L * (mm(d, d) * 6 + mm(d, ffn) * 2 + 4 * P * d) + mm(d, V);
	const selfAttention = L * 4 * d * ((steps * (steps + 1)) / 2);
	return {
		params,
		paramsSource: source,
		work: 'a 3 s utterance: the 30 s encoder window, the cross cache, 19 decoder steps (4 prompt + 15)',
		flops: encoder + cross + steps * perToken + selfAttention,
		units: { call: 1, token: steps, 'token·context': (steps * (steps + 1)) / 2 },
		notes: ''
	};
}

/** MiniLM-L12: a 16-token query. */
function minilm() {
	const [d, L, n] = [384, 12, 16];
	return {
		params: 117_653_760,
		paramsSource: 'paraphrase-multilingual-MiniLM-L12-v2 (118M)',
		work: 'a 16-token query',
		flops: n * L * (mm(d, d) * 4 + mm(d, 4 * d) * 2) + L * 4 * d * n * n,
		units: { token: n, 'token·context': n * n },
		notes: ''
	};
}

/** HiFi-GAN generator (resblock 1) FLOPs per input frame. */
function hifiganPerFrame(
	/** @type {number} */ cin,
	/** @type {number} */ ch,
	/** @type {number[]} */ rates,
	/** @type {number[]} */ kernels,
	/** @type {number} */ post
) {
	let flops = 2 * cin * ch * 7;
	let rate = 1;
	rates.forEach((r, i) => {
		flops += 2 * ch * (ch / 2) * kernels[i] * rate;
		ch /= 2;
		rate *= r;
		flops += [3, 7, 11].reduce((sum, k) => sum + 6 * 2 * ch * ch * k, 0) * rate;
	});
	return flops + 2 * ch * post * 7 * rate;
}

/** MMS-TTS (VITS) per second of audio: 62.5 frames, 12.5 characters (25 tokens with blanks). */
function vits() {
	const [d, frames, tokens] = [192, 62.5, 25];
	const textEncoder =
		tokens * 6 * (mm(d, d) * 4 + 2 * 2 * d * 768 * 3) + 6 * 4 * d * tokens * tokens;
	const flows =
		frames *
		4 *
		(mm(d / 2, d) + 4 * (2 * d * 2 * d * 5) + 3 * mm(d, 2 * d) + mm(d, d) + mm(d, d / 2));
	const duration = tokens * 4 * 3 * (2 * d * 3 + mm(d, d)) + tokens * 3 * 2 * d * d * 3;
	return {
		// 36.3M published, less the posterior encoder (16 WaveNet layers of 192, ~7.2M), which only
		// training uses and the ONNX export leaves out.
		params: 29_100_000,
		paramsSource: 'MMS-TTS: 36.3M published less the training-only posterior encoder (~7.2M)',
		work: 'one second of audio',
		flops:
			textEncoder +
			duration +
			flows +
			frames * hifiganPerFrame(d, 512, [8, 8, 2, 2], [16, 16, 4, 4], 1),
		units: { frame: frames, token: tokens / 2, 'token·context': (tokens / 2) ** 2 },
		notes: 'reference counts MMS blank tokens (2n+1) and the stochastic duration flows'
	};
}

/** Kokoro-82M per second of audio: 40 frames, 80 generator frames, ~13 phonemes, half a call. */
function kokoro() {
	const [tokens, frames] = [13.33, 40];
	const bert =
		tokens * (mm(128, 768) + 12 * (mm(768, 768) * 4 + mm(768, 2048) * 2)) +
		12 * 4 * 768 * tokens * tokens;
	const lstm = (/** @type {number} */ i, /** @type {number} */ h) => 2 * 2 * 4 * h * (i + h);
	const predictorTokens =
		tokens *
		(4 * lstm(640, 256) + mm(768, 512) + mm(512, 50) + 3 * 2 * 512 * 512 * 5 + lstm(512, 256));
	const adainRes = (/** @type {number} */ a, /** @type {number} */ b, /** @type {number} */ n) =>
		n * (2 * a * b * 3 + 2 * b * b * 3 + (a !== b ? 2 * a * b : 0));
	const prosody =
		2 *
		(adainRes(512, 512, frames) + adainRes(512, 256, 2 * frames) + adainRes(256, 256, 2 * frames));
	const decoder =
		adainRes(514, 1024, frames) +
		3 * adainRes(1090, 1024, frames) +
		adainRes(1090, 512, 2 * frames) +
		frames * 2 * 512 * 64;
	const gen = 80 * hifiganPerFrame(512, 512, [10, 6], [20, 12], 22) - 80 * 2 * 512 * 512 * 7;
	const noise =
		800 * (2 * 22 * 256 * 12 + 6 * 2 * 256 * 256 * 7) +
		4800 * (2 * 22 * 128 + 6 * 2 * 128 * 128 * 11);
	const istft = 4800 * 2 * 22 * 20;
	return {
		params: 82_000_000,
		paramsSource: 'Kokoro-82M model card (82M)',
		work: 'one second of audio',
		flops:
			bert + predictorTokens + frames * lstm(640, 256) + prosody + decoder + gen + noise + istft,
		units: {
			token: tokens,
			'token·context': tokens * tokens,
			frame: frames,
			'generator-frame': 80,
			call: 0.5
		},
		notes: ''
	};
}

/** @type {Record<string, Reference>} */
export const REFERENCE = {
	qwen: qwen(),
	'whisper-tiny': whisper(384, 4, 37_760_640, 'openai/whisper-tiny (39M)'),
	'whisper-base': whisper(512, 6, 72_593_920, 'openai/whisper-base (74M)'),
	embed: minilm(),
	vits: vits(),
	kokoro: kokoro()
};

/**
 * Lines comparing a stand-in with its real model.
 * @param {string} name
 * @param {{ params: number, flops: Record<string, number> }} result
 * @param {Reference} reference
 * @returns {string[]}
 */
export function compare(name, result, reference) {
	let flops = 0;
	for (const [key, value] of Object.entries(result.flops)) {
		const per = key.split(' per ')[1];
		flops += value * (reference.units[per] ?? 0);
	}
	const pct = (/** @type {number} */ a, /** @type {number} */ b) =>
		`${a > b ? '+' : ''}${(((a - b) / b) * 100).toFixed(1)} %`;
	return [
		`parameters ${(result.params / 1e6).toFixed(1)} M vs ${(reference.params / 1e6).toFixed(1)} M (${pct(result.params, reference.params)}; ${reference.paramsSource})`,
		`FLOPs for ${reference.work}: ${(flops / 1e9).toFixed(2)} G vs ${(reference.flops / 1e9).toFixed(2)} G (${pct(flops, reference.flops)})${reference.notes ? `; ${reference.notes}` : ''}`
	];
}

/** @param {string} name @param {{ params: number, flops: Record<string, number> }} result */
export function withinTolerance(name, result) {
	const reference = REFERENCE[name];
	let flops = 0;
	for (const [key, value] of Object.entries(result.flops))
		flops += value * (reference.units[key.split(' per ')[1]] ?? 0);
	return (
		Math.abs(result.params / reference.params - 1) <= 0.2 &&
		Math.abs(flops / reference.flops - 1) <= 0.2
	);
}
