// The diagnostics page's self-test: runs each model the app would use once, on this device, and
// reports its load time and speed. Loaded on demand (it pulls in the model runtimes). Models that
// are not stored on the device are skipped unless the person allows downloading them.
import { deviceCapabilities } from '$lib/ai/capabilities';
import { llm, readLlmSettings } from '$lib/ai/llm';
import { chooseEngine } from '$lib/ai/llm/choice';
import { filesOf, sourceUrl } from '$lib/ai/model-store';
import { recognitionRequest, stt, tts, voiceRequest } from '$lib/ai/speech';
import { repos } from '$lib/db';
import { toAppError } from '$lib/errors';
import { memory, savedEmbedRequest } from '$lib/memory';
import { isStored } from './stored';

export interface StepResult {
	step: 'llm' | 'voice' | 'recognition' | 'embedding';
	model: string;
	status: 'ok' | 'skipped' | 'failed';
	/** Why it was skipped or what failed, for the person. */
	message?: string;
	loadMs?: number;
	/** LLM: the engine's own time to the first token, and to the first clause (≥ 4 words). */
	firstTokenMs?: number;
	firstClauseMs?: number;
	tokensPerSecond?: number;
	/** Voice and recognition: compute time over audio time (below 1 is faster than real time). */
	rtf?: number;
	/** Voice: time to synthesise the first clause. Recognition: one utterance. Embedding: a query. */
	ms?: number;
	audioSeconds?: number;
}

export interface SelfTestResult {
	steps: StepResult[];
	/**
	 * End of speech → first audio on this device, composed from the steps: the end-of-turn
	 * silence + recognising the utterance + the LLM's first clause + the voice's first clause.
	 */
	voiceToVoiceMs?: number;
	silenceMs: number;
}

const CLAUSE = 'Hallo! Schön, dich zu sehen.';
const SENTENCE = 'Gestern war ich mit meiner Freundin am Hafen, und wir haben lange geredet.';

const since = (start: number) => Math.round(performance.now() - start);

async function attemptStep(
	step: StepResult['step'],
	model: string,
	stored: boolean,
	download: boolean,
	run: () => Promise<Omit<StepResult, 'step' | 'model' | 'status'>>
): Promise<StepResult> {
	if (!stored && !download)
		return {
			step,
			model,
			status: 'skipped',
			message: 'Not downloaded on this device; allow downloads to test it.'
		};
	try {
		return { step, model, status: 'ok', ...(await run()) };
	} catch (error) {
		return { step, model, status: 'failed', message: toAppError(error).message };
	}
}

async function testLlm(download: boolean): Promise<StepResult> {
	const choice = chooseEngine(await readLlmSettings(), await deviceCapabilities());
	if ('problem' in choice)
		return { step: 'llm', model: '—', status: 'skipped', message: choice.problem };
	const files = filesOf(choice);
	const stored = files === null || (await isStored(files.prefixes));
	return attemptStep('llm', choice.label, stored, download, async () => {
		const start = performance.now();
		await llm.ensureReady();
		const loadMs = since(start);
		let text = '';
		let firstClauseMs: number | undefined;
		const asked = performance.now();
		const reply = await llm.generate(
			[
				{ role: 'system', content: 'You are a friendly German tutor. Answer in one sentence.' },
				{ role: 'user', content: 'Hallo! Wie geht es dir?' }
			],
			{
				maxTokens: 32,
				temperature: 0,
				onToken: (delta) => {
					text += delta;
					if (
						firstClauseMs === undefined &&
						(/[.!?,]\s*$/.test(text) || text.split(/\s+/).length > 4)
					)
						firstClauseMs = since(asked);
				}
			}
		);
		return {
			loadMs,
			firstTokenMs: Math.round(reply.usage.timeToFirstTokenMs),
			firstClauseMs: firstClauseMs ?? since(asked),
			tokensPerSecond: Math.round(reply.usage.tokensPerSecond * 10) / 10
		};
	});
}

/** The neural voice models the companions speak with, each once. */
async function voiceRequests() {
	const requests = new Map<string, NonNullable<Awaited<ReturnType<typeof voiceRequest>>>>();
	for (const companion of await repos.companions.list()) {
		const request = await voiceRequest(companion.voice, companion.languages[0]);
		// One test per voice model: a Kokoro voice's style vectors do not change its speed.
		if (request !== 'system') requests.set(request.voice.model, request);
	}
	return [...requests.values()].filter((r) => r !== 'system');
}

