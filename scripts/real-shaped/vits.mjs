// The German VITS voice as the app loads it (Xenova/mms-tts-deu: transformers.js VitsModel,
// input_ids + attention_mask → waveform, 16 kHz): a 6-layer text encoder (hidden 192, 2 heads,
// convolutional FFN 768), a duration stage, 4 residual coupling flows of 4 WaveNet layers
// (kernel 5) run in reverse, and the HiFi-GAN generator (512 channels, upsampling 8·8·2·2 with
// kernels 16·16·4·4, three resblocks of kernels 3·7·11 and dilations 1·3·5 per stage). Each
// token lasts a fixed FRAMES_PER_TOKEN frames (the real one predicts durations). The tokenizer is
// the tiny VITS voice's character one.
import { buildTinyTts } from '../tiny-models/tiny-tts.mjs';
import { BigGraph, T } from './big-graph.mjs';
import {
	attend,
	conv1d,
	convTranspose1d,
	heads,
	layerNorm,
	linear,
	merge,
	repeatFrames,
	swapLast
} from './blocks.mjs';

export const VITS = Object.freeze({
	id: 'kompanion-real-shaped/vits-de',
	realRepo: 'Xenova/mms-tts-deu',
	samplingRate: 16000,
	hidden: 192,
	heads: 2,
	ffn: 768,
	layers: 6,
	flows: 4,
	wavenetLayers: 4,
	upsampleChannels: 512,
	upsampleRates: [8, 8, 2, 2],
	upsampleKernels: [16, 16, 4, 4],
	resblockKernels: [3, 7, 11],
	resblockDilations: [1, 3, 5]
});
/** 16 kHz / 256 samples per frame = 62.5 frames/s; 5 frames per character ≈ 12.5 characters/s. */
export const FRAMES_PER_TOKEN = 5;

/**
 * HiFi-GAN's generator (resblock type 1) from [B, cin, frames] to a waveform [B, 1, samples].
 * @param {import('./big-graph.mjs').BigGraph} g
 * @param {string} x
 * @param {{ cin: number, channels: number, rates: number[], kernels: number[], resKernels: number[], dilations: number[], per: string, outChannels?: number, postKernel?: number, style?: (x: string, channels: number, name: string) => string, source?: (stage: number, channels: number, rate: number) => string }} spec
 *   `per`: the unit the input frames are counted in (FLOPs per input frame); `style`: an AdaIN
 *   applied before each resblock convolution, `source`: what to add after each upsampling (Kokoro's
 *   harmonic source path)
 */
export function hifigan(g, x, spec) {
	const {
		cin,
		channels,
		rates,
		kernels,
		resKernels,
		dilations,
		per,
		outChannels = 1,
		postKernel = 7,
		style,
		source
	} = spec;
	const lrelu = (/** @type {string} */ v) => g.op('LeakyRelu', [v], { alpha: 0.1 });
	let h = conv1d(g, g, x, 'dec.conv_pre', cin, channels, 7, { work: { per, rows: 1 } });
	let ch = channels;
	let rate = 1;
	rates.forEach((r, i) => {
		h = convTranspose1d(g, g, lrelu(h), `dec.ups.${i}`, ch, ch / 2, kernels[i], r, {
			per,
			rows: rate
		});
		ch /= 2;
		rate *= r;
		if (source) h = g.op('Add', [h, source(i, ch, rate)]);
		/** @type {string | undefined} */
		let sum;
		resKernels.forEach((k, j) => {
			let y = h;
			dilations.forEach((d, n) => {
				const p = `dec.resblocks.${i * resKernels.length + j}`;
				let t = lrelu(style ? style(y, ch, `${p}.adain1.${n}`) : y);
				t = conv1d(g, g, t, `${p}.convs1.${n}`, ch, ch, k, {
					dilation: d,
					work: { per, rows: rate }
				});
				t = lrelu(style ? style(t, ch, `${p}.adain2.${n}`) : t);
				t = conv1d(g, g, t, `${p}.convs2.${n}`, ch, ch, k, { work: { per, rows: rate } });
				y = g.op('Add', [t, y]);
			});
			sum = sum ? g.op('Add', [sum, y]) : y;
		});
		h = g.op('Div', [/** @type {string} */ (sum), g.float(resKernels.length)]);
	});
	return {
		out: conv1d(g, g, lrelu(h), 'dec.conv_post', ch, outChannels, postKernel, {
			bias: false,
			work: { per, rows: rate }
		}),
		samplesPerFrame: rate
	};
}

/**
 * WaveNet (gated dilated convolutions with a skip sum), as in the VITS flows.
 * @param {import('./big-graph.mjs').BigGraph} g
 * @param {string} x [B, hidden, frames]
 * @param {string} name
 * @param {number} hidden
 * @param {number} layers
 * @param {number} kernel
 */
function wavenet(g, x, name, hidden, layers, kernel) {
	const frame = { per: 'frame', rows: 1 };
	/** @type {string | undefined} */
	let skip;
	for (let i = 0; i < layers; i++) {
		const both = conv1d(g, g, x, `${name}.in_layers.${i}`, hidden, 2 * hidden, kernel, {
			work: frame
		});
		const [a, b] = g.opN('Split', [both, g.int64([hidden, hidden])], 2, { axis: 1 });
		const acts = g.op('Mul', [g.op('Tanh', [a]), g.op('Sigmoid', [b])]);
		const last = i === layers - 1;
		const rs = conv1d(
			g,
			g,
			acts,
			`${name}.res_skip_layers.${i}`,
			hidden,
			last ? hidden : 2 * hidden,
			1,
			{ work: frame }
		);
		if (last) skip = skip ? g.op('Add', [skip, rs]) : rs;
		else {
			const [res, sk] = g.opN('Split', [rs, g.int64([hidden, hidden])], 2, { axis: 1 });
			x = g.op('Add', [x, res]);
			skip = skip ? g.op('Add', [skip, sk]) : sk;
		}
	}
	return /** @type {string} */ (skip);
}

