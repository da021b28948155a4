import { describe, expect, it } from 'vitest';
import {
	EXPECTED_BYTES_PER_SECOND,
	copyFits,
	formatDuration,
	plannedRate,
	secondsLeft,
	storageRunningOut
} from '$lib/recording/quota';
import { currentLine, transcriptLines } from '$lib/recording/transcript';
import type { Message } from '$lib/db';

describe('quota arithmetic', () => {
	it('says how long the remaining quota lasts at a rate', () => {
		expect(secondsLeft({ usage: 1_000_000, quota: 10_000_000 }, 90_000)).toBe(100);
		expect(secondsLeft({ usage: 11, quota: 10 }, 90_000)).toBe(0);
		expect(secondsLeft({}, 90_000)).toBe(Infinity);
		expect(secondsLeft({ usage: 0, quota: 10 }, 0)).toBe(Infinity);
	});

	it('warns under a minute left, not at a minute', () => {
		const rate = EXPECTED_BYTES_PER_SECOND.video;
		expect(storageRunningOut({ usage: 0, quota: 60 * rate }, rate)).toBe(false);
		expect(storageRunningOut({ usage: 1, quota: 60 * rate }, rate)).toBe(true);
		expect(storageRunningOut({}, rate)).toBe(false);
	});

	it('plans with the expected rate until the recording has its own, and never below it', () => {
		expect(plannedRate(10_000_000, 2_000, 90_000)).toBe(90_000);
		expect(plannedRate(1_000_000, 10_000, 90_000)).toBe(100_000);
		expect(plannedRate(100_000, 10_000, 90_000)).toBe(90_000);
	});

	it('lets the seekable copy start only with room for it and a margin', () => {
		const mb = 1024 * 1024;
		expect(copyFits({ usage: 0, quota: 20 * mb }, 10 * mb)).toBe(true);
		expect(copyFits({ usage: 0, quota: 15 * mb }, 10 * mb)).toBe(false);
		expect(copyFits({}, 10 * mb)).toBe(true);
	});

	it('formats lengths', () => {
		expect(formatDuration(0)).toBe('0:00');
		expect(formatDuration(65_400)).toBe('1:05');
		expect(formatDuration(3_725_000)).toBe('1:02:05');
		expect(formatDuration(Infinity)).toBe('–');
	});
});

describe('the transcript beside a recording', () => {
	const message = (id: string, role: Message['role'], createdAt: number, content = id) =>
		({ id, role, createdAt, content, status: 'complete', conversationId: 'c' }) as Message;
	const recording = { startedAt: 10_000, durationMs: 8_000 };

	it('keeps what was said while recording, on the recording’s timeline', () => {
		const lines = transcriptLines(
			[
				message('reply', 'assistant', 13_000),
				message('before', 'user', 9_000),
				message('asked', 'user', 11_500),
				message('system', 'system', 12_000),
				message('blank', 'assistant', 12_500, '  '),
				message('last', 'assistant', 19_000),
				message('after', 'user', 30_000)
			],
			recording
		);
		expect(lines.map((l) => [l.id, l.atMs, l.who])).toEqual([
			['asked', 1500, 'person'],
			['reply', 3000, 'companion'],
			['last', 8000, 'companion']
		]);
		expect(currentLine(lines, 0)).toBe(-1);
		expect(currentLine(lines, 1500)).toBe(0);
		expect(currentLine(lines, 2999)).toBe(0);
		expect(currentLine(lines, 3000)).toBe(1);
		expect(currentLine(lines, 60_000)).toBe(2);
		expect(currentLine([], 1000)).toBe(-1);
	});

	it('in a call with people, names who spoke and leaves out anyone not in the recording', () => {
		const said = (
			id: string,
			speaker: string,
			via: Message['via'],
			role: Message['role'] = 'user'
		) => ({ ...message(id, role, 11_000), speaker, via }) as Message;
		const messages = [
			said('mine', 'Max', 'voice'),
			said('anna', 'Anna', 'peer'),
			said('ben', 'Ben', 'peer'),
			said('lena', 'Lena', 'peer', 'assistant')
		];
		const lines = transcriptLines(messages, { ...recording, people: ['Anna'] });
		expect(lines.map((l) => [l.id, l.name])).toEqual([
			['mine', undefined],
			['anna', 'Anna'],
			['lena', 'Lena']
		]);
		// Nobody agreed: only this person and the companion.
		expect(transcriptLines(messages, { ...recording, people: [] }).map((l) => l.id)).toEqual([
			'mine',
			'lena'
		]);
	});
});
