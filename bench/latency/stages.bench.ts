// Per-stage latency of the real-shaped stand-ins (scripts/real-shaped) through the app's own worker
// handlers, in Node on the CPU (onnxruntime-node). Started by run.mjs, which picks the stages
// (LATENCY_STAGES) and the configuration (LATENCY_CONFIG); every figure is written to the results
// cache as soon as it is measured, and stages already there are skipped (resumable).
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { afterAll, beforeAll, it } from 'vitest';
import * as transformers from '@huggingface/transformers';
import { serve } from '../../scripts/serve.mjs';
import { REAL_SHAPED_DIR } from '../../scripts/real-shaped/index.mjs';
import { QWEN } from '../../scripts/real-shaped/qwen.mjs';
import { WHISPER } from '../../scripts/real-shaped/whisper.mjs';
import { VITS } from '../../scripts/real-shaped/vits.mjs';
import { KOKORO } from '../../scripts/real-shaped/kokoro.mjs';
import { MINILM } from '../../scripts/real-shaped/bert.mjs';
import { configKey, readResults, writeResults, type Config } from './results.mjs';
import { createOnnxLlmHandlers } from '$lib/ai/llm/onnx/handler';
import { createSttHandlers } from '$lib/ai/speech/stt/handler';
import { createTtsHandlers } from '$lib/ai/speech/tts/handler';
import { loadEmbedder, type Embedder } from '$lib/ai/embed/embedder';
import { mirrorSource, type ModelSource } from '$lib/ai/source';
import { configureTransformers } from '$lib/ai/transformers-env';
import type { RpcResponse, RpcSpec } from '$lib/workers/protocol';
import { createRpcServer, type Handlers } from '$lib/workers/server';

const config: Config = JSON.parse(process.env.LATENCY_CONFIG ?? '{}');
const stages = (process.env.LATENCY_STAGES ?? '').split(',').filter(Boolean);
const turnsToAdd = Number(process.env.LATENCY_TURNS ?? 0);
const key = configKey(config);
let results: Record<string, unknown> = {};
let server: Awaited<ReturnType<typeof serve>>;
let source: ModelSource;

/** The first clause the companion says (6 words, the measured median before the voice starts). */
const CLAUSE_DE = 'Hallo! Schön, dich zu sehen.';
const CLAUSE_EN = 'Hello! So nice to see you again.';
const LONG_DE =
	'Gestern war ich mit meiner Freundin am Hafen, und wir haben lange über ihre neue Arbeit in Hamburg gesprochen.';
const LONG_EN =
	'Yesterday I walked down to the harbour with a friend, and we talked for a long time about her new job in Hamburg.';
/** Tokens streamed before the first clause is complete: 6 words × ~1.3 tokens. */
const FIRST_CLAUSE_TOKENS = 8;

/** 3 s of German speech: "Hallo, ich heiße Anna und ich wohne in Hamburg." (espeak-ng). */
function utterance(seconds = 3): Float32Array {
	const wav = readFileSync('tests/fixtures/audio/de-anna.wav');
	const pcm = new Int16Array(wav.buffer.slice(wav.byteOffset + 44, wav.byteOffset + wav.length));
	const start = 8000; // 0.5 s of silence before the words
	return Float32Array.from(pcm.subarray(start, start + 16000 * seconds), (v) => v / 32768);
}

/** A prompt of about `tokens` tokens (the stand-in's tokenizer: one per byte of ASCII). */
/**
 * `nonce`: put at the start, it leaves no prefix to share with the previous prompt, which turns the
 * ONNX engine's prompt prefix reuse off for this reply (the before of that cut).
 */
function prompt(tokens: number, question = 'Wie war dein Tag?', nonce = '') {
	const persona =
		'You are Lena, a warm German tutor. Speak German at the learner level, short sentences, ask one question at a time. ';
	const system =
		nonce + persona.repeat(Math.ceil(tokens / persona.length)).slice(0, Math.max(0, tokens - 40));
	const messages: { role: 'system' | 'user' | 'assistant'; content: string }[] = [
		{ role: 'system', content: system },
		{ role: 'user', content: question }
	];
	return messages;
}

/** Drives handlers like the worker does, with the time each progress message arrived. */
function drive<S extends RpcSpec>(handlers: Handlers<S>) {
	const posted: (RpcResponse & { at: number })[] = [];
	const dispatch = createRpcServer(handlers, (m) => posted.push({ ...m, at: performance.now() }));
	let id = 0;
	return async <K extends keyof S & string>(type: K, payload: S[K]['in']) => {
		const callId = ++id;
		const started = performance.now();
		await dispatch({ kind: 'call', id: callId, type, payload });
		const done = posted.find((m) => m.id === callId && m.kind !== 'progress')!;
		if (done.kind === 'error') throw new Error(JSON.stringify(done));
		const progress = posted.filter((m) => m.id === callId && m.kind === 'progress');
		return {
			data: (done as { data: S[K]['out'] }).data,
			ms: performance.now() - started,
			progressAt: progress.map((m) => m.at - started)
		};
	};
}

