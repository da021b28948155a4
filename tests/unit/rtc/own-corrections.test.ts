import { describe, expect, it } from 'vitest';
import { OwnCorrections, type Checker } from '$lib/rtc/own-corrections.svelte';
import type { Line } from '$lib/rtc/room-state';

const line = (id: string, from: string, text: string, kind: Line['kind'] = 'chat'): Line => ({
	id,
	from,
	name: from,
	kind,
	text,
	final: true,
	at: 0
});

/** A stand-in for the deterministic layer (tested in tests/unit/tutor): capitalises "berlin". */
const checker = (calls: [string, string][]): Checker => {
	return async (text, mode) => {
		calls.push([text, mode]);
		const corrected = text.replace('berlin', 'Berlin');
		return { text, corrected, edits: [], flags: [] };
	};
};

describe('corrections of one’s own German in a call with people', () => {
	it('checks only this person’s finished lines, once each, typed or spoken, when turned on', async () => {
		expect.assertions(4);
		const calls: [string, string][] = [];
		let prepared = 0;
		const own = new OwnCorrections(checker(calls), async () => prepared++);
		const lines = [
			line('1', 'me', 'Ich wohne in berlin.'),
			line('2', 'peer-anna', 'Ich wohne in berlin auch.'),
			line('3', 'me', 'Und du in berlin?', 'caption')
		];
		own.heard(lines);
		expect(calls).toEqual([]);
		own.toggle(true);
		own.heard(lines);
		own.heard(lines);
		await Promise.resolve();
		await Promise.resolve();
		expect(calls).toEqual([
			['Ich wohne in berlin.', 'typed'],
			['Und du in berlin?', 'spoken']
		]);
		expect(prepared).toBe(1);
		expect(own.corrected).toEqual({ '1': 'Ich wohne in Berlin.', '3': 'Und du in Berlin?' });
	});
});
