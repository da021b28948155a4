import type { MessageMetrics } from '$lib/db';

/** Moments of one voice turn, in epoch ms (page and workers share this clock). */
export interface TurnMoments {
	/** Last voiced frame of the person's utterance. */
	speechEnd: number;
	/** The voice detector decided the turn was over. */
	turnEnd: number;
	transcript?: number;
	firstToken?: number;
	firstAudio?: number;
	/** Time inside the speech recogniser (its own measure). */
	sttMs?: number;
	/** Time the voice took for the first sentence (its own measure). */
	ttsFirstSentenceMs?: number;
	/** When the first sentence was complete and went to the voice. */
	firstSentence?: number;
}

const span = (from?: number, to?: number) =>
	from !== undefined && to !== undefined ? Math.round(to - from) : undefined;

/** The stored per-turn figures (also shown in the call's debug overlay). */
export function turnMetrics(m: TurnMoments): MessageMetrics {
	return {
		endOfTurnMs: span(m.speechEnd, m.turnEnd),
		speechEndToTranscriptMs: span(m.turnEnd, m.transcript),
		transcriptToFirstTokenMs: span(m.transcript, m.firstToken),
		firstTokenToFirstAudioMs: span(m.firstToken, m.firstAudio),
		firstTokenToFirstSentenceMs: span(m.firstToken, m.firstSentence),
		sttModelMs: m.sttMs !== undefined ? Math.round(m.sttMs) : undefined,
		ttsFirstSentenceMs:
			m.ttsFirstSentenceMs !== undefined ? Math.round(m.ttsFirstSentenceMs) : undefined
	};
}

export const now = () => performance.timeOrigin + performance.now();
