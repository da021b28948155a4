import type { Repos } from '$lib/db';
import { AppError, reportError, StorageFullError, toAppError } from '$lib/errors';
import { ChunkWriter } from './chunk-writer';
import { CallComposition, COMPOSITION, type Scene } from './composition';
import type { FixOutcome } from './fix';
import { CallMix, type SoundSources } from './mix';
import {
	EXPECTED_BYTES_PER_SECOND,
	formatDuration,
	plannedRate,
	secondsLeft,
	storageRunningOut,
	type StorageEstimate
} from './quota';
import { lockName } from './lock';
import { Ticker } from '$lib/workers/ticker';

/**
 * MediaRecorder hands over what it has at least this often: what a crash can lose. Half a second
 * keeps the oldest media not yet on disk under 2 s at its worst on a busy machine (1 s chunks
 * reached 2.2–2.4 s), for ~7 % more bytes (each chunk carries its own cluster header).
 */
export const TIMESLICE_MS = 500;
const VIDEO_TYPE = 'video/webm;codecs=vp9,opus';
const AUDIO_TYPE = 'audio/webm;codecs=opus';
/** A full disk: how often, and how many times, marking a stopped recording complete is tried. */
const FINISH_RETRY_MS = 2000;
const FINISH_ATTEMPTS = 15;
/** How often the remaining storage is looked at while recording. */
const QUOTA_CHECK_MS = 5000;

/** What a recorder records, read while it runs (a call's parts change as it goes). */
export interface RecordingSource {
	/** The call's sound, opened as the recording starts. */
	sound: () => SoundSources;
	/** The call's picture, read for every frame. */
	scene: () => Scene;
	/** The conversation whose transcript goes with the recording. */
	conversationId: () => string | null | Promise<string | null>;
	/** What the recording is called, and the companion in it (read as it starts). */
	about: () => { title: string; companionId?: string };
	/** In a call with people: the others in the recording so far, by name (kept with it). */
	people?: () => readonly string[];
	/** In a call with people: tells the others that it records (true) and that it stopped. */
	announce?: (on: boolean) => void;
	/** True once the call is over: the recording stops with it. */
	ended: () => boolean;
}

export interface RecorderDeps {
	repos: Pick<Repos, 'recordings'>;
	estimate: () => Promise<StorageEstimate>;
	newId: () => string;
}

export type RecorderPhase = 'idle' | 'starting' | 'recording' | 'stopping';

/**
 * Records a call into IndexedDB as it happens: the call's picture (`CallComposition`) and its
 * sound (`CallMix`) through MediaRecorder (VP9 + Opus WebM, a chunk a second), each chunk written
 * in order as it arrives (`ChunkWriter`), the metadata first. While it runs it holds the
 * recording's Web Lock, so start-up recovery in any tab leaves it alone. After it stops, the
 * recording is made seekable in the background (`fixDuration`).
 */
export class CallRecorder {
	phase = $state<RecorderPhase>('idle');
	audioOnly = $state(false);
	elapsedMs = $state(0);
	bytes = $state(0);
	/** Storage is running low (less than a minute left), in words. */
	warning = $state<string | null>(null);
	/** Why the last recording stopped on its own (a full disk), in words. */
	stoppedBecause = $state<string | null>(null);
	/** The recording being made or made last. */
	recordingId = $state<string | null>(null);
	/** The duration fix after stopping is running. */
	fixing = $state(false);

	#media: MediaRecorder | null = null;
	#writer: ChunkWriter | null = null;
	#composition: CallComposition | null = null;
	#mix: CallMix | null = null;
	#ticker: Ticker | null = null;
	#startedAt = 0;
	#lastQuotaCheck = 0;
	#releaseLock: (() => void) | null = null;
	#stopping: Promise<void> | null = null;
	#reason: string | undefined;
	#fix: Promise<FixOutcome | null> | null = null;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not state
	#people = new Set<string>();
	#peopleWrite: Promise<void> = Promise.resolve();

	constructor(
		private readonly source: RecordingSource,
		private readonly deps: RecorderDeps
	) {}

	/** The writer's timing, for the benchmark. */
	get writer(): ChunkWriter | null {
		return this.#writer;
	}

	/** Resolves when the duration fix of the last recording has finished (for tests). */
	get fixed(): Promise<FixOutcome | null> {
		return this.#fix ?? Promise.resolve(null);
	}

