import { describe, expect, it } from 'vitest';
import { scenarioIdFrom } from '$lib/tutor/scenarios';

describe('the scenario in an address', () => {
	it('is read from the query inside the hash (hash routing) or before it', () => {
		expect(scenarioIdFrom(new URL('http://x/#/companions/lena/chat?scenario=de-kino'))).toBe(
			'de-kino'
		);
		expect(scenarioIdFrom(new URL('http://x/app/?scenario=abc-1#/companions/lena/call'))).toBe(
			'abc-1'
		);
		expect(scenarioIdFrom(new URL('http://x/#/companions/lena/chat'))).toBeNull();
	});

	it('ignores what cannot be an id', () => {
		expect(scenarioIdFrom(new URL('http://x/#/c?scenario=%3Cscript%3E'))).toBeNull();
		expect(scenarioIdFrom(new URL(`http://x/#/c?scenario=${'a'.repeat(65)}`))).toBeNull();
	});
});
