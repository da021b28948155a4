/**
 * Who speaks when, in a voice call: a pure state machine. The call session feeds it events from
 * the microphone (voice activity), speech recognition, the model and the speaker, and carries out
 * the effects it returns. Being pure, every rule is unit-tested (tests/unit/call/turn-taking.test.ts).
 */
export type Phase =
	| 'idle'
	| 'listening' // waiting for the person
	| 'hearing' // the person is speaking
	| 'transcribing' // their utterance is being recognised
	| 'thinking' // the companion is generating, nothing audible yet
	| 'speaking' // the companion is audible (and may still be generating)
	| 'ended';

export interface TurnState {
	phase: Phase;
	/** The model is still generating the current reply. */
	generating: boolean;
	/** Reply audio is playing or queued. */
	playing: boolean;
	/** Recognised words waiting for the rest of the utterance (the person paused mid-thought). */
	pending: string;
}

export type TurnEvent =
	| { type: 'start' }
	| { type: 'end' }
	| { type: 'speech-start' }
	| { type: 'speech-end' }
	| { type: 'misfire' }
	| { type: 'transcript'; text: string }
	| { type: 'typed'; text: string }
	| { type: 'audio-start' }
	| { type: 'reply-done' }
	| { type: 'playback-done' }
	| { type: 'failed' };

export type Effect =
	| { type: 'transcribe' }
	/** Answer what the person said (or typed). */
	| { type: 'reply'; text: string }
	/**
	 * Stop the audio and the generation, keep what was said: the person spoke over the companion
	 * (a barge-in), typed, or ended the call.
	 */
	| { type: 'interrupt'; by: 'voice' | 'typing' | 'end' }
	/** The companion's own words (the greeting) would start while the person speaks: stop them. */
	| { type: 'silence' };

export const INITIAL: TurnState = { phase: 'idle', generating: false, playing: false, pending: '' };

interface Step {
	state: TurnState;
	effects: Effect[];
}

const stay = (state: TurnState): Step => ({ state, effects: [] });
const join = (a: string, b: string) => [a, b].filter(Boolean).join(' ').trim();

/** The companion holds the floor while it generates or plays audio. */
function companionActive(state: TurnState): boolean {
	return state.phase === 'thinking' || state.phase === 'speaking';
}

function reply(state: TurnState, text: string): Step {
	return {
		state: { ...state, phase: 'thinking', generating: true, playing: false, pending: '' },
		effects: [{ type: 'reply', text }]
	};
}

export function reduce(state: TurnState, event: TurnEvent): Step {
	if (state.phase === 'ended') return stay(state);
	switch (event.type) {
		case 'start':
			return state.phase === 'idle' ? stay({ ...INITIAL, phase: 'listening' }) : stay(state);
		case 'end':
			return {
				state: { ...INITIAL, phase: 'ended' },
				effects: companionActive(state) ? [{ type: 'interrupt', by: 'end' }] : []
			};
		case 'speech-start':
			if (state.phase === 'idle') return stay(state);
			if (companionActive(state)) {
				// Barge-in: the companion yields at once.
				return {
					state: { ...state, phase: 'hearing', generating: false, playing: false },
					effects: [{ type: 'interrupt', by: 'voice' }]
				};
			}
			return stay({ ...state, phase: 'hearing' });
		case 'speech-end':
			return state.phase === 'hearing'
				? { state: { ...state, phase: 'transcribing' }, effects: [{ type: 'transcribe' }] }
				: stay(state);
		case 'misfire':
			return state.phase === 'hearing' ? stay({ ...state, phase: 'listening' }) : stay(state);
		case 'transcript': {
			const text = join(state.pending, event.text);
			// The person started again while we were recognising: wait for the rest.
			if (state.phase === 'hearing') return stay({ ...state, pending: text });
			if (state.phase !== 'transcribing') return stay(state);
			return text ? reply(state, text) : stay({ ...state, phase: 'listening' });
		}
		case 'typed': {
			const text = event.text.trim();
			if (!text || state.phase === 'idle') return stay(state);
			const step = reply(state, text);
			return companionActive(state)
				? { ...step, effects: [{ type: 'interrupt', by: 'typing' }, ...step.effects] }
				: step;
		}
		case 'audio-start':
			// A reply's audio, or the companion speaking on its own (the greeting): either way it
			// holds the floor, so the person can interrupt it.
			if (state.phase === 'thinking' || state.phase === 'listening')
				return stay({ ...state, phase: 'speaking', playing: true });
			// The person has the floor: the companion does not talk over them.
			if (state.phase === 'hearing' || state.phase === 'transcribing')
				return { state: { ...state, playing: false }, effects: [{ type: 'silence' }] };
			return stay(state);
		case 'reply-done': {
			const next = { ...state, generating: false };
			if (state.phase === 'thinking' && !state.playing)
				return stay({ ...next, phase: 'listening' });
			return stay(next);
		}
		case 'playback-done': {
			const next = { ...state, playing: false };
			if (state.phase === 'speaking' && !state.generating)
				return stay({ ...next, phase: 'listening' });
			if (state.phase === 'speaking') return stay({ ...next, phase: 'thinking' });
			return stay(next);
		}
		case 'failed':
			return stay({ ...state, phase: 'listening', generating: false, playing: false });
	}
}
