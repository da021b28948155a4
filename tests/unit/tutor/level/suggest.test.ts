import { describe, expect, it } from 'vitest';
import { suggestLevelChange, type LevelSampleLike } from '$lib/tutor/level/suggest';

const samples = (scores: number[], words = 12): LevelSampleLike[] =>
	scores.map((score, i) => ({ score, words, createdAt: 1000 + i }));

describe('the level-change suggestion', () => {
	it('suggests nothing with too few samples', () => {
		expect(suggestLevelChange(samples([4, 4, 4, 4, 4]), 'A2')).toBeNull();
	});

	it('suggests moving up when the median is a level or more above', () => {
		expect(suggestLevelChange(samples([3.1, 3.4, 2.9, 3.6, 3.2, 3.3]), 'A2')).toEqual({
			direction: 'up',
			from: 'A2',
			to: 'B1',
			median: 3.25,
			samples: 6
		});
	});

	it('suggests moving down, to the median’s level', () => {
		const suggestion = suggestLevelChange(samples([1.2, 1.4, 1.1, 2.9, 1.3, 1.6]), 'B1');
		expect(suggestion).toMatchObject({ direction: 'down', to: 'A1', median: 1.35 });
	});

	it('suggests nothing within a level, however noisy', () => {
		expect(suggestLevelChange(samples([2.2, 3.9, 2.1, 3.8, 2.8, 3.5]), 'B1')).toBeNull();
		expect(suggestLevelChange(samples([3.9, 3.9, 3.9, 3.9, 3.9, 3.9]), 'B1')).toBeNull();
	});

	it('is not moved by one showy message', () => {
		expect(suggestLevelChange(samples([2, 2, 6, 2, 2, 2]), 'A2')).toBeNull();
	});

	it('leaves out short messages', () => {
		const short = samples([5, 5, 5, 5, 5, 5], 2);
		expect(suggestLevelChange(short, 'A2')).toBeNull();
		expect(suggestLevelChange(short, 'A2', { minWords: 2 })).toMatchObject({ to: 'C1' });
	});

	it('reads only the latest samples, in time order', () => {
		const old = samples([1, 1, 1, 1, 1, 1]).map((s) => ({ ...s, createdAt: s.createdAt! - 500 }));
		const recent = samples([4, 4, 4, 4, 4, 4]);
		expect(suggestLevelChange([...recent, ...old], 'B2', { window: 6 })).toBeNull();
		expect(suggestLevelChange([...recent, ...old], 'A1', { window: 6 })).toMatchObject({
			to: 'B2'
		});
	});

	it('never suggests beyond A1 or C2', () => {
		expect(suggestLevelChange(samples([7, 7, 7, 7, 7, 7]), 'B2')).toMatchObject({ to: 'C2' });
		expect(suggestLevelChange(samples([0, 0, 0, 0, 0, 0]), 'A2')).toMatchObject({ to: 'A1' });
		expect(suggestLevelChange(samples([0, 0, 0, 0, 0, 0]), 'A1')).toBeNull();
	});
});
