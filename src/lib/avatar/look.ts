/** The parameters of the local, drawn avatar. Every field has a safe default. */
export interface AvatarLook {
	skin: string;
	hair: string;
	hairStyle: HairStyle;
	eyes: string;
	background: string;
	glasses: boolean;
	/** The face's outline (absent: oval). */
	faceShape?: FaceShape;
	/** Something worn (absent: none). */
	accessory?: Accessory;
}

export const FACE_SHAPES = ['oval', 'round', 'long', 'heart'] as const;
export type FaceShape = (typeof FACE_SHAPES)[number];

export const ACCESSORIES = ['none', 'earrings', 'headband', 'headphones'] as const;
export type Accessory = (typeof ACCESSORIES)[number];

export const HAIR_STYLES = ['short', 'long', 'bun', 'curly', 'none'] as const;
export type HairStyle = (typeof HAIR_STYLES)[number];

export const SKIN_TONES = ['#f6d1b1', '#e8b48f', '#c98e63', '#a26a42', '#7a4b2a', '#5a3520'];
export const HAIR_COLOURS = [
	'#2b1d14',
	'#5b3a21',
	'#a0652f',
	'#d9b26b',
	'#b43c2a',
	'#8c8c8c',
	'#3d4f8f'
];
export const EYE_COLOURS = ['#3b2a20', '#6b4423', '#2f5d50', '#3d6fa8', '#6f7f8c', '#1d1d1d'];
export const BACKGROUNDS = ['#c7d7f5', '#f5d6c7', '#d2f0dc', '#efe0f7', '#f7efc2', '#24304f'];

export const DEFAULT_LOOK: Required<AvatarLook> = {
	skin: SKIN_TONES[1],
	hair: HAIR_COLOURS[1],
	hairStyle: 'short',
	eyes: '#3b2a20',
	background: BACKGROUNDS[0],
	glasses: false,
	faceShape: 'oval',
	accessory: 'none'
};
