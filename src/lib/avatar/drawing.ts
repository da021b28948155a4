import type { AvatarLook } from './look';
import { levelShape, REST_MOUTH, type MouthShape } from './mouth';

/** How the face is posed in one frame. */
export interface AvatarPose {
	/** How open the mouth is, 0 (closed) to 1 (wide open). */
	mouth: number;
	/** The mouth's shape (a viseme's, blended); without it, an open vowel opened by `mouth`. */
	shape?: MouthShape;
	/** Eyes closed. */
	blink: boolean;
	/** Small head offset in drawing units, for idle motion. */
	tilt: number;
	/** Where the eyes look, in drawing units from straight ahead ([0, 0]: at the viewer). */
	gaze?: readonly [number, number];
	/** Brows raised, 0..1 (sentence stress, attention). */
	brow?: number;
	/** Head lowered (a nod), in drawing units. */
	nod?: number;
	/** Breathing, 0..1: the head rises a little. */
	breath?: number;
}

export const REST_POSE: AvatarPose = Object.freeze({ mouth: 0, blink: false, tilt: 0 });

interface Paint {
	fill?: string;
	stroke?: string;
	strokeWidth?: number;
	round?: boolean;
	opacity?: number;
}

/** One shape of the face, in a 200 × 200 drawing; painted fill first, then stroke (as SVG does). */
export type FaceShape = Paint &
	(
		| { kind: 'rect'; x: number; y: number; width: number; height: number }
		| { kind: 'ellipse'; cx: number; cy: number; rx: number; ry: number }
		| { kind: 'path'; d: string }
	);

/**
 * The face in one pose: the backdrop, and the head, which moves as a whole (translated by
 * `offset`, then turned by `angle` degrees about `pivot`). The SVG face (`Face.svelte`) and the
 * canvas that becomes the avatar's video track (`canvas.ts`) both draw this, so they look alike.
 */
export interface FaceDrawing {
	backdrop: FaceShape[];
	head: FaceShape[];
	offset: [number, number];
	angle: number;
	pivot: [number, number];
}

export const FACE_SIZE = 200;

const circle = (cx: number, cy: number, r: number, paint: Paint): FaceShape => ({
	kind: 'ellipse',
	cx,
	cy,
	rx: r,
	ry: r,
	...paint
});

/** Lightens (amount > 0) or darkens a #rrggbb colour. */
export function shade(hex: string, amount: number): string {
	const n = parseInt(hex.slice(1), 16);
	const channel = (shift: number) => {
		const c = (n >> shift) & 0xff;
		const target = amount < 0 ? 0 : 255;
		return Math.round(c + (target - c) * Math.abs(amount));
	};
	return `rgb(${channel(16)}, ${channel(8)}, ${channel(0)})`;
}

function hair(look: AvatarLook): FaceShape[] {
	const fill = look.hair;
	switch (look.hairStyle) {
		case 'short':
		case 'long':
			return [
				{
					kind: 'path',
					d: 'M55 100 Q52 52 100 50 Q148 52 145 100 Q132 70 100 72 Q70 72 55 100 Z',
					fill
				}
			];
		case 'bun':
			return [
				circle(100, 42, 18, { fill }),
				{
					kind: 'path',
					d: 'M55 100 Q54 56 100 54 Q146 56 145 100 Q140 74 100 70 Q62 74 55 100 Z',
					fill
				}
			];
		case 'curly':
			return [
				...[58, 72, 86, 100, 114, 128, 142].map((x, i) => circle(x, i % 2 ? 60 : 66, 15, { fill })),
				circle(56, 84, 11, { fill }),
				circle(144, 84, 11, { fill })
			];
		case 'none':
			return [];
	}
}

/**
 * The parts of the face that do not move with the pose, computed once per look: the backdrop, and
 * the head's shapes under the eyes (hair behind, neck, ears, face, hair) and over them (brows,
 * glasses, nose). The eyes and the mouth change every frame (`faceEyes`, `faceMouth`).
 */
export interface FaceLayers {
	backdrop: FaceShape[];
	under: FaceShape[];
	over: FaceShape[];
}

/** The face's outline for its shape: half-widths at the cheeks and half-height. */
const OUTLINES = {
	oval: { rx: 45, ry: 54 },
	round: { rx: 49, ry: 50 },
	long: { rx: 41, ry: 58 },
	heart: { rx: 47, ry: 54 }
} as const;

function faceOutline(look: AvatarLook): FaceShape {
	const shape = look.faceShape ?? 'oval';
	if (shape === 'heart')
		// Wide at the cheeks and brow, narrowing to a soft chin.
		return {
			kind: 'path',
			d: 'M100 54 C130 54 148 76 147 104 C146 132 124 158 100 163 C76 158 54 132 53 104 C52 76 70 54 100 54 Z',
			fill: look.skin
		};
	const { rx, ry } = OUTLINES[shape];
	return { kind: 'ellipse', cx: 100, cy: 108, rx, ry, fill: look.skin };
}

