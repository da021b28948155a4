// The tiny stand-in models, loaded through transformers.js's ordinary pipeline()/from_pretrained()
// code from a local folder with remote models disabled, exactly as the app's tests will use them.
import {
	AutoModelForCausalLM,
	AutoTokenizer,
	InterruptableStoppingCriteria,
	Tensor,
	TextStreamer,
	cos_sim,
	env,
	pipeline,
	type Message
} from '@huggingface/transformers';
import { KokoroTTS } from 'kokoro-js';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
	EMBED_DICTIONARY,
	EMBED_HIDDEN_SIZE,
	EMBED_ID,
	KOKORO_ID,
	KOKORO_SAMPLES_PER_TOKEN,
	KOKORO_SAMPLING_RATE,
	KOKORO_STYLE_DIM,
	KOKORO_STYLE_DIRECTION,
	KOKORO_VOCAB,
	LLM_DEFAULT_REPLY,
	LLM_ID,
	LLM_ANNA_INTRO,
	LLM_MEMORY_JSON,
	LLM_NO_MEMORY_JSON,
	LLM_RECALL_REPLIES,
	TTS_AMPLITUDE,
	TTS_ID,
	TTS_SAMPLING_RATE,
	WHISPER_ID,
	WHISPER_TRANSCRIPTS,
	buildAllTinyModels,
	buildTinyLlm,
	generateTinyModels,
	kokoroSampleCount,
	kokoroStyleGain,
	serialise,
	ttsSampleCount,
	writeModel
} from '../../scripts/tiny-models/index.mjs';
import { LLM_LONG_ID, PIPER_ID } from '../../scripts/tiny-models/index.mjs';

let root = '';

beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'kompanion-tiny-models-'));
	const result = await generateTinyModels(root);
	expect(result.skipped).toBe(false);
	env.allowRemoteModels = false;
	env.allowLocalModels = true;
	env.localModelPath = root;
	env.useFSCache = false;
});

afterAll(async () => {
	await rm(root, { recursive: true, force: true });
});

/** A 16 kHz clip that looks like speech to a level meter: a buzzy 180 Hz voice, 4 syllables/s. */
function voiceLikeAudio(seconds: number): Float32Array {
	const rate = 16000;
	const samples = new Float32Array(Math.round(seconds * rate));
	for (let i = 0; i < samples.length; i++) {
		const t = i / rate;
		const syllables = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
		const voice = Math.sin(2 * Math.PI * 180 * t) + 0.5 * Math.sin(2 * Math.PI * 360 * t);
		samples[i] = 0.15 * syllables * voice;
	}
	return samples;
}

function chat(...messages: [Message['role'], string][]): Message[] {
	return messages.map(([role, content]) => ({ role, content }));
}

describe('tiny model files', () => {
	it('are byte-identical on every build and skipped when up to date', async () => {
		const digests = () =>
			buildAllTinyModels().flatMap((model) =>
				Object.entries(model.files).map(([file, content]) => {
					const digest = createHash('sha256').update(serialise(content)).digest('hex');
					return `${model.id}/${file} ${digest}`;
				})
			);
		const first = digests();
		expect(first).toHaveLength(44);
		expect(digests()).toEqual(first);
		const again = await generateTinyModels(root);
		expect(again.skipped).toBe(true);
		expect(again.files).toHaveLength(44);
	});

	it('stay within a few hundred KB to ~2 MB per model', async () => {
		const sizes = new Map<string, number>();
		for (const file of (await generateTinyModels(root)).files) {
			const id = file.path
				.slice(root.length + 1)
				.split('/')
				.slice(0, 2)
				.join('/');
			sizes.set(id, (sizes.get(id) ?? 0) + file.bytes);
		}
		for (const [id, bytes] of sizes) {
			// tiny-piper computes its tones (no sample table): a few KB.
			expect(bytes, id).toBeGreaterThan(id === PIPER_ID ? 5_000 : 200_000);
			// The long-reply variant has one vocabulary entry per word of its 800-number script.
			expect(bytes, id).toBeLessThan(id === LLM_LONG_ID ? 8_000_000 : 2_000_000);
		}
	});
});

