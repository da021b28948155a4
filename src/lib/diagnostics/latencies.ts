import type { Message } from '$lib/db';

/** One voice turn's stages as the call stored them on the reply (`lib/call/metrics.ts`). */
export interface TurnLatency {
	at: number;
	/** Last voiced frame → the turn is over (the silence waited for). */
	endOfTurnMs: number;
	/** End of turn → the transcript. */
	recognitionMs: number;
	/** Transcript → first token (prompt, memory recall, prefill). */
	firstTokenMs: number;
	/** First token → first audio (the first clause written and spoken). */
	firstAudioMs: number;
	/** End of speech → first audio. */
	totalMs: number;
}

export const STAGES = [
	{ key: 'endOfTurnMs', label: 'End-of-turn silence' },
	{ key: 'recognitionMs', label: 'Recognition' },
	{ key: 'firstTokenMs', label: 'To the first token' },
	{ key: 'firstAudioMs', label: 'To the first audio' }
] as const;

/** The voice turns among replies (those with every stage timed), oldest first. */
export function turnLatencies(messages: readonly Message[]): TurnLatency[] {
	const turns: TurnLatency[] = [];
	for (const message of messages) {
		const m = message.metrics;
		if (message.role !== 'assistant' || !m) continue;
		const stages = [
			m.endOfTurnMs,
			m.speechEndToTranscriptMs,
			m.transcriptToFirstTokenMs,
			m.firstTokenToFirstAudioMs
		];
		if (stages.some((value) => value === undefined || !Number.isFinite(value))) continue;
		const [endOfTurnMs, recognitionMs, firstTokenMs, firstAudioMs] = stages as number[];
		turns.push({
			at: message.createdAt,
			endOfTurnMs,
			recognitionMs,
			firstTokenMs,
			firstAudioMs,
			totalMs: endOfTurnMs + recognitionMs + firstTokenMs + firstAudioMs
		});
	}
	return turns.sort((a, b) => a.at - b.at);
}

/** The value below which `q` of the values lie (nearest rank); undefined for none. */
export function quantile(values: readonly number[], q: number): number | undefined {
	if (values.length === 0) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Median and 90th percentile of each stage and of the whole. */
export function summarise(turns: readonly TurnLatency[]) {
	const of = (key: keyof TurnLatency) => {
		const values = turns.map((t) => t[key]);
		return { p50: quantile(values, 0.5), p90: quantile(values, 0.9) };
	};
	return {
		turns: turns.length,
		total: of('totalMs'),
		stages: Object.fromEntries(STAGES.map(({ key }) => [key, of(key)]))
	};
}
