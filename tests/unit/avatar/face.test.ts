import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ACCESSORIES, DEFAULT_LOOK, FACE_SHAPES } from '$lib/avatar/look';
import { AvatarLookSchema } from '$lib/companion/schema';
import { INITIAL_FACE, reduceFace, type CallPhase, type FaceState } from '$lib/avatar/face-state';
import { FaceMotion } from '$lib/avatar/motion';
import { VISEME_SHAPES } from '$lib/avatar/mouth';
import { faceLayers, faceMouth } from '$lib/avatar/drawing';
import { VISEMES } from '$lib/avatar/visemes';

const phases = (state: FaceState, ...list: CallPhase[]) =>
	list.reduce((s, phase) => reduceFace(s, { type: 'phase', phase }), state);

describe('the face’s turn', () => {
	it('is idle until the call listens, and nods only while the person speaks', () => {
		expect(INITIAL_FACE.mode).toBe('idle');
		const listening = phases(INITIAL_FACE, 'listening');
		expect(listening).toEqual({ mode: 'listening', hearing: false, clause: false });
		expect(phases(listening, 'hearing')).toEqual({
			mode: 'listening',
			hearing: true,
			clause: false
		});
		expect(phases(listening, 'hearing', 'transcribing').hearing).toBe(false);
	});

	it('thinks until the first clause, then speaks', () => {
		const thinking = phases(INITIAL_FACE, 'listening', 'hearing', 'transcribing', 'thinking');
		expect(thinking.mode).toBe('thinking');
		// The phase read again each frame changes nothing.
		expect(phases(thinking, 'thinking')).toBe(thinking);
		const clause = reduceFace(thinking, { type: 'clause' });
		expect(clause.mode).toBe('speaking');
		// Still "thinking" for turn-taking until the audio starts: the face stays with the person.
		expect(phases(clause, 'thinking').mode).toBe('speaking');
		expect(phases(clause, 'speaking').mode).toBe('speaking');
	});

	it('goes back to listening on barge-in, and thinks afresh for the next reply', () => {
		const speaking = phases(INITIAL_FACE, 'listening', 'thinking', 'speaking');
		const barged = phases(speaking, 'hearing');
		expect(barged).toEqual({ mode: 'listening', hearing: true, clause: false });
		expect(phases(barged, 'transcribing', 'thinking').mode).toBe('thinking');
	});

	it('is idle once the call ended', () => {
		expect(phases(INITIAL_FACE, 'listening', 'speaking', 'ended')).toEqual(INITIAL_FACE);
	});
});

const drive = (state: FaceState, extra: Partial<Parameters<FaceMotion['step']>[1]> = {}) => ({
	state,
	mouth: null,
	level: 0,
	reducedMotion: false,
	...extra
});

describe('face motion', () => {
	const listening: FaceState = { mode: 'listening', hearing: false, clause: false };

	it('takes each viseme’s own mouth shape', () => {
		const motion = new FaceMotion(() => 0.5);
		const speaking: FaceState = { mode: 'speaking', hearing: false, clause: true };
		let pose = motion.step(0, drive(speaking));
		for (let t = 16; t < 200; t += 16)
			pose = motion.step(
				t,
				drive(speaking, { mouth: { viseme: 'U', next: 'U', blend: 0, stress: 1 } })
			);
		expect(pose.shape!.round).toBeCloseTo(1, 2);
		expect(pose.shape!.width).toBeCloseTo(VISEME_SHAPES.U.width, 2);
		expect(pose.brow).toBeGreaterThan(0.5);
		for (let t = 200; t < 400; t += 16)
			pose = motion.step(
				t,
				drive(speaking, { mouth: { viseme: 'PP', next: 'PP', blend: 0, stress: 0 } })
			);
		expect(pose.shape!.open).toBeCloseTo(0, 2);
		expect(pose.shape!.press).toBeCloseTo(1, 2);
	});

	it('draws a different mouth for every viseme group', () => {
		const drawn = new Set(VISEMES.map((v) => JSON.stringify(faceMouth(VISEME_SHAPES[v]))));
		expect(drawn.size).toBe(VISEMES.length);
	});

	it('looks away while thinking and back at the person to speak', () => {
		const motion = new FaceMotion(() => 0.5);
		let pose = motion.step(0, drive({ mode: 'thinking', hearing: false, clause: false }));
		for (let t = 16; t < 300; t += 16)
			pose = motion.step(t, drive({ mode: 'thinking', hearing: false, clause: false }));
		expect(Math.hypot(...pose.gaze!)).toBeGreaterThan(2.5);
		for (let t = 300; t < 600; t += 16)
			pose = motion.step(
				t,
				drive({ mode: 'speaking', hearing: false, clause: true }, { reducedMotion: true })
			);
		expect(Math.hypot(...pose.gaze!)).toBeLessThan(0.1);
	});

	it('nods while the person speaks, not while they are silent', () => {
		const nods = (state: FaceState) => {
			const motion = new FaceMotion(() => 0.5);
			let deepest = 0;
			for (let t = 0; t < 2000; t += 16)
				deepest = Math.max(deepest, motion.step(t, drive(state)).nod ?? 0);
			return deepest;
		};
		expect(nods({ ...listening, hearing: true })).toBeGreaterThan(1.5);
		expect(nods(listening)).toBe(0);
	});

	it('stops idle motion with reduced motion', () => {
		const still = new FaceMotion(() => 0.9);
		const idle = drive(INITIAL_FACE, { reducedMotion: true });
		const first = still.step(0, idle);
		for (let t = 16; t < 8000; t += 16) expect(still.step(t, idle)).toEqual(first);
		const alive = new FaceMotion(() => 0.9);
		const poses = new Set<string>();
		for (let t = 0; t < 8000; t += 160)
			poses.add(JSON.stringify(alive.step(t, drive(INITIAL_FACE))));
		expect(poses.size).toBeGreaterThan(20);
	});
});

describe('looks', () => {
	it('draws every face shape and accessory differently', () => {
		const drawn = new Set<string>();
		for (const faceShape of FACE_SHAPES)
			for (const accessory of ACCESSORIES)
				drawn.add(JSON.stringify(faceLayers({ ...DEFAULT_LOOK, faceShape, accessory })));
		expect(drawn.size).toBe(FACE_SHAPES.length * ACCESSORIES.length);
	});

	it('reads a look stored before face shapes and accessories as the defaults', () => {
		const stored = {
			skin: '#f6d1b1',
			hair: '#a0652f',
			hairStyle: 'bun',
			eyes: '#2f5d50',
			background: '#d2f0dc',
			glasses: true
		};
		expect(v.parse(AvatarLookSchema, stored)).toEqual({
			...stored,
			faceShape: 'oval',
			accessory: 'none'
		});
		expect(() => v.parse(AvatarLookSchema, { ...stored, accessory: 'crown' })).toThrow(
			/accessory from the list/
		);
	});
});
