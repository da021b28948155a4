/**
 * Seeded draws: the same seed and day give the same life on every device, in every catch-up.
 * FNV-1a hashes the seed and a label into a 32-bit state; mulberry32 draws from it.
 */

/** FNV-1a over a string, as an unsigned 32-bit number. */
export function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

export interface Rng {
	/** A number in [0, 1). */
	next(): number;
	/** An integer in [min, max]. */
	int(min: number, max: number): number;
	/** One item of a non-empty list. */
	pick<T>(items: readonly T[]): T;
	chance(p: number): boolean;
}

/** A generator for one seed and label (`day:2026-12-06`, `weather:2026-12-06`). */
export function rng(seed: number, label: string): Rng {
	let state = hash(`${seed}:${label}`);
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: (items) => items[Math.floor(next() * items.length)],
		chance: (p) => next() < p
	};
}