async function testVoices(
	download: boolean
): Promise<{ results: StepResult[]; audio?: { samples: Float32Array; rate: number } }> {
	const results: StepResult[] = [];
	let audio: { samples: Float32Array; rate: number } | undefined;
	for (const request of await voiceRequests()) {
		const model =
			request.voice.engine === 'kokoro'
				? `${request.voice.model} (${request.voice.voice})`
				: request.voice.model;
		const stored = await isStored([sourceUrl(request.source, request.voice.model)]);
		results.push(
			await attemptStep('voice', model, stored, download, async () => {
				const start = performance.now();
				await tts.ensure(request);
				const loadMs = since(start);
				const clause = await tts.call('speak', { text: CLAUSE });
				const sentence = await tts.call('speak', { text: SENTENCE });
				const seconds = sentence.audio.length / sentence.sampleRate;
				audio ??= { samples: sentence.audio, rate: sentence.sampleRate };
				return {
					loadMs,
					ms: Math.round(clause.ms),
					audioSeconds: Math.round(seconds * 100) / 100,
					rtf: Math.round((sentence.ms / 1000 / seconds) * 100) / 100
				};
			})
		);
	}
	return { results, audio };
}

/** Linear resampling to Whisper's 16 kHz. */
function to16k(samples: Float32Array, rate: number): Float32Array {
	if (rate === 16_000) return samples;
	const out = new Float32Array(Math.floor((samples.length * 16_000) / rate));
	for (let i = 0; i < out.length; i++) {
		const at = (i * rate) / 16_000;
		const j = Math.floor(at);
		out[i] = samples[j] + ((samples[j + 1] ?? samples[j]) - samples[j]) * (at - j);
	}
	return out;
}

/** 3 s of a voice-like tone when no neural voice spoke. */
function tone(): Float32Array {
	return Float32Array.from(
		{ length: 48_000 },
		(_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / 16_000) * Math.sin((Math.PI * i) / 48_000)
	);
}

async function testRecognition(download: boolean, speech: Float32Array): Promise<StepResult> {
	const request = await recognitionRequest();
	const stored = await isStored([sourceUrl(request.source, request.model)]);
	return attemptStep('recognition', request.model, stored, download, async () => {
		const start = performance.now();
		await stt.ensure(request);
		const loadMs = since(start);
		const heard = await stt.call('transcribe', { audio: speech, languages: ['de'] });
		const seconds = speech.length / 16_000;
		return {
			loadMs,
			ms: Math.round(heard.ms),
			audioSeconds: Math.round(seconds * 100) / 100,
			rtf: Math.round((heard.ms / 1000 / seconds) * 100) / 100
		};
	});
}

async function testEmbedding(download: boolean): Promise<StepResult> {
	const request = await savedEmbedRequest();
	const stored = await isStored([sourceUrl(request.source, request.model)]);
	return attemptStep('embedding', request.model, stored, download, async () => {
		const start = performance.now();
		await memory.ensureSearch();
		const loadMs = since(start);
		const { ms } = await memory.search.call('embed', { texts: ['Wo wohnst du eigentlich?'] });
		return { loadMs, ms: Math.round(ms) };
	});
}

/**
 * Runs the self-test, reporting each step as it finishes. One model at a time, so the figures
 * are each model's own.
 */
export async function runSelfTest(
	{ download = false }: { download?: boolean },
	onStep: (step: StepResult) => void
): Promise<SelfTestResult> {
	const steps: StepResult[] = [];
	const add = (step: StepResult) => {
		steps.push(step);
		onStep(step);
		return step;
	};
	const language = add(await testLlm(download));
	const voices = await testVoices(download);
	voices.results.forEach(add);
	const speech = voices.audio ? to16k(voices.audio.samples, voices.audio.rate) : tone();
	const heard = add(await testRecognition(download, speech));
	add(await testEmbedding(download));
	const silenceMs = await repos.settings.get('speech.silenceMs');
	const voice = voices.results.find((r) => r.status === 'ok');
	const voiceToVoiceMs =
		language.status === 'ok' && heard.status === 'ok' && voice
			? silenceMs + (heard.ms ?? 0) + (language.firstClauseMs ?? 0) + (voice.ms ?? 0)
			: undefined;
	return { steps, voiceToVoiceMs, silenceMs };
}
