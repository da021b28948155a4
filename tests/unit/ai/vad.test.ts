import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serve } from '../../../scripts/serve.mjs';
import {
	createVadHandlers,
	createVadStream,
	FrameChunker,
	type OrtSession
} from '$lib/ai/speech/vad/handler';
import { VAD_FRAME_SAMPLES, type VadEvent, type VadOptions } from '$lib/ai/speech/vad/protocol';
import { SpeechSegmenter } from '$lib/ai/speech/vad/segmenter';
import { driveHandlers } from '../../helpers/rpc';

const FRAME_MS = 32;
/** 16 kHz mono 16-bit PCM speech, what the AudioWorklet delivers (as floats). */
const AUDIO = 'tests/fixtures/audio';
const SILERO = 'node_modules/@ricky0123/vad-web/dist/silero_vad_v5.onnx';

/** Feeds one frame per probability; frame i is filled with the value i and stamped i * 32 ms. */
function feed(segmenter: SpeechSegmenter, probabilities: number[], first = 0) {
	return probabilities.flatMap((p, k) => {
		const i = first + k;
		return segmenter.push(new Float32Array(VAD_FRAME_SAMPLES).fill(i), p, i * FRAME_MS);
	});
}
const run = (n: number, p: number) => Array<number>(n).fill(p);
const ends = (events: VadEvent[]) =>
	events.filter((e): e is Extract<VadEvent, { type: 'speech-end' }> => e.type === 'speech-end');

describe('SpeechSegmenter (synthetic probabilities)', () => {
	it('starts after minSpeechStartMs of consecutive speech, at the onset frame', () => {
		const events = feed(new SpeechSegmenter(), [...run(5, 0.1), ...run(3, 0.9)]);
		// 96 ms = three 32 ms frames: decided on the third voiced frame (index 7), onset at index 5.
		expect(events).toEqual([{ type: 'speech-start', onsetMs: 5 * FRAME_MS, atMs: 7 * FRAME_MS }]);
		expect(feed(new SpeechSegmenter(), [...run(5, 0.1), ...run(2, 0.9)])).toEqual([]);
	});

	it('ends after redemptionMs of silence and reports the last voiced frame', () => {
		for (const redemptionMs of [300, 400, 500]) {
			const events = feed(new SpeechSegmenter({ redemptionMs }), [
				...run(3, 0),
				...run(20, 0.9),
				...run(20, 0)
			]);
			const [end] = ends(events);
			expect(end.speechStartMs).toBe(3 * FRAME_MS);
			expect(end.speechEndMs).toBe(22 * FRAME_MS);
			expect(end.atMs - end.speechEndMs).toBe(Math.ceil(redemptionMs / FRAME_MS) * FRAME_MS);
		}
	});

	it('applies hysteresis: 0.4 never starts speech but keeps it going', () => {
		expect(feed(new SpeechSegmenter(), run(50, 0.4))).toEqual([]);
		const segmenter = new SpeechSegmenter();
		const speaking = feed(segmenter, [...run(10, 0.9), ...run(40, 0.4), ...run(5, 0.2)]);
		expect(speaking.map((e) => e.type)).toEqual(['speech-start']);
		// A dip below the negative threshold shorter than redemptionMs does not end the turn either.
		expect(feed(segmenter, [...run(10, 0.9), ...run(5, 0.1)], 55)).toEqual([]);
		const end = ends(feed(segmenter, run(13, 0.1), 70));
		expect(end).toHaveLength(1);
		expect(end[0].speechEndMs).toBe(64 * FRAME_MS);
	});

	it('ends short blips as misfire and ignores blips too short to start', () => {
		const events = feed(new SpeechSegmenter(), [...run(4, 0.9), ...run(13, 0)]);
		expect(events.map((e) => e.type)).toEqual(['speech-start', 'misfire']);
		expect(events[1].atMs).toBe(16 * FRAME_MS);
		expect(feed(new SpeechSegmenter(), [0.9, 0.9, 0.1, 0.9, 0.9, 0.1, ...run(20, 0)])).toEqual([]);
	});

	it('includes exactly preSpeechPadMs of earlier audio and the trailing silence', () => {
		const [end] = ends(
			feed(new SpeechSegmenter(), [...run(20, 0), ...run(10, 0.9), ...run(13, 0)])
		);
		const pad = 200 * 16;
		expect(end.audio.length).toBe(pad + 23 * VAD_FRAME_SAMPLES);
		// 3200 samples = the last 128 samples of frame 13, then frames 14–19; the onset frame is 20.
		expect(end.audio[0]).toBe(13);
		expect(end.audio[128]).toBe(14);
		expect(end.audio[pad - 1]).toBe(19);
		expect(end.audio[pad]).toBe(20);
		expect(end.audio.at(-1)).toBe(42);
		// At the very start of the stream there is less to pad with.
		const [early] = ends(feed(new SpeechSegmenter(), [0, 0, ...run(10, 0.9), ...run(13, 0)]));
		expect(early.audio.length).toBe(25 * VAD_FRAME_SAMPLES);
	});

	it('forces speech-end at maxSpeechMs without exceeding it, and goes on listening', () => {
		const options: Partial<VadOptions> = { maxSpeechMs: 2000 };
		const events = feed(new SpeechSegmenter(options), [...run(10, 0), ...run(150, 0.9)]);
		const segments = ends(events);
		expect(segments.length).toBeGreaterThanOrEqual(2);
		for (const { audio } of segments) {
			expect(audio.length).toBeLessThanOrEqual(2000 * 16);
			expect(audio.length).toBeGreaterThan(2000 * 16 - VAD_FRAME_SAMPLES);
		}
		expect(events.filter((e) => e.type === 'speech-start')).toHaveLength(segments.length + 1);
		// The next segment starts where the last one stopped: no audio is repeated as pad.
		expect(segments[1].audio[0]).toBe(segments[0].audio.at(-1)! + 1);
	});

	it('reset() forgets an utterance in progress', () => {
		const segmenter = new SpeechSegmenter();
		feed(segmenter, run(10, 0.9));
		segmenter.reset();
		expect(feed(segmenter, run(20, 0), 10)).toEqual([]);
		const [start] = feed(segmenter, run(3, 0.9), 30);
		expect(start).toMatchObject({ type: 'speech-start', onsetMs: 30 * FRAME_MS });
	});

	it('rejects options that cannot work', () => {
		expect(() => new SpeechSegmenter({ negativeThreshold: 0.6 })).toThrow(RangeError);
		expect(() => new SpeechSegmenter({ redemptionMs: Number.NaN })).toThrow(/redemptionMs/);
		expect(() => new SpeechSegmenter({ maxSpeechMs: 100 })).toThrow(/maxSpeechMs/);
	});

	it('FrameChunker re-chunks blocks of any size into contiguous 512-sample frames', () => {
		const chunker = new FrameChunker();
		const samples = Float32Array.from({ length: 3000 }, (_, i) => i);
		const cuts = [0, 300, 1500, 2048, 3000];
		const frames = cuts.slice(1).flatMap((end, k) => chunker.push(samples.subarray(cuts[k], end)));
		expect(frames.map((f) => f.length)).toEqual(run(5, 512));
		expect(frames.map((f) => f[0])).toEqual([0, 512, 1024, 1536, 2048]);
		expect(chunker.buffered).toBe(3000 - 5 * 512);
	});
});

