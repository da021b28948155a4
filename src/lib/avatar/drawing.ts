import type { AvatarLook } from './look';

/** How the face is posed in one frame. */
export interface AvatarPose {
	/** 0 (closed) to 1 (wide open). */
	mouth: number;
	/** Eyes closed. */
	blink: boolean;
	/** Small head offset in drawing units, for idle motion. */
	tilt: number;
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

export function faceLayers(look: AvatarLook): FaceLayers {
	const brow = { stroke: shade(look.hair, -0.2), strokeWidth: 3.5, round: true };
	const glasses = { stroke: '#2a2a2a', strokeWidth: 3, opacity: 0.85 };
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
			{ kind: 'ellipse', cx: 55, cy: 112, rx: 9, ry: 13, fill: look.skin },
			{ kind: 'ellipse', cx: 145, cy: 112, rx: 9, ry: 13, fill: look.skin },
			{ kind: 'ellipse', cx: 100, cy: 108, rx: 45, ry: 54, fill: look.skin },
			...hair(look)
		],
		over: [
			{ kind: 'path', d: 'M72 94 Q82 89 91 93', ...brow },
			{ kind: 'path', d: 'M109 93 Q118 89 128 94', ...brow },
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

/** The eyes, open or closed. */
export function faceEyes(look: AvatarLook, blink: boolean): FaceShape[] {
	const ry = blink ? 0.8 : 6.5;
	return [
		{ kind: 'ellipse', cx: 82, cy: 108, rx: 6, ry, fill: look.eyes },
		{ kind: 'ellipse', cx: 118, cy: 108, rx: 6, ry, fill: look.eyes }
	];
}

/** The mouth, 0 (closed) to 1 (wide open). */
export function faceMouth(mouth: number): Extract<FaceShape, { kind: 'path' }> {
	const open = Math.max(0, Math.min(1, mouth));
	return {
		kind: 'path',
		d: `M82 146 Q100 ${150 + open * 4} 118 146 Q100 ${150 + open * 22} 82 146 Z`,
		fill: '#7a2f2f',
		stroke: '#5c2020',
		strokeWidth: 2.5,
		round: true
	};
}

/** How the head moves for a tilt: translated by `offset`, then turned `angle` degrees about `pivot`. */
export function headMotion(tilt: number): Pick<FaceDrawing, 'offset' | 'angle' | 'pivot'> {
	return { offset: [tilt, Math.abs(tilt) * 0.3], angle: tilt * 0.8, pivot: [100, 120] };
}

/** The whole face with `look` in `pose`, in drawing order. */
export function faceDrawing(
	look: AvatarLook,
	pose: AvatarPose,
	layers = faceLayers(look)
): FaceDrawing {
	return {
		backdrop: layers.backdrop,
		head: [...layers.under, ...faceEyes(look, pose.blink), ...layers.over, faceMouth(pose.mouth)],
		...headMotion(pose.tilt)
	};
}
