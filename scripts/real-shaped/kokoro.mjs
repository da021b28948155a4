// Kokoro-82M v1.0 as kokoro-js loads it (onnx-community/Kokoro-82M-v1.0-ONNX, one graph:
// input_ids [1, T], style [1, 256], speed [1] → waveform [N] at 24 kHz), as closely as its graph
// allows without the real file: PL-BERT (ALBERT, 12 passes of one shared 768-wide layer), the
// prosody predictor (bidirectional LSTMs with AdaLayerNorm, F0 and energy AdaIN resblocks), the
// text encoder (3 convolutions + BiLSTM), and the iSTFTNet decoder (AdaIN resblocks to 1024
// channels, generator upsampling 10·6 with AdaIN resblocks 3·7·11, a 20-point inverse STFT as a
// transposed convolution). Each token lasts FRAMES_PER_TOKEN frames at 40 frames/s (the real one
// predicts durations); the harmonic source is F0 stretched and projected, not a sine bank and STFT. The tokenizer is tiny Kokoro's.
import { buildTinyKokoro } from '../tiny-models/tiny-kokoro.mjs';
import { BigGraph, T } from './big-graph.mjs';
import {
	attend,
	conv1d,
	convTranspose1d,
	gelu,
	heads,
	layerNorm,
	linear,
	merge,
	repeatFrames,
	swapLast
} from './blocks.mjs';
import { hifigan } from './vits.mjs';

export const KOKORO = Object.freeze({
	id: 'kompanion-real-shaped/kokoro-82m',
	realRepo: 'onnx-community/Kokoro-82M-v1.0-ONNX',
	samplingRate: 24000,
	vocab: 178
});
/** 40 frames/s; 3 frames per phoneme ≈ 13 phonemes/s. */
export const FRAMES_PER_TOKEN = 3;