describe('tiny-llm', () => {
	const prompts: [string, Message[]][] = [
		['short', chat(['user', 'Hi'])],
		[
			'German with emoji',
			chat(
				['system', 'Du bist Lena, eine Tutorin.'],
				['user', 'Grüße! Wie heißt du? Straße, Größe 😀']
			)
		],
		[
			'long',
			chat(
				['system', 'Sei freundlich. '.repeat(400)],
				['user', 'Was machen wir heute?'],
				['assistant', 'Wir üben.'],
				['user', 'Gut.']
			)
		]
	];

	it.each(prompts)('answers a %s chat prompt with the default reply', async (_name, messages) => {
		const generator = await pipeline('text-generation', LLM_ID, { dtype: 'fp32' });
		const [output] = await generator(messages, { max_new_tokens: 1000 });
		const reply = (output.generated_text as Message[]).at(-1);
		expect(reply).toEqual({ role: 'assistant', content: LLM_DEFAULT_REPLY });
	});

	it('answers a memory-extraction prompt with the fact only when Anna introduced herself', async () => {
		const generator = await pipeline('text-generation', LLM_ID);
		const answer = async (transcript: string) => {
			const messages = chat(
				['system', 'Extract memories. Answer in JSON only.'],
				['user', `New part of the conversation:\n"""\n${transcript}\n"""`]
			);
			const [output] = await generator(messages, { max_new_tokens: 500 });
			return (output.generated_text as Message[]).at(-1)?.content as string;
		};
		const told = await answer(`Person: ${LLM_ANNA_INTRO}\nLena: Schön!`);
		expect(told).toBe(LLM_MEMORY_JSON);
		expect(JSON.parse(told).memories[0]).toMatchObject({ kind: 'semantic', importance: 0.8 });
		// The German audio fixture says the same, so a call forms the same memory.
		expect(WHISPER_TRANSCRIPTS.de.trim()).toBe(LLM_ANNA_INTRO);
		expect(await answer('Person: Wie geht es dir?\nLena: Gut!')).toBe(LLM_NO_MEMORY_JSON);
		// What the person says in a chat is not a memory-extraction prompt.
		const [chatOutput] = await generator(
			chat(['system', 'Du bist Lena.'], ['user', LLM_ANNA_INTRO]),
			{
				max_new_tokens: 500
			}
		);
		expect((chatOutput.generated_text as Message[]).at(-1)?.content).toBe(LLM_DEFAULT_REPLY);
	});

	it('shows which remembered fact reached the prompt, not what the person said', async () => {
		const generator = await pipeline('text-generation', LLM_ID);
		const reply = async (system: string, user: string) => {
			const [output] = await generator(chat(['system', system], ['user', user]), {
				max_new_tokens: 200
			});
			return (output.generated_text as Message[]).at(-1)?.content;
		};
		const memory = (fact: string) => `You remember:\n"""\n- ${fact}\n"""`;
		expect(await reply(memory('Anna lives in Hamburg.'), 'Wo wohne ich?')).toBe(
			LLM_RECALL_REPLIES['lives in Hamburg']
		);
		expect(await reply(memory('Anna lives in Munich.'), 'Wo wohne ich?')).toBe(
			LLM_RECALL_REPLIES['lives in Munich']
		);
		expect(await reply('Du bist Lena.', 'Ich wohne in Hamburg.')).toBe(LLM_DEFAULT_REPLY);
	});

	it('tokenizes any UTF-8 text and formats ChatML', async () => {
		const tokenizer = await AutoTokenizer.from_pretrained(LLM_ID);
		const text = 'Äpfel, Öl, Übung, Spaß: 😀🇩🇪 \t\n\u0000 «quoted» 日本';
		expect(tokenizer.decode(tokenizer.encode(text))).toBe(text);
		const prompt = tokenizer.apply_chat_template(
			chat(['system', 'S'], ['user', 'U'], ['assistant', 'A']),
			{
				add_generation_prompt: true,
				tokenize: false
			}
		);
		expect(prompt).toBe(
			'<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\nA<|im_end|>\n<|im_start|>assistant\n'
		);
		expect(tokenizer.eos_token).toBe('<|im_end|>');
	});

	it('streams the reply token by token and then stops at <|im_end|>', async () => {
		const tokenizer = await AutoTokenizer.from_pretrained(LLM_ID);
		const model = await AutoModelForCausalLM.from_pretrained(LLM_ID);
		const inputs = tokenizer.apply_chat_template(chat(['user', 'Erzähl mal!']), {
			add_generation_prompt: true,
			return_dict: true
		}) as { input_ids: Tensor; attention_mask: Tensor };
		const pieces: string[] = [];
		let tokens = 0;
		const streamer = new TextStreamer(tokenizer, {
			skip_prompt: true,
			callback_function: (text: string) => pieces.push(text),
			token_callback_function: () => (tokens += 1)
		});
		const output = (await model.generate({ ...inputs, max_new_tokens: 5000, streamer })) as Tensor;
		const promptLength = inputs.input_ids.dims[1];
		const generated = (output.tolist() as bigint[][])[0].slice(promptLength).map(Number);
		expect(pieces.join('')).toBe(LLM_DEFAULT_REPLY);
		expect(pieces.length).toBeGreaterThan(20);
		expect(tokens).toBe(generated.length);
		expect(generated.length).toBeGreaterThanOrEqual(40);
		expect(generated.at(-1)).toBe(tokenizer.eos_token_id);
	});

	it('stops early when InterruptableStoppingCriteria is interrupted', async () => {
		const tokenizer = await AutoTokenizer.from_pretrained(LLM_ID);
		const model = await AutoModelForCausalLM.from_pretrained(LLM_ID);
		const inputs = tokenizer.apply_chat_template(chat(['user', 'Hallo']), {
			add_generation_prompt: true,
			return_dict: true
		}) as { input_ids: Tensor; attention_mask: Tensor };
		const stopping = new InterruptableStoppingCriteria();
		let tokens = 0;
		const streamer = new TextStreamer(tokenizer, {
			skip_prompt: true,
			callback_function: () => undefined,
			token_callback_function: () => {
				tokens += 1;
				if (tokens === 5) stopping.interrupt();
			}
		});
		const output = (await model.generate({
			...inputs,
			max_new_tokens: 500,
			streamer,
			stopping_criteria: stopping
		})) as Tensor;
		const generated = (output.tolist() as bigint[][])[0].slice(inputs.input_ids.dims[1]);
		expect(generated).toHaveLength(5);
		const text = tokenizer.decode(generated, { skip_special_tokens: true });
		expect(text.length).toBeGreaterThan(0);
		expect(LLM_DEFAULT_REPLY.startsWith(text)).toBe(true);
	});

	it('follows custom scripts: first listed trigger wins, an empty default answers nothing', async () => {
		const variant = buildTinyLlm({
			id: 'kompanion-test/tiny-llm-variant',
			scripts: [
				{ trigger: 'Wetter', text: 'Heute scheint die Sonne.' },
				{ trigger: 'Kaffee', text: 'Gern!\n{"drink": "Kaffee", "milk": true}' },
				{ text: '' }
			]
		});
		await writeModel(root, variant);
		const generator = await pipeline('text-generation', variant.id);
		const reply = async (messages: Message[]) => {
			const [output] = await generator(messages, { max_new_tokens: 200 });
			return (output.generated_text as Message[]).at(-1)?.content;
		};
		expect(await reply(chat(['system', 'Thema: Kaffee'], ['user', 'Und das Wetter?']))).toBe(
			'Heute scheint die Sonne.'
		);
		expect(await reply(chat(['user', 'Magst du Kaffee?']))).toBe(
			'Gern!\n{"drink": "Kaffee", "milk": true}'
		);
		expect(await reply(chat(['user', 'Sonst nichts.']))).toBe('');
		const config = JSON.parse(await readFile(join(root, variant.id, 'config.json'), 'utf8'));
		expect(config.kompanion_tiny_model.scripts).toHaveLength(3);
	});
});