function accessory(look: AvatarLook): { under: FaceShape[]; over: FaceShape[] } {
	const ear = (OUTLINES[look.faceShape ?? 'oval']?.rx ?? 45) + 1;
	switch (look.accessory ?? 'none') {
		case 'earrings':
			return {
				under: [],
				over: [
					circle(100 - ear, 126, 3.2, { fill: '#e3b64a', stroke: '#a07a20', strokeWidth: 1 }),
					circle(100 + ear, 126, 3.2, { fill: '#e3b64a', stroke: '#a07a20', strokeWidth: 1 })
				]
			};
		case 'headband':
			return {
				under: [],
				over: [
					{
						kind: 'path',
						d: 'M58 84 Q100 56 142 84',
						stroke: shade(look.background, -0.45),
						strokeWidth: 7,
						round: true
					}
				]
			};
		case 'headphones':
			return {
				under: [],
				over: [
					{
						kind: 'path',
						d: `M${100 - ear} 108 Q${100 - ear} 42 100 42 Q${100 + ear} 42 ${100 + ear} 108`,
						stroke: '#2d2f36',
						strokeWidth: 5,
						round: true
					},
					{ kind: 'rect', x: 100 - ear - 7, y: 98, width: 13, height: 26, fill: '#3a3d46' },
					{ kind: 'rect', x: 100 + ear - 6, y: 98, width: 13, height: 26, fill: '#3a3d46' }
				]
			};
		case 'none':
			return { under: [], over: [] };
	}
}

export function faceLayers(look: AvatarLook): FaceLayers {
	const glasses = { stroke: '#2a2a2a', strokeWidth: 3, opacity: 0.85 };
	const ear = OUTLINES[look.faceShape ?? 'oval']?.rx ?? 45;
	const worn = accessory(look);
	return {
		backdrop: [
			{ kind: 'rect', x: 0, y: 0, width: FACE_SIZE, height: FACE_SIZE, fill: look.background },
			{
				kind: 'path',
				d: 'M30 200 Q36 168 70 160 L130 160 Q164 168 170 200 Z',
				fill: shade(look.background, -0.35)
			}
		],
		under: [
			...(look.hairStyle === 'long'
				? [
						{
							kind: 'path',
							d: 'M52 96 Q50 170 70 178 L130 178 Q150 170 148 96 Z',
							fill: look.hair
						} as const
					]
				: []),
			{ kind: 'rect', x: 88, y: 150, width: 24, height: 18, fill: shade(look.skin, -0.12) },
			{ kind: 'ellipse', cx: 100 - ear, cy: 112, rx: 9, ry: 13, fill: look.skin },
			{ kind: 'ellipse', cx: 100 + ear, cy: 112, rx: 9, ry: 13, fill: look.skin },
			faceOutline(look),
			...hair(look),
			...worn.under
		],
		over: [
			...worn.over,
			...(look.glasses
				? [
						circle(82, 108, 14, glasses),
						circle(118, 108, 14, glasses),
						{ kind: 'path', d: 'M96 107 Q100 104 104 107', ...glasses } as const
					]
				: []),
			{
				kind: 'path',
				d: 'M100 116 Q96 128 101 131',
				stroke: shade(look.skin, -0.25),
				strokeWidth: 3,
				round: true
			}
		]
	};
}

const EYES = [82, 118] as const;
const EYE_Y = 108;

/** The eyes, open (whites, iris in the look's colour, pupil, looking along `gaze`) or closed. */
export function faceEyes(
	look: AvatarLook,
	blink: boolean,
	gaze: readonly [number, number] = [0, 0]
): FaceShape[] {
	if (blink) {
		const lid = { stroke: shade(look.skin, -0.45), strokeWidth: 2.2, round: true };
		return EYES.map((x) => ({
			kind: 'path',
			d: `M${x - 7} ${EYE_Y} Q${x} ${EYE_Y + 3} ${x + 7} ${EYE_Y}`,
			...lid
		}));
	}
	const [gx, gy] = [Math.max(-3, Math.min(3, gaze[0])), Math.max(-2, Math.min(2, gaze[1]))];
	return EYES.flatMap((x): FaceShape[] => [
		{
			kind: 'ellipse',
			cx: x,
			cy: EYE_Y,
			rx: 7.5,
			ry: 6.2,
			fill: '#fbfaf7',
			stroke: shade(look.skin, -0.35),
			strokeWidth: 1
		},
		circle(x + gx, EYE_Y + gy, 4.3, { fill: look.eyes }),
		circle(x + gx, EYE_Y + gy, 2, { fill: '#141010' }),
		circle(x + gx + 1.3, EYE_Y + gy - 1.4, 0.9, { fill: '#ffffff', opacity: 0.9 })
	]);
}

/** The brows, raised by `raise` (0..1). */
export function faceBrows(look: AvatarLook, raise = 0): FaceShape[] {
	const brow = { stroke: shade(look.hair, -0.2), strokeWidth: 3.5, round: true };
	const up = Math.max(0, Math.min(1, raise)) * 4;
	return [
		{ kind: 'path', d: `M72 ${94 - up} Q82 ${89 - up * 1.3} 91 ${93 - up}`, ...brow },
		{ kind: 'path', d: `M109 ${93 - up} Q118 ${89 - up * 1.3} 128 ${94 - up}`, ...brow }
	];
}