function buildGraph() {
	const { hidden: d, heads: h, ffn, layers } = VITS;
	const g = new BigGraph('vits');
	const token = { per: 'token', rows: 1 };
	const frame = { per: 'frame', rows: 1 };
	const ids = g.input('input_ids', T.INT64, ['batch_size', 'sequence_length']);
	const mask = g.input('attention_mask', T.INT64, ['batch_size', 'sequence_length']);
	let x = g.op('Gather', [g.big('text_encoder.embed_tokens.weight', [64, d], { std: 0.3 }), ids], {
		axis: 0
	});
	const maskF = g.op('Cast', [g.op('Unsqueeze', [mask, g.int64([1, 2])])], { to: T.FLOAT });
	const additive = g.op('Mul', [g.op('Sub', [g.float(1), maskF]), g.float(-10000)]);
	for (let i = 0; i < layers; i++) {
		const p = `text_encoder.encoder.layers.${i}`;
		const q = heads(g, linear(g, g, x, `${p}.attention.q_proj`, d, d, { work: token }), h, d / h);
		const k = heads(g, linear(g, g, x, `${p}.attention.k_proj`, d, d, { work: token }), h, d / h);
		const v = heads(g, linear(g, g, x, `${p}.attention.v_proj`, d, d, { work: token }), h, d / h);
		g.count('MatMul (attention)', 4 * d, 'token·context');
		const a = merge(g, attend(g, g, q, k, v, d / h, additive, 0, 'token'), d);
		x = layerNorm(
			g,
			g,
			g.op('Add', [x, linear(g, g, a, `${p}.attention.out_proj`, d, d, { work: token })]),
			`${p}.layer_norm`,
			d
		);
		let f = conv1d(g, g, swapLast(g, x), `${p}.feed_forward.conv_1`, d, ffn, 3, { work: token });
		f = conv1d(g, g, g.op('Relu', [f]), `${p}.feed_forward.conv_2`, ffn, d, 3, { work: token });
		x = layerNorm(g, g, g.op('Add', [x, swapLast(g, f)]), `${p}.final_layer_norm`, d);
	}
	let c = swapLast(g, x); // [B, 192, S]
	// Duration stage (the real stochastic predictor: convolutions and flows on tokens).
	let dur = c;
	for (let i = 0; i < 3; i++)
		dur = g.op('Relu', [
			conv1d(g, g, dur, `duration_predictor.convs.${i}`, d, d, 3, { work: token })
		]);
	dur = conv1d(g, g, dur, 'duration_predictor.proj', d, 1, 1, { work: token });
	c = g.op('Add', [
		c,
		g.op('Mul', [g.op('ReduceMean', [dur], { axes: [1, 2], keepdims: 1 }), g.float(0)])
	]);
	const stats = conv1d(g, g, c, 'text_encoder.project', d, 2 * d, 1, { work: token });
	const [means] = g.opN('Split', [stats, g.int64([d, d])], 2, { axis: 1 });
	let z = repeatFrames(g, means, d, FRAMES_PER_TOKEN);
	// Flows in reverse (mean-only coupling, channels swapped between flows).
	const half = d / 2;
	for (let f = VITS.flows - 1; f >= 0; f--) {
		const p = `flow.flows.${f}`;
		const [x0, x1] = g.opN('Split', [z, g.int64([half, half])], 2, { axis: 1 });
		const pre = conv1d(g, g, x0, `${p}.conv_pre`, half, d, 1, { work: frame });
		const wn = wavenet(g, pre, `${p}.wavenet`, d, VITS.wavenetLayers, 5);
		const mean = conv1d(g, g, wn, `${p}.conv_post`, d, half, 1, { work: frame });
		z = g.op('Concat', [g.op('Sub', [x1, mean]), x0], { axis: 1 });
	}
	const { out } = hifigan(g, z, {
		cin: d,
		channels: VITS.upsampleChannels,
		rates: VITS.upsampleRates,
		kernels: VITS.upsampleKernels,
		resKernels: VITS.resblockKernels,
		dilations: VITS.resblockDilations,
		per: 'frame'
	});
	const waveform = g.op('Reshape', [g.op('Tanh', [out]), g.int64([0, -1])]);
	g.output('waveform', waveform, T.FLOAT, ['batch_size', 'num_samples']);
	return g;
}

export function buildVits() {
	const tiny = buildTinyTts({ id: VITS.id });
	const files = /** @type {Record<string, any>} */ ({ ...tiny.files });
	delete files['onnx/model.onnx'];
	files['config.json'] = {
		...files['config.json'],
		hidden_size: VITS.hidden,
		sampling_rate: VITS.samplingRate,
		'transformers.js_config': { dtype: 'fp32', use_external_data_format: true },
		kompanion_tiny_model: undefined,
		kompanion_real_shaped: { standsFor: VITS.realRepo, framesPerToken: FRAMES_PER_TOKEN }
	};
	return { id: VITS.id, files, graphs: { 'onnx/model.onnx': buildGraph() } };
}
