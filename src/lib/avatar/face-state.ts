/**
 * The face's turn, as a pure state machine: what the companion's face is doing in a call.
 * - idle: no conversation under way (before the call, after it): blinks, breathes, glances about.
 * - listening: looks at the person; nods a little while the voice activity detector hears them.
 * - thinking: looks away while the model has not yet written the reply's first clause.
 * - speaking: looks at the person again; the mouth follows the visemes, the brows the stress.
 */
export type FaceMode = 'idle' | 'listening' | 'thinking' | 'speaking';

export interface FaceState {
	mode: FaceMode;
	/** The person is speaking (listening: nod). */
	hearing: boolean;
	/** The reply's first clause has been written. */
	clause: boolean;
}

/** The call's turn-taking phases (`lib/call/turn-taking.ts`), as the face reads them. */
export type CallPhase =
	'idle' | 'listening' | 'hearing' | 'transcribing' | 'thinking' | 'speaking' | 'ended';

export type FaceEvent =
	/** The call's phase (read each frame: the same phase again changes nothing). */
	| { type: 'phase'; phase: CallPhase }
	/** The reply's first clause went to the voice. */
	| { type: 'clause' };

export const INITIAL_FACE: FaceState = Object.freeze({
	mode: 'idle',
	hearing: false,
	clause: false
});

export function reduceFace(state: FaceState, event: FaceEvent): FaceState {
	if (event.type === 'clause') {
		if (state.mode !== 'thinking') return state.clause ? state : { ...state, clause: true };
		return { mode: 'speaking', hearing: false, clause: true };
	}
	switch (event.phase) {
		case 'idle':
		case 'ended':
			return INITIAL_FACE;
		case 'listening':
		case 'transcribing':
			return state.mode === 'listening' && !state.hearing
				? state
				: { mode: 'listening', hearing: false, clause: false };
		case 'hearing':
			return state.mode === 'listening' && state.hearing
				? state
				: { mode: 'listening', hearing: true, clause: false };
		case 'thinking':
			// A new reply: look away until its first clause.
			if (state.mode === 'thinking' || (state.mode === 'speaking' && state.clause)) return state;
			return { mode: 'thinking', hearing: false, clause: false };
		case 'speaking':
			return state.mode === 'speaking' ? state : { mode: 'speaking', hearing: false, clause: true };
	}
}