function buildGraph() {
	const g = new BigGraph('kokoro');
	const token = { per: 'token', rows: 1 };
	const frame = { per: 'frame', rows: 1 };
	const frame2 = { per: 'frame', rows: 2 };
	const ids = g.input('input_ids', T.INT64, [1, 'sequence_length']);
	const styleIn = g.input('style', T.FLOAT, [1, 256]);
	const speed = g.input('speed', T.FLOAT, [1]);
	// The real graph divides durations by speed; here it scales nothing (× speed / speed).
	const style = g.op('Mul', [styleIn, g.op('Div', [speed, speed])]);
	const [sRef, sPro] = g.opN('Split', [style, g.int64([128, 128])], 2, { axis: 1 });

	/** Instance norm with a style-driven gain and shift, on [B, C, L]. */
	const adain = (
		/** @type {string} */ x,
		/** @type {number} */ c,
		/** @type {string} */ name,
		s = sRef
	) => {
		const gb = linear(g, g, s, `${name}.fc`, 128, 2 * c, { work: { per: 'call', rows: 1 } });
		const [gamma, beta] = g.opN(
			'Split',
			[g.op('Unsqueeze', [gb, g.int64([2])]), g.int64([c, c])],
			2,
			{ axis: 1 }
		);
		const norm = g.op(
			'InstanceNormalization',
			[
				x,
				g.big(`${name}.norm.weight`, [c], { value: 1, count: false }),
				g.big(`${name}.norm.bias`, [c], { value: 0, count: false })
			],
			{ epsilon: 1e-5 }
		);
		return g.op('Add', [g.op('Mul', [norm, g.op('Add', [gamma, g.float(1)])]), beta]);
	};
	const lrelu = (/** @type {string} */ x) => g.op('LeakyRelu', [x], { alpha: 0.2 });
	/** StyleTTS2's AdainResBlk1d; `rows`: output positions per unit. */
	const adainRes = (
		/** @type {string} */ x,
		/** @type {number} */ cin,
		/** @type {number} */ cout,
		/** @type {string} */ name,
		/** @type {{per: string, rows: number}} */ work,
		upsample = false,
		s = sRef
	) => {
		let r = lrelu(adain(x, cin, `${name}.norm1`, s));
		if (upsample)
			r = g.op(
				'ConvTranspose',
				[
					r,
					g.big(`${name}.pool.weight`, [cin, 1, 3]),
					g.big(`${name}.pool.bias`, [cin], { std: 0.01 })
				],
				{ kernel_shape: [3], strides: [2], pads: [1, 0], group: cin }
			);
		r = conv1d(g, g, r, `${name}.conv1`, cin, cout, 3, { work });
		r = conv1d(g, g, lrelu(adain(r, cout, `${name}.norm2`, s)), `${name}.conv2`, cout, cout, 3, {
			work
		});
		let short = x;
		if (upsample) short = g.op('Resize', [x, '', g.float([1, 1, 2])], { mode: 'nearest' });
		if (cin !== cout)
			short = conv1d(g, g, short, `${name}.conv1x1`, cin, cout, 1, { bias: false, work });
		return g.op('Mul', [g.op('Add', [r, short]), g.float(Math.SQRT1_2)]);
	};
	/** A bidirectional LSTM over [B, C, L] → [B, 2·hidden, L]. */
	const bilstm = (
		/** @type {string} */ x,
		/** @type {number} */ cin,
		/** @type {number} */ hidden,
		/** @type {string} */ name,
		/** @type {string} */ per
	) => {
		g.count('LSTM', 2 * 2 * 4 * hidden * (cin + hidden), per);
		const seq = g.op('Transpose', [x], { perm: [2, 0, 1] });
		const W = g.big(`${name}.W`, [2, 4 * hidden, cin], { std: 1 / Math.sqrt(cin) });
		const R = g.big(`${name}.R`, [2, 4 * hidden, hidden], { std: 1 / Math.sqrt(hidden) });
		const B = g.big(`${name}.B`, [2, 8 * hidden], { std: 0.01 });
		const [y] = g.opN('LSTM', [seq, W, R, B], 1, {
			direction: 'bidirectional',
			hidden_size: hidden
		});
		// [L, 2, B, H] → [B, 2H, L]
		const t = g.op('Transpose', [y], { perm: [2, 1, 3, 0] });
		return g.op('Reshape', [t, g.int64([0, 2 * hidden, -1])]);
	};
	const withStyle = (/** @type {string} */ x, /** @type {number} */ _c) => {
		// Concatenate the prosody style to every position: [B, C, L] → [B, C + 128, L].
		const length = g.op('Gather', [g.op('Shape', [x]), g.int64([2])], { axis: 0 });
		const s = g.op('Expand', [
			g.op('Unsqueeze', [sPro, g.int64([2])]),
			g.op('Concat', [g.int64([1, 128]), length], { axis: 0 })
		]);
		return g.op('Concat', [x, s], { axis: 1 });
	};

	// PL-BERT: ALBERT with one layer's weights used 12 times.
	let b = g.op(
		'Gather',
		[g.big('bert.embeddings.word_embeddings.weight', [KOKORO.vocab, 128]), ids],
		{ axis: 0 }
	);
	const length = g.op('Gather', [g.op('Shape', [ids]), g.int64(1)], { axis: 0 });
	b = g.op('Add', [
		b,
		g.op(
			'Gather',
			[
				g.big('bert.embeddings.position_embeddings.weight', [512, 128]),
				g.op('Range', [g.int64(0), length, g.int64(1)])
			],
			{ axis: 0 }
		)
	]);
	b = layerNorm(g, g, b, 'bert.embeddings.LayerNorm', 128);
	b = linear(g, g, b, 'bert.encoder.embedding_hidden_mapping_in', 128, 768, { work: token });
	const shared = 'bert.encoder.albert_layer_groups.0.albert_layers.0';
	for (let i = 0; i < 12; i++) {
		// One layer's weights, created on the first pass and used by all 12.
		const name = (/** @type {string} */ n) => `${shared}.${n}`;
		const q = heads(g, sharedLinear(b, name('attention.query'), 768, 768), 12, 64);
		const k = heads(g, sharedLinear(b, name('attention.key'), 768, 768), 12, 64);
		const v = heads(g, sharedLinear(b, name('attention.value'), 768, 768), 12, 64);
		g.count('MatMul (attention)', 4 * 768, 'token·context');
		const a = merge(g, attend(g, g, q, k, v, 64, undefined, 0, 'token'), 768);
		b = sharedNorm(
			g.op('Add', [b, sharedLinear(a, name('attention.dense'), 768, 768)]),
			name('attention.LayerNorm'),
			768
		);
		const f = gelu(g, sharedLinear(b, name('ffn'), 768, 2048));
		b = sharedNorm(
			g.op('Add', [b, sharedLinear(f, name('ffn_output'), 2048, 768)]),
			name('full_layer_layer_norm'),
			768
		);
	}
	function sharedLinear(
		/** @type {string} */ x,
		/** @type {string} */ name,
		/** @type {number} */ i,
		/** @type {number} */ o
	) {
		g.count('MatMul', 2 * i * o, 'token');
		if (!sharedWeights.has(name))
			sharedWeights.set(name, [
				g.big(`${name}.weight`, [i, o], { std: 1 / Math.sqrt(i) }),
				g.big(`${name}.bias`, [o], { std: 0.01 })
			]);
		const [w, bias] = /** @type {[string, string]} */ (sharedWeights.get(name));
		return g.op('Add', [g.op('MatMul', [x, w]), bias]);
	}
	function sharedNorm(
		/** @type {string} */ x,
		/** @type {string} */ name,
		/** @type {number} */ dim
	) {
		if (!sharedWeights.has(name))
			sharedWeights.set(name, [
				g.big(`${name}.weight`, [dim], { value: 1 }),
				g.big(`${name}.bias`, [dim], { value: 0 })
			]);
		const [w, bias] = /** @type {[string, string]} */ (sharedWeights.get(name));
		return g.op('LayerNormalization', [x, w, bias], { axis: -1, epsilon: 1e-12 });
	}
	const dEn = swapLast(g, linear(g, g, b, 'bert_encoder', 768, 512, { work: token })); // [1, 512, T]

	// Prosody predictor: text encoder (3 × BiLSTM + AdaLayerNorm), durations, shared LSTM, F0 and N.
	let d = dEn;
	for (let i = 0; i < 3; i++) {
		d = bilstm(withStyle(d, 512), 640, 256, `predictor.text_encoder.lstms.${2 * i}`, 'token');
		d = adain(d, 512, `predictor.text_encoder.lstms.${2 * i + 1}`, sPro);
	}
	const dWithStyle = withStyle(d, 512); // [1, 640, T]
	const durations = linear(
		g,
		g,
		swapLast(g, bilstm(dWithStyle, 640, 256, 'predictor.lstm', 'token')),
		'predictor.duration_proj',
		512,
		50,
		{ work: token }
	);
	const en = repeatFrames(
		g,
		g.op('Add', [
			dWithStyle,
			g.op('Mul', [g.op('ReduceMean', [durations], { axes: [1, 2], keepdims: 1 }), g.float(0)])
		]),
		640,
		FRAMES_PER_TOKEN
	);
	const sharedOut = bilstm(en, 640, 256, 'predictor.shared', 'frame');
	const prosody = (/** @type {string} */ name) => {
		let p = adainRes(sharedOut, 512, 512, `${name}.0`, frame, false, sPro);
		p = adainRes(p, 512, 256, `${name}.1`, frame2, true, sPro);
		p = adainRes(p, 256, 256, `${name}.2`, frame2, false, sPro);
		return conv1d(g, g, p, `${name}.proj`, 256, 1, 1, { work: frame2 });
	};
	const f0 = prosody('predictor.F0');
	const energy = prosody('predictor.N');

	// Text encoder → aligned features (asr).
	let t = swapLast(
		g,
		g.op('Gather', [g.big('text_encoder.embedding.weight', [KOKORO.vocab, 512]), ids], { axis: 0 })
	);
	for (let i = 0; i < 3; i++) {
		t = conv1d(g, g, t, `text_encoder.cnn.${i}.conv`, 512, 512, 5, { work: token });
		t = lrelu(swapLast(g, layerNorm(g, g, swapLast(g, t), `text_encoder.cnn.${i}.norm`, 512)));
	}
	t = bilstm(t, 512, 256, 'text_encoder.lstm', 'token');
	const asr = repeatFrames(g, t, 512, FRAMES_PER_TOKEN);

	// Decoder.
	const f0d = conv1d(g, g, f0, 'decoder.F0_conv', 1, 1, 3, { stride: 2, work: frame });
	const nd = conv1d(g, g, energy, 'decoder.N_conv', 1, 1, 3, { stride: 2, work: frame });
	let x = adainRes(g.op('Concat', [asr, f0d, nd], { axis: 1 }), 514, 1024, 'decoder.encode', frame);
	const asrRes = conv1d(g, g, asr, 'decoder.asr_res', 512, 64, 1, { work: frame });
	for (let i = 0; i < 4; i++) {
		const last = i === 3;
		x = adainRes(
			g.op('Concat', [x, asrRes, f0d, nd], { axis: 1 }),
			1090,
			last ? 512 : 1024,
			`decoder.decode.${i}`,
			last ? frame2 : frame,
			last
		);
	}
	// The harmonic source's spectrum (22 bins at the STFT's 60 positions per generator frame): the
	// real one is a sine bank driven by F0 and its STFT; here the F0 curve, stretched and projected.
	const f0Audio = g.op('Resize', [f0, '', g.float([1, 1, 60])], { mode: 'nearest' });
	const harmonics = g.op('Sin', [
		conv1d(g, g, f0Audio, 'decoder.generator.m_source', 1, 22, 1, {
			work: { per: 'generator-frame', rows: 60 }
		})
	]);
	const { out } = hifigan(g, x, {
		cin: 512,
		channels: 512,
		rates: [10, 6],
		kernels: [20, 12],
		resKernels: [3, 7, 11],
		dilations: [1, 3, 5],
		per: 'generator-frame',
		outChannels: 22,
		style: (v, c, name) => adain(v, c, name),
		source: (stage, c, rate) => {
			const work = { per: 'generator-frame', rows: rate };
			let n =
				stage === 0
					? conv1d(g, g, harmonics, 'decoder.generator.noise_convs.0', 22, c, 12, {
							stride: 6,
							work
						})
					: conv1d(g, g, harmonics, 'decoder.generator.noise_convs.1', 22, c, 1, { work });
			// noise_res: one AdaIN resblock (kernel 7, then 11; dilations 1, 3, 5).
			const k = stage === 0 ? 7 : 11;
			for (const [j, dil] of [1, 3, 5].entries()) {
				const p = `decoder.generator.noise_res.${stage}`;
				let r = conv1d(g, g, lrelu(adain(n, c, `${p}.adain1.${j}`)), `${p}.convs1.${j}`, c, c, k, {
					dilation: dil,
					work
				});
				r = conv1d(g, g, lrelu(adain(r, c, `${p}.adain2.${j}`)), `${p}.convs2.${j}`, c, c, k, {
					work
				});
				n = g.op('Add', [n, r]);
			}
			return n;
		}
	});
	// The inverse STFT (n_fft 20, hop 5) as overlap-add: a transposed convolution.
	const inverse = convTranspose1d(g, g, out, 'decoder.generator.istft', 22, 1, 20, 5, {
		per: 'generator-frame',
		rows: 60
	});
	const waveform = g.op('Reshape', [g.op('Tanh', [inverse]), g.int64([-1])]);
	g.output('waveform', waveform, T.FLOAT, ['num_samples']);
	return g;
}
/** @type {Map<string, [string, string]>} */
const sharedWeights = new Map();

export function buildKokoro() {
	sharedWeights.clear();
	const tiny = buildTinyKokoro({ id: KOKORO.id });
	const files = /** @type {Record<string, any>} */ ({ ...tiny.files });
	delete files['onnx/model.onnx'];
	delete files['onnx/model_quantized.onnx'];
	const graph = buildGraph();
	files['config.json'] = {
		...files['config.json'],
		'transformers.js_config': { use_external_data_format: true },
		kompanion_tiny_model: undefined,
		kompanion_real_shaped: { standsFor: KOKORO.realRepo, framesPerToken: FRAMES_PER_TOKEN }
	};
	return { id: KOKORO.id, files, graphs: { 'onnx/model_quantized.onnx': graph } };
}