describe('tiny-whisper', () => {
	it.each([
		['german', 2, WHISPER_TRANSCRIPTS.de],
		['german', 6, WHISPER_TRANSCRIPTS.de],
		['english', 2, WHISPER_TRANSCRIPTS.en],
		['english', 6, WHISPER_TRANSCRIPTS.en]
	])('transcribes %s speech of %i s to the fixed sentence', async (language, seconds, expected) => {
		const transcriber = await pipeline('automatic-speech-recognition', WHISPER_ID);
		const output = await transcriber(voiceLikeAudio(seconds), { language, task: 'transcribe' });
		expect(output).toEqual({ text: expected });
	});

	it('puts the chosen language token into the decoder prompt', async () => {
		const transcriber = await pipeline('automatic-speech-recognition', WHISPER_ID);
		const { input_features } = await transcriber.processor(voiceLikeAudio(3));
		const ids = (await transcriber.model.generate({
			inputs: input_features,
			language: 'de',
			task: 'transcribe'
		})) as Tensor;
		const tokens = (ids.tolist() as bigint[][])[0].map((id) =>
			transcriber.tokenizer.decode([Number(id)])
		);
		expect(tokens.slice(0, 4)).toEqual([
			'<|startoftranscript|>',
			'<|de|>',
			'<|transcribe|>',
			'<|notimestamps|>'
		]);
		expect(tokens.at(-1)).toBe('<|endoftext|>');
	});

	it('falls back to English without a language, for other languages and for translation', async () => {
		const transcriber = await pipeline('automatic-speech-recognition', WHISPER_ID);
		const audio = voiceLikeAudio(3);
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
		try {
			expect(await transcriber(audio)).toEqual({ text: WHISPER_TRANSCRIPTS.en });
			expect(warn).toHaveBeenCalledWith('No language specified - defaulting to English (en).');
		} finally {
			warn.mockRestore();
		}
		expect(await transcriber(audio, { language: 'french' })).toEqual({
			text: WHISPER_TRANSCRIPTS.en
		});
		expect(await transcriber(audio, { language: 'german', task: 'translate' })).toEqual({
			text: WHISPER_TRANSCRIPTS.en
		});
	});

	it('returns an empty transcript for silence', async () => {
		const transcriber = await pipeline('automatic-speech-recognition', WHISPER_ID);
		const quiet = new Float32Array(16000 * 3).map((_, i) => 1e-5 * Math.sin(i));
		expect(await transcriber(new Float32Array(16000 * 3), { language: 'german' })).toEqual({
			text: ''
		});
		expect(await transcriber(quiet, { language: 'german' })).toEqual({ text: '' });
	});
});

