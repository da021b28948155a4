import type { Viseme, VisemeCue } from './types';

/** The index of the cue playing at `time` (seconds into the chunk), or -1. Binary search. */
export function cueIndexAt(cues: readonly VisemeCue[], time: number): number {
	let low = 0;
	let high = cues.length - 1;
	while (low <= high) {
		const mid = (low + high) >> 1;
		if (time < cues[mid].start) high = mid - 1;
		else if (time >= cues[mid].end) low = mid + 1;
		else return mid;
	}
	return -1;
}

/** The viseme at `time` seconds into the chunk (`sil` outside every cue). */
export function visemeAt(cues: readonly VisemeCue[], time: number): Viseme {
	const index = cueIndexAt(cues, time);
	return index < 0 ? 'sil' : cues[index].viseme;
}