const sttIds: Record<string, string> = {
	'whisper-tiny': WHISPER.tiny.id,
	'whisper-base': WHISPER.base.id
};

async function save(name: string, value: unknown) {
	results = await readResults(key);
	// The machine is shared: the 1-minute load average says how busy it was (2 cores).
	results[name] = Array.isArray(value) ? value : { ...(value as object), load1: loadavg()[0] };
	results.config = config;
	results.updatedAt = new Date().toISOString();
	await writeResults(key, results);
	console.log(`${name}: ${JSON.stringify(value)}`);
}

const wanted = (stage: string) => stages.includes(stage) && !results[stage];

beforeAll(async () => {
	results = await readResults(key);
	server = await serve({ dir: REAL_SHAPED_DIR, port: 0 });
	source = mirrorSource(server.url);
});
afterAll(() => server?.close());

for (const stt of ['whisper-tiny', 'whisper-base']) {
	it(`recognition: ${stt}`, async ({ skip }) => {
		if (!wanted(`stt:${stt}`)) return skip();
		const call = drive(createSttHandlers());
		const load = await call('load', { model: sttIds[stt], device: 'cpu', dtype: 'q8', source });
		const runs = [];
		for (let i = 0; i < 3; i++)
			runs.push((await call('transcribe', { audio: utterance(), languages: ['de'] })).ms);
		// A streaming piece (1 s): Whisper still encodes its whole 30 s window.
		const piece = [];
		for (let i = 0; i < 2; i++)
			piece.push((await call('transcribe', { audio: utterance(1), languages: ['de'] })).ms);
		await save(`stt:${stt}`, { loadMs: load.ms, utteranceMs: runs, pieceMs: piece });
	});
}

it('language model: prefill, decode, prefix reuse', async ({ skip }) => {
	if (!wanted('llm')) return skip();
	const stats = { reusedTokens: 0 };
	const call = drive(createOnnxLlmHandlers(stats));
	const load = await call('load', { model: QWEN.id, device: 'cpu', dtype: 'q4', source });
	// The first prompt shares nothing with the warm-up (a fresh nonce leads it); the second shares
	// its system prompt with the first, which the engine's prefix reuse skips: before and after.
	const nonce = `[${Date.now()}] `;
	const prefill = [];
	for (let i = 0; i < 2; i++) {
		const r = await call('generate', {
			messages: prompt(config.promptTokens, `Frage ${i}?`, nonce),
			maxTokens: 1,
			temperature: 0
		});
		prefill.push({
			ms: r.data.usage?.timeToFirstTokenMs,
			promptTokens: r.data.usage?.promptTokens,
			reusedTokens: stats.reusedTokens
		});
	}
	const decode = await call('generate', { messages: prompt(100), maxTokens: 24, temperature: 0 });
	await save('llm', {
		loadMs: load.ms,
		prefill,
		decodeTokensPerSecond: decode.data.usage?.tokensPerSecond,
		decodeTokens: decode.data.usage?.completionTokens
	});
});

it('language model: prefix reuse (prefill of the new turn only)', async ({ skip }) => {
	if (!wanted('llm-prefix')) return skip();
	// Straight through transformers.js (the handler keeps no cache between replies yet): what a
	// reused KV cache leaves to prefill, the new turn (~60 tokens) at the prompt's context.
	configureTransformers(transformers.env, source, undefined, 'cpu');
	const tokenizer = await transformers.AutoTokenizer.from_pretrained(QWEN.id);
	const model = await transformers.AutoModelForCausalLM.from_pretrained(QWEN.id, {
		device: 'cpu',
		dtype: 'q4'
	});
	const messages = prompt(config.promptTokens);
	const encode = (m: typeof messages) =>
		tokenizer.apply_chat_template(m, { add_generation_prompt: true, return_dict: true }) as {
			input_ids: transformers.Tensor;
			attention_mask: transformers.Tensor;
		};
	const first = encode(messages);
	const cached = (await model.generate({
		...first,
		max_new_tokens: 1,
		return_dict_in_generate: true
	})) as {
		past_key_values: unknown;
	};
	const next = encode([
		...messages,
		{ role: 'assistant' as const, content: '' },
		{
			role: 'user' as const,
			content: 'Und was hast du am Wochenende gemacht? Erzähl mir bitte mehr davon!'
		}
	]);
	const newTokens = (next.input_ids.dims.at(-1) ?? 0) - (first.input_ids.dims.at(-1) ?? 0);
	const started = performance.now();
	await model.generate({
		...next,
		past_key_values: cached.past_key_values as transformers.DynamicCache,
		max_new_tokens: 1
	});
	const reuseMs = performance.now() - started;
	const fullStarted = performance.now();
	await model.generate({ ...next, max_new_tokens: 1 });
	const fullMs = performance.now() - fullStarted;
	await model.dispose();
	await save('llm-prefix', {
		newTokens,
		reuseMs,
		fullMs,
		contextTokens: next.input_ids.dims.at(-1)
	});
});