const MOUTH_X = 100;
const MOUTH_Y = 146;
const MOUTH_HALF = 18;
const LIPS = '#a4504a';
const INSIDE = '#5a1f22';
const f = (n: number) => Math.round(n * 100) / 100;

/**
 * The mouth in a shape: the opening (dark), upper teeth and tongue inside it, the lips around it.
 * A closed mouth is the lips' line (pressed: fuller); rounded lips draw in at the corners and
 * push the opening into an oval; spread lips widen it.
 */
export function faceMouth(shape: MouthShape | number): FaceShape[] {
	const s = typeof shape === 'number' ? levelShape(Math.max(0, Math.min(1, shape))) : shape;
	const half = MOUTH_HALF * s.width;
	const left = MOUTH_X - half;
	const right = MOUTH_X + half;
	// Opening above and below the lips' line; a tucked lower lip rises under the teeth.
	const up = s.open * (3 + 5 * s.round);
	const down = Math.max(0, s.open * 20 - s.tuck * 3);
	// Control points nearer the corners round the opening into an oval.
	const k = 0.45 + 0.45 * s.round;
	const corner = MOUTH_Y - 1.2 * (1 - s.round); // a slight smile at rest
	const top = `M${f(left)} ${f(corner)} C${f(MOUTH_X - half * k)} ${f(MOUTH_Y - up)} ${f(MOUTH_X + half * k)} ${f(MOUTH_Y - up)} ${f(right)} ${f(corner)}`;
	const bottom = `C${f(MOUTH_X + half * k)} ${f(MOUTH_Y + down)} ${f(MOUTH_X - half * k)} ${f(MOUTH_Y + down)} ${f(left)} ${f(corner)}`;
	const lips = { stroke: LIPS, strokeWidth: 2.6 + 2.4 * s.press + 1.2 * s.round, round: true };
	if (up + down < 0.6) return [{ kind: 'path', d: `${top} ${bottom} Z`, fill: LIPS, ...lips }];
	const shapes: FaceShape[] = [{ kind: 'path', d: `${top} ${bottom} Z`, fill: INSIDE }];
	if (s.tongue > 0.05) {
		// Between the teeth for TH, low behind them otherwise.
		const high = s.tongue > 0.8;
		shapes.push({
			kind: 'ellipse',
			cx: MOUTH_X,
			cy: f(high ? MOUTH_Y + down * 0.25 : MOUTH_Y + down * 0.62),
			rx: f(half * (high ? 0.45 : 0.55)),
			ry: f(Math.max(1, down * (high ? 0.3 : 0.28))),
			fill: '#c8646a',
			opacity: Math.min(1, s.tongue * 1.4)
		});
	}
	if (s.teeth > 0.05) {
		const band = Math.min(up + down, 2 + 4.5 * s.teeth);
		const inset = half * 0.18;
		shapes.push({
			kind: 'path',
			d: `M${f(left + inset)} ${f(MOUTH_Y - up * 0.55)} Q${MOUTH_X} ${f(MOUTH_Y - up * 1.05)} ${f(right - inset)} ${f(MOUTH_Y - up * 0.55)} L${f(right - inset)} ${f(MOUTH_Y - up * 0.55 + band)} Q${MOUTH_X} ${f(MOUTH_Y - up + band)} ${f(left + inset)} ${f(MOUTH_Y - up * 0.55 + band)} Z`,
			fill: '#f4f1ea'
		});
	}
	shapes.push({ kind: 'path', d: `${top} ${bottom} Z`, ...lips });
	return shapes;
}

/** How the head moves: translated by `offset`, then turned `angle` degrees about `pivot`. */
export function headMotion(
	tilt: number,
	nod = 0,
	breath = 0
): Pick<FaceDrawing, 'offset' | 'angle' | 'pivot'> {
	return {
		offset: [tilt, Math.abs(tilt) * 0.3 + nod - breath * 1.2],
		angle: tilt * 0.8,
		pivot: [100, 120]
	};
}

/** The mouth's shape in a pose. */
export const poseMouth = (pose: AvatarPose): MouthShape =>
	pose.shape ?? (pose.mouth > 0 ? levelShape(Math.min(1, pose.mouth)) : REST_MOUTH);

/** The whole face with `look` in `pose`, in drawing order. */
export function faceDrawing(
	look: AvatarLook,
	pose: AvatarPose,
	layers = faceLayers(look)
): FaceDrawing {
	return {
		backdrop: layers.backdrop,
		head: [
			...layers.under,
			...faceEyes(look, pose.blink, pose.gaze),
			...faceBrows(look, pose.brow),
			...layers.over,
			...faceMouth(poseMouth(pose))
		],
		...headMotion(pose.tilt, pose.nod, pose.breath)
	};
}
