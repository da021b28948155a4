import { AiError } from '$lib/ai/errors';
import { classifyLoadError } from '$lib/ai/load-errors';
import { useOrtBuild } from '$lib/ai/transformers-env';
import type { Handlers } from '$lib/workers/server';
import {
	VAD_FRAME_SAMPLES,
	VAD_SAMPLE_RATE,
	type VadEvent,
	type VadOptions,
	type VadProtocol
} from './protocol';
import { CaptureClock } from './capture-clock';
import { SpeechSegmenter } from './segmenter';

/** A tensor as both onnxruntime-web and onnxruntime-node hand it back. */
export interface OrtTensor {
	readonly data: unknown;
}

/** An onnxruntime InferenceSession, reduced to `run`. */
export interface OrtSession {
	run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
}

/**
 * The parts of onnxruntime the VAD uses. Structural, because the web and node packages ship
 * different copies of onnxruntime-common's types; both modules fit.
 */
export interface OrtModule {
	InferenceSession: { create(model: Uint8Array): Promise<OrtSession> };
	Tensor: new (
		type: 'float32' | 'int64',
		data: Float32Array | BigInt64Array,
		dims: readonly number[]
	) => OrtTensor;
	env: {
		wasm: { wasmPaths?: string | { mjs?: string | URL; wasm?: string | URL }; numThreads?: number };
	};
}

const MODEL_NAME = 'the voice detector (Silero VAD)';
const STATE_DIMS = [2, 1, 128] as const;
/** Frames waiting for inference beyond ~1 s of audio mean we cannot keep up: drop the oldest. */
const MAX_QUEUED_FRAMES = Math.ceil(VAD_SAMPLE_RATE / VAD_FRAME_SAMPLES);

const inferenceError = (error: unknown) =>
	new AiError(
		`Voice detection stopped: ${error instanceof Error ? error.message : String(error)}`,
		'model/unsupported',
		error
	);

const clock = () => performance.timeOrigin + performance.now();

/** Fetches the model itself (clear HTTP errors, same path in Node and browsers), loads, warms up. */
async function loadSession(ort: OrtModule, modelUrl: string): Promise<OrtSession> {
	let bytes: Uint8Array;
	try {
		const response = await fetch(modelUrl);
		if (!response.ok) throw new Error(`${response.status} ${response.statusText} for ${modelUrl}`);
		bytes = new Uint8Array(await response.arrayBuffer());
	} catch (error) {
		// Browsers say "Failed to fetch", Node "fetch failed": one wording for classifyLoadError.
		const network = error instanceof TypeError;
		const cause = network ? new Error(`Failed to fetch ${modelUrl}`, { cause: error }) : error;
		throw classifyLoadError(cause, MODEL_NAME);
	}
	let session: OrtSession;
	try {
		session = await ort.InferenceSession.create(bytes);
	} catch (error) {
		throw classifyLoadError(error, MODEL_NAME);
	}
	// The first run allocates and compiles; pay for it now rather than on the first spoken frame.
	await createVadStream(ort, session).process(new Float32Array(VAD_FRAME_SAMPLES), 0);
	return serialised(session);
}

/** One inference at a time per session, even if two `listen` calls share it. */
function serialised(session: OrtSession): OrtSession {
	let tail: Promise<unknown> = Promise.resolve();
	return {
		run(feeds) {
			const result = tail.then(() => session.run(feeds));
			tail = result.catch(() => undefined);
			return result;
		}
	};
}

/** Silero VAD v5 with its recurrent state, feeding a SpeechSegmenter. */
export interface VadStream {
	/** Runs one 512-sample frame; `atMs` is the caller's time for it. */
	process(frame: Float32Array, atMs: number): Promise<{ probability: number; events: VadEvent[] }>;
	/** Clears the model state and the segmenter, as for a new conversation. */
	reset(): void;
}

/** The frame-by-frame core of `listen`, without a port or a queue, for tests and benchmarks. */
export function createVadStream(
	ort: OrtModule,
	session: OrtSession,
	options: Partial<VadOptions> = {}
): VadStream {
	const segmenter = new SpeechSegmenter(options);
	const zeroState = () => new ort.Tensor('float32', new Float32Array(2 * 128), STATE_DIMS);
	const sr = new ort.Tensor('int64', BigInt64Array.from([BigInt(VAD_SAMPLE_RATE)]), []);
	let state = zeroState();
	return {
		async process(frame, atMs) {
			if (frame.length !== VAD_FRAME_SAMPLES) {
				throw new RangeError(`Silero VAD needs ${VAD_FRAME_SAMPLES} samples, got ${frame.length}.`);
			}
			const input = new ort.Tensor('float32', frame, [1, VAD_FRAME_SAMPLES]);
			const out = await session.run({ input, state, sr });
			state = out.stateN;
			const probability = (out.output.data as Float32Array)[0];
			return { probability, events: segmenter.push(frame, probability, atMs) };
		},
		reset() {
			state = zeroState();
			segmenter.reset();
		}
	};
}

/** Cuts audio that arrives in blocks of any length into 512-sample frames. */
export class FrameChunker {
	#pending = new Float32Array(VAD_FRAME_SAMPLES);
	#filled = 0;

