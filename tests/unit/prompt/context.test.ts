import { describe, expect, it } from 'vitest';
import { fitContext } from '$lib/prompt';

describe('fitContext', () => {
	const turn = (role: 'user' | 'assistant', content: string) => ({ role, content });

	it('keeps everything that fits, newest first, and starts with the person', () => {
		const fitted = fitContext({
			system: 'sys',
			history: [
				turn('assistant', 'Hi!'),
				turn('user', 'a'),
				turn('assistant', 'b'),
				turn('user', 'c')
			],
			contextWindow: 4096,
			replyTokens: 512
		});
		expect(fitted.messages.map((m) => m.content)).toEqual(['sys', 'a', 'b', 'c']);
		expect(fitted.dropped).toBe(1);
	});

	it('drops the oldest turns that do not fit, and truncates a single huge message', () => {
		const long = 'x'.repeat(3000);
		const fitted = fitContext({
			system: 'sys',
			history: [turn('user', long), turn('assistant', long), turn('user', 'newest')],
			contextWindow: 1200,
			replyTokens: 100
		});
		expect(fitted.messages.at(-1)?.content).toBe('newest');
		expect(fitted.dropped).toBeGreaterThanOrEqual(1);
		expect(fitted.estimatedTokens).toBeLessThanOrEqual(1100);
		const huge = fitContext({
			system: 's',
			history: [turn('user', long)],
			contextWindow: 300,
			replyTokens: 100
		});
		expect(huge.messages[1].content.length).toBeLessThan(long.length);
		expect(huge.messages[1].content.endsWith('x')).toBe(true);
	});
});