	/**
	 * Starts recording the call. With `audioOnly`, or when the browser cannot record VP9 video,
	 * only the sound. Rejects (and records nothing) when MediaRecorder is missing or the metadata
	 * cannot be written.
	 */
	async start({ audioOnly = false }: { audioOnly?: boolean } = {}): Promise<void> {
		if (this.phase !== 'idle' || this.source.ended()) return;
		this.phase = 'starting';
		this.#reason = undefined;
		this.stoppedBecause = null;
		this.warning = null;
		try {
			await this.#start(audioOnly);
		} catch (error) {
			this.#teardown();
			this.#releaseLock?.();
			this.source.announce?.(false);
			this.phase = 'idle';
			throw error;
		}
	}

	/** Stops and keeps the recording; resolves when every chunk is on disk. */
	stop(): Promise<void> {
		if (this.phase === 'recording')
			this.#stopping ??= this.#stop().finally(() => (this.#stopping = null));
		return this.#stopping ?? Promise.resolve();
	}

	async #start(audioOnly: boolean) {
		if (typeof MediaRecorder === 'undefined')
			throw new AppError('This browser cannot record calls (no MediaRecorder).', {
				code: 'recording/unsupported',
				expected: true
			});
		const video = !audioOnly && MediaRecorder.isTypeSupported(VIDEO_TYPE);
		const mimeType = video ? VIDEO_TYPE : AUDIO_TYPE;
		const rate = video ? EXPECTED_BYTES_PER_SECOND.video : EXPECTED_BYTES_PER_SECOND.audio;
		await this.#checkStorage(rate);

		const conversationId = await this.source.conversationId();
		const mix = (this.#mix = new CallMix(this.source.sound()));
		const tracks = [mix.track];
		if (video) {
			this.#composition = new CallComposition(this.source.scene);
			tracks.unshift(this.#composition.track);
		}
		const id = this.deps.newId();
		const { title, companionId } = this.source.about();
		const startedAt = Date.now();
		this.#people.clear();
		// Held before the metadata exists, so no tab's recovery takes the new recording for a crash.
		await this.#holdLock(id);
		await this.deps.repos.recordings.create({
			id,
			companionId,
			conversationId: conversationId ?? undefined,
			title,
			mimeType,
			startedAt,
			audioOnly: !video || undefined,
			// A call with people: nobody else is in it until they allow it.
			...(this.source.people ? { people: [] } : {})
		});
		this.recordingId = id;
		this.audioOnly = !video;

		const writer = (this.#writer = new ChunkWriter((seq, data, durationMs) =>
			this.deps.repos.recordings.appendChunk(id, seq, data, durationMs)
		));
		writer.failure.catch((error: unknown) => void this.#failed(error));
		const media = (this.#media = new MediaRecorder(new MediaStream(tracks), {
			mimeType,
			videoBitsPerSecond: 600_000,
			audioBitsPerSecond: 64_000
		}));
		media.ondataavailable = (event) => {
			writer.push(event.data, performance.now() - this.#startedAt);
			this.bytes = writer.bytes + event.data.size;
		};
		// MediaRecorder stops by itself when every track ended (the call closed its graph).
		media.onstop = () => void this.stop();
		media.onerror = (event) => void this.#failed((event as ErrorEvent).error ?? event);
		this.#startedAt = performance.now();
		this.#lastQuotaCheck = this.#startedAt;
		media.start(TIMESLICE_MS);
		this.#ticker = new Ticker(video ? 1000 / COMPOSITION.fps : 250, () => this.#tick());
		this.#ticker.start();
		this.phase = 'recording';
		this.source.announce?.(true);
	}

