import { describe, expect, it } from 'vitest';
import { GuestCorrections } from '$lib/rtc/guest-corrections';
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

describe('GuestCorrections (host side)', () => {
	it('corrects only the lines of guests who asked, said after they asked, and sends each to its guest', async () => {
		expect.assertions(2);
		const checked: string[] = [];
		const delivered: [string, string, string][] = [];
		let asked = false;
		const corrections = new GuestCorrections(
			async (text) => {
				checked.push(text);
				return text === 'Ich habe gegeht.' ? 'Ich bin gegangen.' : text;
			},
			(peerId, id, corrected) => delivered.push([peerId, id, corrected])
		);
		const before = line('anna:a0', 'anna', 'Vorher gesagt.');
		corrections.heard([before], () => asked);
		asked = true;
		const lines = [
			before,
			line('me1', 'me', 'Der Host selbst.'),
			line('companion:k1', 'companion', 'Lena sagt etwas.'),
			line('anna:a1', 'anna', 'Ich habe gegeht.'),
			line('anna:a2', 'anna', 'Alles richtig.')
		];
		corrections.heard(lines, (peerId) => asked && peerId === 'anna');
		corrections.heard(lines, (peerId) => asked && peerId === 'anna');
		await corrections.settled();
		expect(checked).toEqual(['Ich habe gegeht.', 'Alles richtig.']);
		expect(delivered).toEqual([['anna', 'a1', 'Ich bin gegangen.']]);
	});
});
