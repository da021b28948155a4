import { describe, expect, it } from 'vitest';
import type { Message, MessageMetrics } from '$lib/db';
import { quantile, summarise, turnLatencies } from '$lib/diagnostics/latencies';
import { modelOfUrl } from '$lib/diagnostics/models';
import { buildReport } from '$lib/diagnostics/report';

function message(createdAt: number, metrics?: MessageMetrics, role: Message['role'] = 'assistant') {
	return {
		id: `m${createdAt}`,
		conversationId: 'c',
		role,
		text: 'Geheim: was gesagt wurde',
		status: 'complete',
		createdAt,
		metrics
	} as unknown as Message;
}

const voice = (total: number): MessageMetrics => ({
	endOfTurnMs: 400,
	speechEndToTranscriptMs: 100,
	transcriptToFirstTokenMs: total - 700,
	firstTokenToFirstAudioMs: 200
});

describe('recent call latencies', () => {
	it('keeps only replies with every stage timed, oldest first, and sums the stages', () => {
		const turns = turnLatencies([
			message(3, voice(1200)),
			message(1, voice(900)),
			message(2, { timeToFirstTokenMs: 50 }), // a typed reply: no voice stages
			message(4, voice(1000), 'user'),
			message(5, { ...voice(1000), firstTokenToFirstAudioMs: undefined }) // barge-in before audio
		]);
		expect(turns.map((t) => t.at)).toEqual([1, 3]);
		expect(turns[0]).toEqual({
			at: 1,
			endOfTurnMs: 400,
			recognitionMs: 100,
			firstTokenMs: 200,
			firstAudioMs: 200,
			totalMs: 900
		});
	});

	it('summarises median and 90th percentile per stage', () => {
		const turns = turnLatencies(
			[1000, 1100, 1200, 1300, 5000].map((total, i) => message(i, voice(total)))
		);
		const summary = summarise(turns);
		expect(summary.turns).toBe(5);
		expect(summary.total).toEqual({ p50: 1200, p90: 5000 });
		expect(summary.stages.endOfTurnMs).toEqual({ p50: 400, p90: 400 });
		expect(quantile([], 0.5)).toBeUndefined();
	});

	it('the report carries timings only, never what was said or when', () => {
		const turns = turnLatencies([message(1_700_000_000_000, voice(900))]);
		const report = buildReport({ app: '1.0.0', device: null, models: [], selfTest: null, turns });
		const json = JSON.stringify(report);
		expect(json).not.toContain('Geheim');
		expect(json).not.toContain('1700000000000');
		expect(report.calls.recent).toEqual([
			{ endOfTurnMs: 400, recognitionMs: 100, firstTokenMs: 200, firstAudioMs: 200, totalMs: 900 }
		]);
	});
});

describe('installed models', () => {
	it('names the model a cached file belongs to, from the hub or a mirror', () => {
		expect(
			modelOfUrl(
				'https://huggingface.co/onnx-community/whisper-tiny/resolve/main/onnx/encoder_model_quantized.onnx'
			)
		).toBe('onnx-community/whisper-tiny');
		expect(
			modelOfUrl('http://127.0.0.1:4173/__models/kompanion-test/tiny-llm/onnx/model.onnx')
		).toBe('kompanion-test/tiny-llm');
		expect(
			modelOfUrl('http://127.0.0.1:4173/__models/kompanion-test/tiny-llm/tokenizer.json')
		).toBe('kompanion-test/tiny-llm');
		expect(modelOfUrl('https://mirror.example/models/Xenova/mms-tts-deu/config.json')).toBe(
			'Xenova/mms-tts-deu'
		);
	});
});