	#tick() {
		if (this.phase !== 'recording') return;
		if (this.source.ended()) {
			void this.stop();
			return;
		}
		this.#composition?.draw();
		this.#mix?.follow();
		this.#followPeople();
		const now = performance.now();
		this.elapsedMs = now - this.#startedAt;
		if (now - this.#lastQuotaCheck >= QUOTA_CHECK_MS) {
			this.#lastQuotaCheck = now;
			const rate = plannedRate(
				this.#writer?.bytes ?? 0,
				this.elapsedMs,
				this.audioOnly ? EXPECTED_BYTES_PER_SECOND.audio : EXPECTED_BYTES_PER_SECOND.video
			);
			void this.#checkStorage(rate).catch((error: unknown) =>
				reportError(error, { context: 'checking the storage left for the recording', silent: true })
			);
		}
	}

	/** Everyone who has been in the recording is kept with it, written as they come. */
	#followPeople() {
		const id = this.recordingId;
		const fresh = (this.source.people?.() ?? []).filter((name) => !this.#people.has(name));
		if (!id || fresh.length === 0) return;
		for (const name of fresh) this.#people.add(name);
		const people = [...this.#people];
		this.#peopleWrite = this.#peopleWrite
			.then(() => this.deps.repos.recordings.setPeople(id, people))
			.catch((error: unknown) => {
				reportError(error, { context: 'noting who is in the recording', silent: true });
			});
	}

	async #checkStorage(bytesPerSecond: number) {
		const estimate = await this.deps.estimate();
		if (!storageRunningOut(estimate, bytesPerSecond)) {
			this.warning = null;
			return;
		}
		const seconds = Math.floor(secondsLeft(estimate, bytesPerSecond));
		this.warning =
			`Storage is almost full: room for about ${seconds} more seconds of recording. ` +
			'Free some space (Settings → Storage) or stop the recording.';
	}

	async #failed(error: unknown) {
		const appError = toAppError(error);
		const kept = formatDuration(this.elapsedMs);
		const reason =
			appError instanceof StorageFullError
				? `The recording stopped because your device has no room left. Everything up to then (${kept}) is kept and can be played in Recordings.`
				: `The recording stopped: ${appError.message} Everything recorded until then is kept.`;
		this.#reason ??= reason;
		this.stoppedBecause = this.#reason;
		await this.stop();
	}

	async #stop() {
		this.phase = 'stopping';
		this.source.announce?.(false);
		const media = this.#media;
		if (media && media.state !== 'inactive') {
			const stopped = new Promise((done) => media.addEventListener('stop', done, { once: true }));
			media.stop();
			await stopped;
		}
		const durationMs = performance.now() - this.#startedAt;
		this.elapsedMs = durationMs;
		const writer = this.#writer;
		const id = this.recordingId;
		this.#teardown();
		// The lock stays held until the recording is marked complete, which may take retries.
		const release = this.#releaseLock;
		this.#releaseLock = null;
		try {
			if (!writer || !id) return;
			// Every chunk that came is written, or a write failed (#failed has said so): the ones
			// before it stay, and the recording ends there.
			await writer.flush().catch((error: unknown) => void this.#failed(error));
			await this.#peopleWrite;
			this.bytes = writer.bytes;
			this.phase = 'idle';
			await this.#finish(id, {
				durationMs: Math.min(durationMs, writer.lastDurationMs || durationMs),
				...(this.#reason ? { stopReason: this.#reason } : {})
			});
		} finally {
			release?.();
			this.phase = 'idle';
		}
		if (id && writer && writer.written > 0) {
			this.fixing = true;
			// The remuxer (mediabunny) loads only now, not with the call.
			this.#fix = import('./fix')
				.then(({ fixLater }) => fixLater({ id }, this.deps))
				.finally(() => (this.fixing = false));
		}
	}

	/**
	 * Marks the recording complete. On a full disk even that small write can fail: it is tried
	 * again a few times (space may be freed meanwhile) while the lock is held; if it never lands,
	 * the recording stays 'recording' and the next start recovers it from its chunks.
	 */
	async #finish(id: string, patch: { durationMs: number; stopReason?: string }) {
		for (let attempt = 1; ; attempt++) {
			try {
				await this.deps.repos.recordings.finish(id, 'complete', patch);
				return;
			} catch (error) {
				if (attempt >= FINISH_ATTEMPTS || !(toAppError(error) instanceof StorageFullError)) {
					reportError(error, { context: 'finishing the recording', silent: true });
					return;
				}
				await new Promise((done) => setTimeout(done, FINISH_RETRY_MS));
			}
		}
	}

	#teardown() {
		this.#ticker?.stop();
		this.#composition?.stop();
		this.#mix?.close();
		this.#ticker = this.#composition = this.#mix = this.#media = null;
	}

	/** Resolves once the lock is held; it is held until `#releaseLock`. */
	async #holdLock(id: string) {
		const locks = navigator.locks;
		if (!locks) return;
		await new Promise<void>((granted) => {
			void locks.request(lockName(id), () => {
				granted();
				return new Promise<void>((release) => (this.#releaseLock = release));
			});
		});
	}
}
