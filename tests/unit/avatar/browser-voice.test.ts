import { afterEach, describe, expect, it, vi } from 'vitest';
import { SystemVoice } from '$lib/call/system-voice';
import { wordVisemes } from '$lib/avatar/visemes';

/** A fake of the browser's speechSynthesis (Node has none): keeps the utterances it was given. */
class FakeUtterance {
	lang = '';
	rate = 1;
	voice: unknown = null;
	onboundary: ((event: { name: string; charIndex: number }) => void) | null = null;
	onend: (() => void) | null = null;
	onerror: (() => void) | null = null;
	constructor(readonly text: string) {}
}

afterEach(() => {
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
});

describe('the browser’s voice', () => {
	it('moves the mouth through each word’s visemes from its boundary on', () => {
		const spoken: FakeUtterance[] = [];
		vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance);
		vi.stubGlobal('speechSynthesis', {
			getVoices: () => [],
			speak: (u: FakeUtterance) => spoken.push(u),
			cancel: () => undefined
		});
		let now = 1000;
		vi.spyOn(performance, 'now').mockImplementation(() => now);
		const voice = new SystemVoice('de');
		voice.say('Hallo Schule');
		expect(voice.mouth()).toBeNull();

		spoken[0].onboundary?.({ name: 'word', charIndex: 6 });
		const seen: string[] = [];
		for (let t = 0; t < 600; t += 10) {
			now = 1000 + t;
			const viseme = voice.mouth()?.viseme;
			if (viseme && viseme !== seen.at(-1)) seen.push(viseme);
		}
		expect(seen).toEqual(wordVisemes('Schule', 'de'));

		now = 2000;
		spoken[0].onboundary?.({ name: 'word', charIndex: 0 });
		expect(voice.mouth()?.viseme).toBe(wordVisemes('Hallo', 'de')[0]);
		voice.cancel();
		expect(voice.mouth()).toBeNull();
	});
});