/** 16-bit PCM mono WAV → samples in [-1, 1). */
function readWav(path: string): Float32Array {
	const bytes = readFileSync(path);
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	for (let at = 12; at + 8 <= bytes.length;) {
		const id = bytes.toString('ascii', at, at + 4);
		const size = view.getUint32(at + 4, true);
		if (id === 'fmt ') {
			const [format, channels, rate] = [
				view.getUint16(at + 8, true),
				view.getUint16(at + 10, true),
				view.getUint32(at + 12, true)
			];
			const bits = view.getUint16(at + 22, true);
			if (format !== 1 || channels !== 1 || rate !== 16000 || bits !== 16) {
				throw new Error(`${path}: expected 16 kHz mono 16-bit PCM`);
			}
		} else if (id === 'data') {
			const samples = new Float32Array(size / 2);
			for (let i = 0; i < samples.length; i++)
				samples[i] = view.getInt16(at + 8 + i * 2, true) / 32768;
			return samples;
		}
		at += 8 + size + (size % 2);
	}
	throw new Error(`${path}: no data chunk`);
}

describe('Silero VAD v5 (real model, onnxruntime-node, espeak-ng speech fixtures)', () => {
	let dir: string;
	let server: Awaited<ReturnType<typeof serve>>;
	let session: OrtSession;
	/** Committed speech (scripts/make-audio-fixtures.sh; timings in tests/fixtures/audio/README.md). */
	const wav = (name: string) => readWav(join(AUDIO, name));

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'kompanion-vad-'));
		copyFileSync(SILERO, join(dir, 'silero.onnx'));
		writeFileSync(join(dir, 'garbage.onnx'), 'this is not a model');
		server = await serve({ dir, port: 0 });
		session = await ort.InferenceSession.create(readFileSync(SILERO));
	});
	afterAll(async () => {
		await server?.close();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	/** Runs a whole clip frame by frame, stamping frame i with the audio time of its last sample. */
	async function detect(samples: Float32Array) {
		const stream = createVadStream(ort, session);
		const events: VadEvent[] = [];
		const started = performance.now();
		const frames = Math.floor(samples.length / VAD_FRAME_SAMPLES);
		for (let i = 0; i < frames; i++) {
			const frame = samples.slice(i * VAD_FRAME_SAMPLES, (i + 1) * VAD_FRAME_SAMPLES);
			events.push(...(await stream.process(frame, (i + 1) * FRAME_MS)).events);
		}
		return { events, msPerFrame: (performance.now() - started) / frames };
	}

	/** Where the synthesised speech really is: first and last sample above -34 dBFS, in ms. */
	const loudSpan = (samples: Float32Array) => {
		const loud = (x: number) => Math.abs(x) > 0.02;
		return { onsetMs: samples.findIndex(loud) / 16, endMs: samples.findLastIndex(loud) / 16 };
	};

	it('finds one utterance: starts soon after the onset, ends redemptionMs after the speech', async () => {
		const samples = wav('de-anna.wav');
		const truth = loudSpan(samples);
		const { events, msPerFrame } = await detect(samples);
		expect(events.map((e) => e.type)).toEqual(['speech-start', 'speech-end']);
		const [start, end] = events as [
			Extract<VadEvent, { type: 'speech-start' }>,
			Extract<VadEvent, { type: 'speech-end' }>
		];
		expect(Math.abs(start.onsetMs - truth.onsetMs)).toBeLessThan(150);
		// The decision waits for minSpeechStartMs of voiced frames, so where the onset falls in its
		// 32 ms frame matters: over the eight 4 ms phases of this clip it took 177–325 ms of audio
		// (this phase: 201 ms). The 200 ms barge-in budget is not met at every phase; the latency
		// issue owns cutting it. This bound catches a VAD that stopped deciding early.
		expect(start.atMs - truth.onsetMs).toBeLessThan(350);
		expect(Math.abs(end.speechEndMs - truth.endMs)).toBeLessThan(300);
		expect(end.atMs - end.speechEndMs).toBeGreaterThanOrEqual(400);
		expect(end.atMs - end.speechEndMs).toBeLessThan(400 + FRAME_MS);
		const audioMs = end.audio.length / 16;
		expect(audioMs).toBeGreaterThan(truth.endMs - truth.onsetMs + 400);
		expect(audioMs).toBeLessThan(truth.endMs - truth.onsetMs + 200 + 400 + 400);
		console.log(
			`Silero VAD v5 (onnxruntime-node): ${msPerFrame.toFixed(2)} ms per 32 ms frame; ` +
				`onset → speech-start ${(start.atMs - truth.onsetMs).toFixed(0)} ms of audio ` +
				`(first voiced frame → decision ${start.atMs - start.onsetMs} ms); ` +
				`end of speech → speech-end ${(end.atMs - truth.endMs).toFixed(0)} ms`
		);
	});

	it('stays quiet on silence and splits two utterances 2 s apart', async () => {
		expect((await detect(wav('silence.wav'))).events).toEqual([]);
		const { events } = await detect(wav('de-two.wav'));
		expect(events.map((e) => e.type)).toEqual([
			'speech-start',
			'speech-end',
			'speech-start',
			'speech-end'
		]);
		const [first, second] = ends(events);
		expect(second.speechStartMs - first.speechEndMs).toBeGreaterThan(1500);
	});

	it('listens on a MessagePort through the RPC handlers, in blocks of any size', async () => {
		const rpc = driveHandlers(createVadHandlers(ort));
		const { port1, port2 } = new MessageChannel();
		const call = await rpc.call('listen', { modelUrl: `${server.url}silero.onnx`, port: port2 });
		const samples = wav('de-anna.wav');
		// 1000-sample blocks (62.5 ms) every 8 ms: faster than real time, slower than inference.
		for (let at = 0; at < samples.length; at += 1000) {
			const block = samples.slice(at, at + 1000);
			port1.postMessage(block, [block.buffer]);
			await new Promise((resolve) => setTimeout(resolve, 8));
		}
		await vi.waitFor(() => expect(call.progress().map((e) => e.type)).toContain('speech-end'), {
			timeout: 10_000
		});
		expect(call.progress().map((e) => e.type)).toEqual(['speech-start', 'speech-end']);
		const end = ends(call.progress())[0];
		expect(end.audio.length / 16).toBeGreaterThan(2000);
		await rpc.abort(call.id);
		expect(await call.done).toMatchObject({ kind: 'result' });
		port1.close();
	});

	it('times frames from the capture worklet by when they were captured, not when read', async () => {
		const rpc = driveHandlers(createVadHandlers(ort));
		const { port1, port2 } = new MessageChannel();
		const call = await rpc.call('listen', { modelUrl: `${server.url}silero.onnx`, port: port2 });
		const epoch = () => performance.timeOrigin + performance.now();
		const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
		const AUDIO_CLOCK_START = 7; // seconds; the worklet's clock has its own origin
		let sent = 0;
		const send = (audio: Float32Array) => {
			sent += audio.length;
			port1.postMessage({ audio, time: AUDIO_CLOCK_START + sent / 16_000 }, [audio.buffer]);
		};
		// A second of quiet, read as it comes (once the model has loaded): the worker learns how
		// the clocks relate.
		const quietStartedAt = epoch();
		for (let i = 0; i < 30; i++) {
			send(new Float32Array(VAD_FRAME_SAMPLES));
			await sleep(FRAME_MS);
		}
		// Then the worker falls behind for 3 s. What was captured meanwhile (0.3 s of quiet, then
		// the utterance) reaches it late, in bursts of eight frames, ~30× faster than spoken.
		const BACKLOG_MS = 3000;
		await sleep(BACKLOG_MS);
		const clip = wav('de-fine.wav');
		const samples = new Float32Array((BACKLOG_MS / 1000) * 16_000);
		samples.set(clip.subarray(0, samples.length - 4800), 4800);
		const truth = loudSpan(samples);
		const backlogStartsAt = sent;
		for (let at = 0; at + VAD_FRAME_SAMPLES <= samples.length; at += VAD_FRAME_SAMPLES) {
			send(samples.slice(at, at + VAD_FRAME_SAMPLES));
			if ((at / VAD_FRAME_SAMPLES) % 8 === 7) await sleep(8);
		}
		await vi.waitFor(() => expect(call.progress().map((e) => e.type)).toContain('speech-end'), {
			timeout: 10_000
		});
		const [start] = call.progress() as Extract<VadEvent, { type: 'speech-start' }>[];
		const [end] = ends(call.progress());
		// On the capture clock the utterance lasts as long as it was spoken; timed on arrival, its
		// ~1.5 s would have shrunk to the ~50 ms the bursts took.
		const spokenMs = truth.endMs - truth.onsetMs;
		expect(spokenMs).toBeGreaterThan(1000);
		expect(Math.abs(end.speechEndMs - start.onsetMs - spokenMs)).toBeLessThan(200);
		// And it is placed where it was captured: after the quiet second and 0.3 s of the backlog.
		// The first quiet frame arrived when it was complete, so its first sample is 32 ms earlier.
		// Timed on arrival it would be ~2.7 s off; 250 ms leaves room for a busy machine's timers
		// (a clean-clone run measured 209 ms once, against a bound of 200).
		const expectedOnset =
			quietStartedAt - FRAME_MS + (backlogStartsAt / 16_000) * 1000 + truth.onsetMs;
		expect(Math.abs(start.onsetMs - expectedOnset)).toBeLessThan(250);
		await rpc.abort(call.id);
		port1.close();
	});

	it('drops audio it cannot keep up with, and says so once', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
		const rpc = driveHandlers(createVadHandlers(ort));
		const { port1, port2 } = new MessageChannel();
		const call = await rpc.call('listen', { modelUrl: `${server.url}silero.onnx`, port: port2 });
		// Two 3 s blocks at once: far more than the 1 s the queue holds.
		for (let i = 0; i < 2; i++) port1.postMessage(wav('silence.wav'));
		await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1), { timeout: 5000 });
		await rpc.abort(call.id);
		expect(await call.done).toMatchObject({ kind: 'result' });
		expect(warn).toHaveBeenCalledTimes(1);
		expect(call.progress()).toEqual([]);
		warn.mockRestore();
		port1.close();
	});

	it('turns load failures into AiErrors: not found, damaged, unreachable', async () => {
		const rpc = driveHandlers(createVadHandlers(ort));
		for (const [modelUrl, code] of [
			[`${server.url}missing.onnx`, 'model/not-found'],
			[`${server.url}garbage.onnx`, 'model/corrupt'],
			// Port 9 (discard) on loopback: nothing listens, the connection is refused.
			['http://127.0.0.1:9/silero.onnx', 'model/download-failed']
		]) {
			const { port2 } = new MessageChannel();
			const call = await rpc.call('listen', { modelUrl, port: port2 });
			expect(await call.done).toMatchObject({ kind: 'error', error: { name: 'AiError', code } });
		}
	});
});