describe('tiny-embed', () => {
	async function embed(texts: string[]): Promise<number[][]> {
		const extractor = await pipeline('feature-extraction', EMBED_ID);
		const output = await extractor(texts, { pooling: 'mean', normalize: true });
		expect(output.dims).toEqual([texts.length, EMBED_HIDDEN_SIZE]);
		return output.tolist() as number[][];
	}

	it('ranks sentences by shared content words', async () => {
		const [query, sameTopic, otherTopic, partial] = await embed([
			'My sister drinks coffee every morning.',
			'Her favourite drink is coffee with milk.',
			'The train to Berlin is late.',
			'My sister lives in Berlin.'
		]);
		expect(cos_sim(query, sameTopic)).toBeGreaterThan(cos_sim(query, otherTopic));
		expect(cos_sim(query, partial)).toBeGreaterThan(cos_sim(query, otherTopic));
		expect(cos_sim(query, otherTopic)).toBeLessThan(0.2);
	});

	it('maps German and English translations close together', async () => {
		const [dogEn, dogDe, hamburgEn, hamburgDe] = await embed([
			'I have a dog',
			'Ich habe einen Hund',
			'I live in Hamburg',
			'Ich wohne in Hamburg.'
		]);
		expect(cos_sim(dogEn, dogDe)).toBeGreaterThan(0.9);
		expect(cos_sim(hamburgEn, hamburgDe)).toBeGreaterThan(0.9);
		expect(cos_sim(dogEn, hamburgDe)).toBeLessThan(0.3);
		expect(EMBED_DICTIONARY.find((e) => e.concept === 'dog')?.de).toContain('hund');
	});

	it('returns unit vectors for a padded batch that match single embeddings', async () => {
		const texts = ['Kaffee', 'Meine Familie wohnt in München und mag Fußball.', ''];
		const batch = await embed(texts);
		for (const [i, text] of texts.entries()) {
			expect(Math.hypot(...batch[i])).toBeCloseTo(1, 5);
			const [single] = await embed([text]);
			expect(cos_sim(single, batch[i])).toBeCloseTo(1, 5);
		}
	});
});

describe('tiny-tts', () => {
	it('speaks a fixed number of samples per character as an audible tone', async () => {
		const synthesizer = await pipeline('text-to-speech', TTS_ID);
		const output = await synthesizer('Hallo Welt');
		expect(output.sampling_rate).toBe(TTS_SAMPLING_RATE);
		expect(output.data.length).toBe(ttsSampleCount(10));
		const peak = output.data.reduce((max, x) => Math.max(max, Math.abs(x)), 0);
		expect(peak).toBeCloseTo(TTS_AMPLITUDE, 2);
	});

	it('accepts German characters without unknown tokens', async () => {
		const synthesizer = await pipeline('text-to-speech', TTS_ID);
		const text = 'Grüße aus Köln, Äpfel für Öl und Übung!';
		expect(synthesizer.tokenizer.tokenize(text)).not.toContain('<unk>');
		const output = await synthesizer(text);
		expect(output.data.length).toBe(ttsSampleCount([...text].length));
		const umlaut = output.data.subarray(ttsSampleCount(2), ttsSampleCount(3));
		expect(umlaut.some((x) => Math.abs(x) > 0.25)).toBe(true);
	});
});

