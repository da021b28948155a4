import { describe, expect, it } from 'vitest';
import {
	INITIAL,
	reduce,
	type Effect,
	type TurnEvent,
	type TurnState
} from '$lib/call/turn-taking';

/** Runs events from a state; returns the final state and every effect, in order. */
function run(events: TurnEvent[], from: TurnState = INITIAL) {
	let state = from;
	const effects: Effect[] = [];
	for (const event of events) {
		const step = reduce(state, event);
		state = step.state;
		effects.push(...step.effects);
	}
	return { state, effects };
}

const utterance = (text: string): TurnEvent[] => [
	{ type: 'speech-start' },
	{ type: 'speech-end' },
	{ type: 'transcript', text }
];

describe('turn-taking', () => {
	it('listens, transcribes, answers, speaks, and listens again', () => {
		const { state, effects } = run([
			{ type: 'start' },
			...utterance('Hallo!'),
			{ type: 'audio-start' },
			{ type: 'reply-done' },
			{ type: 'playback-done' }
		]);
		expect(effects).toEqual([{ type: 'transcribe' }, { type: 'reply', text: 'Hallo!' }]);
		expect(state).toEqual({
			phase: 'listening',
			generating: false,
			playing: false,
			pending: '',
			early: 'none'
		});
	});

	it('keeps speaking while audio is queued after generation ends, and waits for more audio while generating', () => {
		const speaking = run([{ type: 'start' }, ...utterance('Hi'), { type: 'audio-start' }]).state;
		expect(run([{ type: 'reply-done' }], speaking).state.phase).toBe('speaking');
		const drained = run([{ type: 'playback-done' }], speaking).state;
		expect(drained).toMatchObject({ phase: 'thinking', generating: true });
		expect(run([{ type: 'audio-start' }], drained).state.phase).toBe('speaking');
		expect(run([{ type: 'reply-done' }], drained).state.phase).toBe('listening');
	});

	it('the greeting holds the floor too: speech over it interrupts it, and then is answered', () => {
		const greeting = run([{ type: 'start' }, { type: 'audio-start' }]).state;
		expect(greeting).toMatchObject({ phase: 'speaking', playing: true, generating: false });
		const { state, effects } = run([...utterance('Hallo!')], greeting);
		expect(effects).toEqual([
			{ type: 'interrupt', by: 'voice' },
			{ type: 'transcribe' },
			{ type: 'reply', text: 'Hallo!' }
		]);
		expect(state.phase).toBe('thinking');
		// A greeting heard to the end gives the floor back.
		expect(run([{ type: 'playback-done' }], greeting).state.phase).toBe('listening');
	});

	it('the companion does not start talking over the person (a greeting that comes late)', () => {
		const hearing = run([{ type: 'start' }, { type: 'speech-start' }]).state;
		const late = run([{ type: 'audio-start' }], hearing);
		expect(late.effects).toEqual([{ type: 'silence' }]);
		expect(late.state).toMatchObject({ phase: 'hearing', playing: false });
		const transcribing = run([{ type: 'speech-end' }], hearing).state;
		expect(run([{ type: 'audio-start' }], transcribing).effects).toEqual([{ type: 'silence' }]);
		// What the person said is still answered.
		expect(run([{ type: 'transcript', text: 'Hallo!' }], transcribing).effects).toEqual([
			{ type: 'reply', text: 'Hallo!' }
		]);
	});

	it('barge-in: speech over the companion interrupts it, and the new utterance is answered', () => {
		const speaking = run([
			{ type: 'start' },
			...utterance('Erzähl mir was.'),
			{ type: 'audio-start' }
		]).state;
		const { state, effects } = run([...utterance('Moment!')], speaking);
		expect(effects).toEqual([
			{ type: 'interrupt', by: 'voice' },
			{ type: 'transcribe' },
			{ type: 'reply', text: 'Moment!' }
		]);
		expect(state.phase).toBe('thinking');
		// Also while it is still thinking, before any audio.
		const thinking = run([{ type: 'start' }, ...utterance('Hallo')]).state;
		expect(run([{ type: 'speech-start' }], thinking).effects).toEqual([
			{ type: 'interrupt', by: 'voice' }
		]);
	});

	it('ignores misfires and empty transcripts', () => {
		const listening = run([{ type: 'start' }]).state;
		expect(run([{ type: 'speech-start' }, { type: 'misfire' }], listening)).toEqual({
			state: listening,
			effects: []
		});
		const { state, effects } = run(utterance(''), listening);
		expect(effects).toEqual([{ type: 'transcribe' }]);
		expect(state.phase).toBe('listening');
	});

	it('joins an utterance the person continued while it was being recognised', () => {
		const transcribing = run([
			{ type: 'start' },
			{ type: 'speech-start' },
			{ type: 'speech-end' }
		]).state;
		const { effects } = run(
			[
				{ type: 'speech-start' },
				{ type: 'transcript', text: 'Ich wohne' },
				{ type: 'speech-end' },
				{ type: 'transcript', text: 'in Hamburg.' }
			],
			transcribing
		);
		expect(effects.at(-1)).toEqual({ type: 'reply', text: 'Ich wohne in Hamburg.' });
	});

	it('typed messages are answered too, interrupting a companion that is speaking', () => {
		const listening = run([{ type: 'start' }]).state;
		expect(run([{ type: 'typed', text: ' Hallo ' }], listening).effects).toEqual([
			{ type: 'reply', text: 'Hallo' }
		]);
		const speaking = run([...utterance('Hi'), { type: 'audio-start' }], listening).state;
		expect(run([{ type: 'typed', text: 'Stopp' }], speaking).effects).toEqual([
			{ type: 'interrupt', by: 'typing' },
			{ type: 'reply', text: 'Stopp' }
		]);
	});

	it('ends cleanly, interrupting a companion that is speaking, and then ignores everything', () => {
		const speaking = run([{ type: 'start' }, ...utterance('Hi'), { type: 'audio-start' }]).state;
		const ended = run([{ type: 'end' }], speaking);
		expect(ended.effects).toEqual([{ type: 'interrupt', by: 'end' }]);
		expect(run([...utterance('Hallo?')], ended.state)).toEqual({ state: ended.state, effects: [] });
		expect(run([{ type: 'speech-start' }]).effects).toEqual([]); // not started yet
	});

	it('a failure returns to listening', () => {
		const thinking = run([{ type: 'start' }, ...utterance('Hallo')]).state;
		expect(run([{ type: 'failed' }], thinking).state).toMatchObject({
			phase: 'listening',
			generating: false
		});
	});

	describe('preemptive replies', () => {
		const hearing = run([{ type: 'start' }, { type: 'speech-start' }]).state;
		const paused = run([{ type: 'speech-pause' }], hearing);
		const held = run(
			[{ type: 'transcript', text: 'Hallo, ich heiße Anna', early: true }],
			paused.state
		);

		it('a pause transcribes the utterance so far and starts a held-back reply', () => {
			expect(paused.effects).toEqual([{ type: 'transcribe', early: true }]);
			expect(paused.state).toMatchObject({ phase: 'hearing', early: 'transcribing' });
			expect(held.effects).toEqual([{ type: 'reply', text: 'Hallo, ich heiße Anna', early: true }]);
			// Still the person's turn: nothing is said or shown yet.
			expect(held.state).toMatchObject({ phase: 'hearing', early: 'replying', generating: false });
		});

		it('the end of the turn commits the held reply, with no second transcription or reply', () => {
			const { state, effects } = run([{ type: 'speech-end' }], held.state);
			expect(effects).toEqual([{ type: 'commit' }]);
			expect(state).toMatchObject({ phase: 'thinking', generating: true, early: 'none' });
			expect(run([{ type: 'audio-start' }], state).state.phase).toBe('speaking');
		});

		it('speech resumes → the held reply is discarded, and the whole utterance is answered once at the end', () => {
			const resumed = run([{ type: 'speech-resume' }], held.state);
			expect(resumed.effects).toEqual([{ type: 'discard', stage: 'replying' }]);
			expect(resumed.state).toMatchObject({ phase: 'hearing', early: 'none' });
			const { state, effects } = run(
				[
					{ type: 'speech-end' },
					{ type: 'transcript', text: 'Hallo, ich heiße Anna und ich wohne in Hamburg.' }
				],
				resumed.state
			);
			expect(effects).toEqual([
				{ type: 'transcribe' },
				{ type: 'reply', text: 'Hallo, ich heiße Anna und ich wohne in Hamburg.' }
			]);
			expect(state.phase).toBe('thinking');
		});

		it('speech resumes while the pause is being transcribed → discarded; its late transcript is ignored', () => {
			const resumed = run([{ type: 'speech-resume' }], paused.state);
			expect(resumed.effects).toEqual([{ type: 'discard', stage: 'transcribing' }]);
			const late = run([{ type: 'transcript', text: 'Hallo', early: true }], resumed.state);
			expect(late.effects).toEqual([]);
			expect(late.state).toEqual(resumed.state);
		});

		it('a pause again after resuming starts a new preemptive reply on the whole utterance so far', () => {
			const again = run([{ type: 'speech-resume' }, { type: 'speech-pause' }], held.state);
			expect(again.effects).toEqual([
				{ type: 'discard', stage: 'replying' },
				{ type: 'transcribe', early: true }
			]);
		});

		it('the turn ends while the pause is being transcribed: that transcript is answered at once', () => {
			const ended = run([{ type: 'speech-end' }], paused.state);
			expect(ended.effects).toEqual([]);
			expect(ended.state.phase).toBe('transcribing');
			const { state, effects } = run(
				[{ type: 'transcript', text: 'Hallo', early: true }],
				ended.state
			);
			expect(effects).toEqual([{ type: 'reply', text: 'Hallo' }]);
			expect(state).toMatchObject({ phase: 'thinking', early: 'none' });
		});

		it('a failed early transcript or reply falls back to recognising the whole utterance', () => {
			const failedEarly = run([{ type: 'failed', early: true }], held.state);
			expect(failedEarly.state).toMatchObject({ phase: 'hearing', early: 'none' });
			expect(run([{ type: 'speech-end' }], failedEarly.state).effects).toEqual([
				{ type: 'transcribe' }
			]);
			const ended = run([{ type: 'speech-end' }, { type: 'failed', early: true }], paused.state);
			expect(ended.effects).toEqual([{ type: 'transcribe' }]);
		});

		it('an empty early transcript holds nothing; words pending from before join the early text', () => {
			expect(run([{ type: 'transcript', text: '', early: true }], paused.state).state.early).toBe(
				'none'
			);
			const withPending = { ...paused.state, pending: 'Also' };
			expect(run([{ type: 'transcript', text: 'gut', early: true }], withPending).effects).toEqual([
				{ type: 'reply', text: 'Also gut', early: true }
			]);
		});

		it('a false start, typing or hanging up discards it', () => {
			expect(run([{ type: 'misfire' }], held.state).effects).toEqual([
				{ type: 'discard', stage: 'replying' }
			]);
			expect(run([{ type: 'typed', text: 'Hi' }], held.state).effects).toEqual([
				{ type: 'discard', stage: 'replying' },
				{ type: 'reply', text: 'Hi' }
			]);
			expect(run([{ type: 'end' }], held.state).effects).toEqual([
				{ type: 'discard', stage: 'replying' }
			]);
		});

		it('pauses count only while the person has the floor', () => {
			const listening = run([{ type: 'start' }]).state;
			expect(run([{ type: 'speech-pause' }], listening).effects).toEqual([]);
			expect(run([{ type: 'speech-resume' }], hearing).effects).toEqual([]);
		});
	});
});