	/** Samples held back until the next block completes a frame. */
	get buffered(): number {
		return this.#filled;
	}

	push(samples: Float32Array): Float32Array[] {
		if (this.#filled === 0 && samples.length === VAD_FRAME_SAMPLES) return [samples];
		const frames: Float32Array[] = [];
		let offset = 0;
		while (offset < samples.length) {
			const take = Math.min(VAD_FRAME_SAMPLES - this.#filled, samples.length - offset);
			this.#pending.set(samples.subarray(offset, offset + take), this.#filled);
			this.#filled += take;
			offset += take;
			if (this.#filled === VAD_FRAME_SAMPLES) {
				frames.push(this.#pending);
				this.#pending = new Float32Array(VAD_FRAME_SAMPLES);
				this.#filled = 0;
			}
		}
		return frames;
	}
}

/**
 * The VAD worker's handlers. `ort` is onnxruntime-web in the worker, onnxruntime-node in tests.
 * Sessions are created once per model URL and shared.
 */
export function createVadHandlers(ort: OrtModule): Handlers<VadProtocol> {
	const sessions = new Map<string, Promise<OrtSession>>();
	const sessionFor = (modelUrl: string) => {
		let session = sessions.get(modelUrl);
		if (!session) {
			session = loadSession(ort, modelUrl);
			// A failed load is not cached: the next listen tries again.
			session.catch(() => sessions.delete(modelUrl));
			sessions.set(modelUrl, session);
		}
		return session;
	};

	return {
		async listen({ modelUrl, wasmPaths, port, options }, { signal, progress }) {
			if (wasmPaths) {
				// The CPU build, instantiated from the module the page compiled once.
				useOrtBuild(ort.env.wasm, wasmPaths, 'wasm');
				// Silero takes ~1 ms a frame: extra wasm threads would cost more than they save.
				ort.env.wasm.numThreads = 1;
			}
			let stream: VadStream;
			try {
				stream = createVadStream(ort, await sessionFor(modelUrl), options);
			} catch (error) {
				port.close();
				throw error;
			}
			if (signal.aborted) {
				port.close();
				return;
			}

			const chunker = new FrameChunker();
			const captured = new CaptureClock();
			const queue: { frame: Float32Array; atMs: number }[] = [];
			let pumping: Promise<void> | undefined;
			let warned = false;
			let stopped = false;

			return new Promise<void>((resolve, reject) => {
				const stop = async (error?: unknown) => {
					if (stopped) return;
					stopped = true;
					port.removeEventListener('message', onMessage);
					port.close();
					queue.length = 0;
					signal.removeEventListener('abort', onAbort);
					// The frame being inferred finishes first; its events are dropped (stopped is set).
					await pumping?.catch(() => undefined);
					stream.reset();
					if (error === undefined) resolve();
					else reject(error);
				};
				const onAbort = () => void stop();

				const pump = async () => {
					while (queue.length && !stopped) {
						const { frame, atMs } = queue.shift()!;
						const { events } = await stream.process(frame, atMs);
						if (stopped) return;
						for (const event of events) {
							progress(event, 'audio' in event ? [event.audio.buffer] : undefined);
						}
					}
				};

				const onMessage = (message: MessageEvent<unknown>) => {
					const block = audioBlock(message.data);
					if (!block) {
						void stop(
							new TypeError(
								'The VAD port takes audio as a Float32Array, or as { audio, time } from the capture worklet.'
							)
						);
						return;
					}
					// When the block's last sample was captured; untimed audio is timed by its arrival.
					const now = block.time === undefined ? clock() : captured.toEpoch(block.time, clock());
					const frames = chunker.push(block.audio);
					// Stamp each frame with when its last sample was captured, so a block of several
					// frames does not collapse into one instant.
					frames.forEach((frame, i) => {
						const samplesAfter = (frames.length - 1 - i) * VAD_FRAME_SAMPLES + chunker.buffered;
						queue.push({ frame, atMs: now - (samplesAfter * 1000) / VAD_SAMPLE_RATE });
					});
					if (queue.length > MAX_QUEUED_FRAMES) {
						queue.splice(0, queue.length - MAX_QUEUED_FRAMES);
						if (!warned) {
							warned = true;
							console.warn('Voice detection fell behind; dropped audio older than 1 s.');
						}
					}
					if (!pumping) {
						pumping = pump()
							.catch((error: unknown) => void stop(inferenceError(error)))
							.finally(() => (pumping = undefined));
					}
				};

				signal.addEventListener('abort', onAbort, { once: true });
				port.addEventListener('message', onMessage);
				port.start();
			});
		}
	};
}

/** A message on the audio port: samples, and when the last was captured (audio clock, seconds). */
function audioBlock(data: unknown): { audio: Float32Array; time?: number } | null {
	if (data instanceof Float32Array) return { audio: data };
	const { audio, time } = (data ?? {}) as { audio?: unknown; time?: unknown };
	if (audio instanceof Float32Array && typeof time === 'number' && Number.isFinite(time))
		return { audio, time };
	return null;
}
