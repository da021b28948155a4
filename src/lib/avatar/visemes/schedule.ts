import { cueIndexAt } from './track';
import type { Viseme, VisemeCue } from './types';

/** What the mouth does at one moment: the viseme, the next one it is moving to, and how far. */
export interface MouthFrame {
	viseme: Viseme;
	next: Viseme;
	/** 0: `viseme`'s shape; 1: `next`'s. */
	blend: number;
	/** Sentence stress of the word being said, 0..1. */
	stress: number;
}

/** Time a mouth takes to move from one shape to the next (coarticulation), seconds. */
const TRANSITION_S = 0.06;

interface Chunk {
	/** When the chunk's first sample plays, on the audio clock (seconds). */
	start: number;
	end: number;
	cues: readonly VisemeCue[];
}

/**
 * The viseme tracks of the chunks queued on the audio clock: each chunk's cues are placed at the
 * moment its audio starts, so the mouth is read off the same clock the sound plays on. Cleared
 * at once on barge-in. Pure (no audio objects): the player passes the clock in.
 */
export class VisemeSchedule {
	#chunks: Chunk[] = [];

	/** Adds a chunk's cues, its audio starting at `start` on the audio clock. */
	add(cues: readonly VisemeCue[], start: number, duration: number): void {
		if (cues.length === 0) return;
		this.#chunks.push({ start, end: start + duration, cues });
		this.#chunks.sort((a, b) => a.start - b.start);
	}

	/** Forgets every chunk (barge-in, the end of a reply). */
	clear(): void {
		this.#chunks = [];
	}

	get size(): number {
		return this.#chunks.length;
	}

	/** The mouth at `clock` (audio clock seconds), or null where no chunk plays. */
	at(clock: number): MouthFrame | null {
		while (this.#chunks.length > 0 && this.#chunks[0].end <= clock) this.#chunks.shift();
		const chunk = this.#chunks[0];
		if (!chunk || clock < chunk.start) return null;
		const time = clock - chunk.start;
		const index = cueIndexAt(chunk.cues, time);
		if (index < 0) return null;
		const cue = chunk.cues[index];
		const following = chunk.cues[index + 1];
		const next = following && following.start - cue.end < 0.001 ? following.viseme : 'sil';
		const transition = Math.min(TRANSITION_S, (cue.end - cue.start) / 2);
		const blend = Math.max(0, (time - (cue.end - transition)) / transition);
		return { viseme: cue.viseme, next, blend, stress: cue.stress ?? 0 };
	}
}
