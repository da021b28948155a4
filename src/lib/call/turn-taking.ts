/**
 * Who speaks when, in a voice call: a pure state machine. The call session feeds it events from
 * the microphone (voice activity), speech recognition, the model and the speaker, and carries out
 * the effects it returns. Being pure, every rule is unit-tested (tests/unit/call/turn-taking.test.ts).
 *
 * Preemptive replies: when the person pauses (`speech-pause`, well before the end-of-turn silence
 * has elapsed) the utterance so far is transcribed and a reply generated at once, held back: not
 * spoken, not saved, not shown. The end of the turn (`speech-end`) commits it; speech again
 * (`speech-resume`), a false start, typing or the end of the call discards it, and the whole
 * utterance is answered afresh once the turn ends. The call only sends `speech-pause` with the
 * `speech.preemptiveReply` setting on.
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
	/**
	 * A preemptive reply in the making while the person pauses: its transcript is being made, or the
	 * reply is being generated (held back until the turn ends).
	 */
	early: 'none' | 'transcribing' | 'replying';
}

export type TurnEvent =
	| { type: 'start' }
	| { type: 'end' }
	| { type: 'speech-start' }
	| { type: 'speech-end' }
	/** The person has paused; the end-of-turn silence has not elapsed yet. */
	| { type: 'speech-pause' }
	/** Speech again within the same turn, after a pause. */
	| { type: 'speech-resume' }
	| { type: 'misfire' }
	/** `early`: the transcript of a pause (the utterance so far), for a preemptive reply. */
	| { type: 'transcript'; text: string; early?: boolean }
	| { type: 'typed'; text: string }
	| { type: 'audio-start' }
	| { type: 'reply-done' }
	| { type: 'playback-done' }
	/** Recognition or the reply failed; `early`: the preemptive one's, before the turn ended. */
	| { type: 'failed'; early?: boolean };

export type Effect =
	/** `early`: only the utterance so far, at a pause. */
	| { type: 'transcribe'; early?: boolean }
	/** Answer what the person said (or typed); `early`: generate it, but hold it back. */
	| { type: 'reply'; text: string; early?: boolean }
	/** The turn ended as the preemptive reply assumed: speak it, save it, show it. */
	| { type: 'commit' }
	/** The person went on (or typed, or hung up): the preemptive reply never happened. */
	| { type: 'discard'; stage: 'transcribing' | 'replying' }
	/**
	 * Stop the audio and the generation, keep what was said: the person spoke over the companion
	 * (a barge-in), typed, or ended the call.
	 */
	| { type: 'interrupt'; by: 'voice' | 'typing' | 'end' }
	/** The companion's own words (the greeting) would start while the person speaks: stop them. */
	| { type: 'silence' };

export const INITIAL: TurnState = {
	phase: 'idle',
	generating: false,
	playing: false,
	pending: '',
	early: 'none'
};

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

/** The companion has the turn and is generating its answer; nothing pending, nothing early. */
function answering(state: TurnState): TurnState {
	return {
		...state,
		phase: 'thinking',
		generating: true,
		playing: false,
		pending: '',
		early: 'none'
	};
}

function reply(state: TurnState, text: string): Step {
	return { state: answering(state), effects: [{ type: 'reply', text }] };
}

/** The preemptive reply in the making, if any, is dropped without a trace. */
function discard(state: TurnState): Effect[] {
	return state.early === 'none' ? [] : [{ type: 'discard', stage: state.early }];
}

function earlyTranscript(state: TurnState, said: string): Step {
	// Discarded meanwhile (the person went on): this transcript is of nothing now.
	if (state.early !== 'transcribing') return stay(state);
	const text = join(state.pending, said);
	// The turn ended while it was being made: only silence followed, so it is the whole utterance.
	if (state.phase === 'transcribing')
		return text ? reply(state, text) : stay({ ...state, phase: 'listening', early: 'none' });
	if (!text) return stay({ ...state, early: 'none' });
	return {
		state: { ...state, early: 'replying' },
		effects: [{ type: 'reply', text, early: true }]
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
				effects: companionActive(state) ? [{ type: 'interrupt', by: 'end' }] : discard(state)
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
			if (state.phase !== 'hearing') return stay(state);
			if (state.early === 'replying')
				return { state: answering(state), effects: [{ type: 'commit' }] };
			// The pause's transcript is on its way, and only silence came after it: it will do.
			if (state.early === 'transcribing') return stay({ ...state, phase: 'transcribing' });
			return { state: { ...state, phase: 'transcribing' }, effects: [{ type: 'transcribe' }] };
		case 'speech-pause':
			return state.phase === 'hearing' && state.early === 'none'
				? {
						state: { ...state, early: 'transcribing' },
						effects: [{ type: 'transcribe', early: true }]
					}
				: stay(state);
		case 'speech-resume':
			return state.phase === 'hearing' && state.early !== 'none'
				? { state: { ...state, early: 'none' }, effects: discard(state) }
				: stay(state);
		case 'misfire':
			return state.phase === 'hearing'
				? { state: { ...state, phase: 'listening', early: 'none' }, effects: discard(state) }
				: stay(state);
		case 'transcript': {
			if (event.early) return earlyTranscript(state, event.text);
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
				: { ...step, effects: [...discard(state), ...step.effects] };
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
			if (event.early) {
				if (state.early === 'none') return stay(state);
				// The turn is over and its early transcript or reply failed: recognise it in full.
				if (state.phase === 'transcribing')
					return { state: { ...state, early: 'none' }, effects: [{ type: 'transcribe' }] };
				return stay({ ...state, early: 'none' });
			}
			return stay({ ...state, phase: 'listening', generating: false, playing: false });
	}
}
