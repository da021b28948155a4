import type { Viseme } from './visemes/types';

/**
 * The mouth as a few muscles, so that every viseme group has its own shape and shapes blend
 * (coarticulation) by interpolating numbers rather than morphing paths.
 */
export interface MouthShape {
	/** Gap between the lips, 0 (closed) to 1 (jaw wide open). */
	open: number;
	/** Width relative to rest (rounded lips are narrow, spread lips wide). */
	width: number;
	/** Rounding and protrusion of the lips, 0..1. */
	round: number;
	/** Upper teeth showing, 0..1. */
	teeth: number;
	/** Tongue showing (TH between the teeth, DD/nn behind them), 0..1. */
	tongue: number;
	/** Lips pressed together (PP), 0..1. */
	press: number;
	/** Lower lip drawn up under the upper teeth (FF), 0..1. */
	tuck: number;
}

const shape = (s: Partial<MouthShape>): MouthShape =>
	Object.freeze({ open: 0, width: 1, round: 0, teeth: 0, tongue: 0, press: 0, tuck: 0, ...s });

/** The shape of each viseme. */
export const VISEME_SHAPES: Record<Viseme, MouthShape> = {
	sil: shape({}),
	PP: shape({ width: 0.94, press: 1 }),
	FF: shape({ open: 0.16, teeth: 1, tuck: 1 }),
	TH: shape({ open: 0.22, teeth: 0.7, tongue: 1 }),
	DD: shape({ open: 0.26, teeth: 0.6, tongue: 0.35 }),
	kk: shape({ open: 0.38, width: 0.96, teeth: 0.4 }),
	CH: shape({ open: 0.26, width: 0.74, round: 0.7, teeth: 0.8 }),
	SS: shape({ open: 0.12, width: 1.1, teeth: 1 }),
	nn: shape({ open: 0.2, teeth: 0.4, tongue: 0.5 }),
	RR: shape({ open: 0.26, width: 0.82, round: 0.5, teeth: 0.3 }),
	aa: shape({ open: 1, teeth: 0.35 }),
	E: shape({ open: 0.55, width: 1.12, teeth: 0.5 }),
	I: shape({ open: 0.3, width: 1.18, teeth: 0.75 }),
	O: shape({ open: 0.7, width: 0.68, round: 1 }),
	U: shape({ open: 0.34, width: 0.56, round: 1 })
};

export const REST_MOUTH = VISEME_SHAPES.sil;

/** Interpolates two shapes (`amount` 0: a, 1: b). */
export function blendShapes(a: MouthShape, b: MouthShape, amount: number): MouthShape {
	const t = Math.max(0, Math.min(1, amount));
	const mix = (x: number, y: number) => x + (y - x) * t;
	return {
		open: mix(a.open, b.open),
		width: mix(a.width, b.width),
		round: mix(a.round, b.round),
		teeth: mix(a.teeth, b.teeth),
		tongue: mix(a.tongue, b.tongue),
		press: mix(a.press, b.press),
		tuck: mix(a.tuck, b.tuck)
	};
}

/** A mouth only opened by loudness (the browser's voice, which gives no timing): an open vowel. */
export function levelShape(level: number): MouthShape {
	return blendShapes(REST_MOUTH, VISEME_SHAPES.aa, level);
}