describe('tiny-kokoro', () => {
	// What kokoro-js's phonemizer makes of "Hello, Sam!" (espeak-ng, en-us).
	const PHONEMES = 'həlˈoʊ, sˈæm!';
	const load = (dtype: 'q8' | 'fp32' = 'q8') =>
		KokoroTTS.from_pretrained(KOKORO_ID, { dtype, device: 'cpu' });
	const ids = (tts: KokoroTTS, phonemes: string) =>
		tts.tokenizer(phonemes, { truncation: true }).input_ids as Tensor;
	const peakOf = (audio: ArrayLike<number>) =>
		Array.from(audio).reduce((max, x) => Math.max(max, Math.abs(x)), 0);

	/** Runs the graph itself with a chosen style vector (kokoro-js would take one from a voice). */
	async function waveform(tts: KokoroTTS, input_ids: Tensor, style: Float32Array, speed = 1) {
		const { waveform } = (await tts.model({
			input_ids,
			style: new Tensor('float32', style, [1, KOKORO_STYLE_DIM]),
			speed: new Tensor('float32', [speed], [1])
		})) as { waveform: Tensor };
		expect(waveform.dims).toHaveLength(1);
		return waveform.data as Float32Array;
	}

	it('tokenizes Kokoro’s phonemes one character per id, between two `$`', async () => {
		const tts = await load();
		const tokens = (phonemes: string) => (ids(tts, phonemes).tolist() as bigint[][])[0].map(Number);
		// Kokoro-82M's own ids (its config.json vocab).
		expect(tokens(PHONEMES)).toEqual([0, 50, 83, 54, 156, 57, 135, 3, 16, 61, 156, 72, 55, 5, 0]);
		expect(tokens('ðə ʧˈɜːʧ')).toEqual([0, 81, 83, 16, 133, 156, 87, 158, 133, 0]);
		// Characters outside the vocabulary are dropped; truncation keeps 512 ids.
		expect(tokens('a1b-ü')).toEqual([0, 43, 44, 0]);
		expect(tokens('ə'.repeat(600))).toHaveLength(512);
		expect(Object.keys(KOKORO_VOCAB)).toHaveLength(115);
	});

	it.each(['q8', 'fp32'] as const)(
		'loads through kokoro-js as %s: a fixed length per id, divided by the speed',
		async (dtype) => {
			const tts = await load(dtype);
			const input = ids(tts, PHONEMES);
			expect(input.dims).toEqual([1, PHONEMES.length + 2]);
			for (const speed of [1, 1.5, 0.8]) {
				const audio = await tts.generate_from_ids(input, { voice: 'af_heart', speed });
				expect(audio.sampling_rate).toBe(KOKORO_SAMPLING_RATE);
				expect(audio.data.length, `speed ${speed}`).toBe(kokoroSampleCount(15, speed));
			}
			expect(kokoroSampleCount(15)).toBe(15 * KOKORO_SAMPLES_PER_TOKEN);
		}
	);

	it('peaks at the gain its style vector gives, and keeps pads and pauses silent', async () => {
		const tts = await load();
		const input = ids(tts, PHONEMES);
		const zero = new Float32Array(KOKORO_STYLE_DIM);
		expect(kokoroStyleGain(zero)).toBe(0.3);
		expect(peakOf(await waveform(tts, input, zero))).toBeCloseTo(0.3, 5);
		const loud = KOKORO_STYLE_DIRECTION.map((x) => x / 2);
		expect(kokoroStyleGain(loud)).toBeCloseTo(0.3 + 0.2 * Math.tanh(2), 5);
		expect(peakOf(await waveform(tts, input, loud))).toBeCloseTo(kokoroStyleGain(loud), 5);

		const L = KOKORO_SAMPLES_PER_TOKEN;
		const pauses = await waveform(tts, ids(tts, ' ,.!?…'), loud);
		expect(pauses).toHaveLength(8 * L);
		expect(peakOf(pauses)).toBe(0);
		const a = await waveform(tts, ids(tts, 'a'), zero);
		expect(peakOf(a.subarray(0, L))).toBe(0);
		expect(peakOf(a.subarray(L, 2 * L))).toBeCloseTo(0.3, 5);
		expect(peakOf(a.subarray(2 * L))).toBe(0);
	});

	it('speaks text through kokoro-js’s phonemizer and its own voice files', async () => {
		const tts = await load();
		const audio = await tts.generate('Hello, Sam!', { voice: 'af_heart' });
		expect(audio.sampling_rate).toBe(KOKORO_SAMPLING_RATE);
		expect(audio.data.length).toBe(kokoroSampleCount(PHONEMES.length + 2));
		expect(peakOf(audio.data)).toBeGreaterThan(0.1);
		expect(peakOf(audio.data)).toBeLessThan(0.5);
	});
});