for (const voice of ['vits', 'kokoro']) {
	it(`voice: ${voice}`, async ({ skip }) => {
		if (!wanted(`voice:${voice}`)) return skip();
		const call = drive(createTtsHandlers());
		const spec =
			voice === 'vits'
				? { engine: 'vits' as const, model: VITS.id }
				: {
						engine: 'kokoro' as const,
						model: KOKORO.id,
						voice: 'af_heart',
						voiceUrl: new URL(
							'node_modules/kokoro-js/voices/af_heart.bin',
							`file://${process.cwd()}/`
						).href
					};
		const load = await call('load', { voice: spec, device: 'cpu', source });
		const clause = voice === 'vits' ? CLAUSE_DE : CLAUSE_EN;
		const first = [];
		for (let i = 0; i < 3; i++) {
			const r = await call('speak', { text: clause });
			first.push({ ms: r.ms, audioSeconds: r.data.audio.length / r.data.sampleRate });
		}
		const long = await call('speak', { text: voice === 'vits' ? LONG_DE : LONG_EN });
		const audioSeconds = long.data.audio.length / long.data.sampleRate;
		await save(`voice:${voice}`, {
			loadMs: load.ms,
			firstClause: first,
			long: { ms: long.ms, audioSeconds, rtf: long.ms / 1000 / audioSeconds }
		});
	});
}

it('query embedding', async ({ skip }) => {
	if (!wanted('embed')) return skip();
	const started = performance.now();
	const embedder: Embedder = await loadEmbedder({
		model: MINILM.id,
		device: 'cpu',
		dtype: 'q8',
		source
	});
	const loadMs = performance.now() - started;
	const runs = [];
	for (let i = 0; i < 5; i++) {
		const t = performance.now();
		await embedder.embed([`Hallo, ich heiße Anna und ich wohne in Hamburg. (${i})`]);
		runs.push(performance.now() - t);
	}
	await embedder.dispose();
	await save('embed', { loadMs, queryMs: runs });
});

it('whole turns: end of speech → first audio', async ({ skip }) => {
	if (!stages.includes('turn') || turnsToAdd <= 0) return skip();
	const stt = drive(createSttHandlers());
	const stats = { reusedTokens: 0 };
	const llm = drive(createOnnxLlmHandlers(stats));
	const tts = drive(createTtsHandlers());
	await stt('load', { model: sttIds[config.stt], device: 'cpu', dtype: 'q8', source });
	await llm('load', { model: QWEN.id, device: 'cpu', dtype: 'q4', source });
	const spec =
		config.voice === 'vits'
			? { engine: 'vits' as const, model: VITS.id }
			: {
					engine: 'kokoro' as const,
					model: KOKORO.id,
					voice: 'af_heart',
					voiceUrl: new URL(
						'node_modules/kokoro-js/voices/af_heart.bin',
						`file://${process.cwd()}/`
					).href
				};
	await tts('load', { voice: spec, device: 'cpu', source });
	const embedder = await loadEmbedder({ model: MINILM.id, device: 'cpu', dtype: 'q8', source });
	for (let i = 0; i < turnsToAdd; i++) {
		// End of speech. The silence window is a timer, not compute: added afterwards.
		const t0 = performance.now();
		const heard = await stt('transcribe', { audio: utterance(), languages: ['de'] });
		const tText = performance.now() - t0;
		await embedder.embed([heard.data.text || 'Hallo']);
		const tRecall = performance.now() - t0;
		const reply = await llm('generate', {
			// Every third turn starts its prompt differently: no prefix to reuse (the before).
			messages: prompt(
				config.promptTokens,
				`${heard.data.text} (${Date.now()})`,
				i % 3 === 0 ? `[${Date.now()}] ` : ''
			),
			maxTokens: FIRST_CLAUSE_TOKENS,
			temperature: 0
		});
		// The engine's own time to its first token (a random model's first text may be whitespace,
		// which streams nothing).
		const tFirstToken = tRecall + (reply.data.usage?.timeToFirstTokenMs ?? reply.ms);
		const tClause = performance.now() - t0;
		await tts('speak', { text: config.voice === 'vits' ? CLAUSE_DE : CLAUSE_EN });
		const tAudio = performance.now() - t0;
		results = await readResults(key);
		const turns = [
			...((results.turns as unknown[] | undefined) ?? []),
			{
				tText,
				tRecall,
				tFirstToken,
				tClause,
				tAudio,
				reusedTokens: stats.reusedTokens,
				load1: loadavg()[0],
				at: new Date().toISOString()
			}
		];
		await save('turns', turns);
	}
	await embedder.dispose();
});
