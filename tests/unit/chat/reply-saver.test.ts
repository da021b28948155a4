import { describe, expect, it, vi } from 'vitest';
import { ReplySaver, SAVE_EVERY_MS, type PageVisibility } from '$lib/chat/reply-saver';

function fakePage() {
	let listener: ((hidden: boolean) => void) | null = null;
	const visibility: PageVisibility = (onChange) => {
		listener = onChange;
		return () => (listener = null);
	};
	return { visibility, set: (hidden: boolean) => listener?.(hidden), watched: () => !!listener };
}

describe('ReplySaver', () => {
	it('saves what is on screen at most every SAVE_EVERY_MS, once the last save finished', async () => {
		vi.useFakeTimers({ toFake: ['performance'] });
		try {
			const saves: string[] = [];
			let finish = () => {};
			const text = { shown: '', all: '' };
			const saver = new ReplySaver(
				(content) => {
					saves.push(content);
					return new Promise<void>((done) => (finish = done));
				},
				{ shown: () => text.shown, all: () => text.all },
				undefined,
				performance.now()
			);
			Object.assign(text, { shown: 'Gut,', all: 'Gut, ich' });
			saver.tick();
			expect(saves).toEqual([]); // too soon
			vi.advanceTimersByTime(SAVE_EVERY_MS);
			saver.tick();
			expect(saves).toEqual(['Gut,']); // what is shown, not what has not been drawn yet
			Object.assign(text, { shown: 'Gut, ich zähle', all: 'Gut, ich zähle bis' });
			vi.advanceTimersByTime(SAVE_EVERY_MS);
			saver.tick();
			expect(saves).toEqual(['Gut,']); // the first save is still being written
			finish();
			await Promise.resolve();
			await Promise.resolve();
			saver.tick();
			expect(saves).toEqual(['Gut,', 'Gut, ich zähle']);
		} finally {
			vi.useRealTimers();
		}
	});

	it('saves at once when the page is hidden or goes away, and all of it while hidden', async () => {
		const page = fakePage();
		const saves: string[] = [];
		const text = { shown: 'Gut, ich', all: 'Gut, ich zähle' };
		const saver = new ReplySaver(
			async (content) => void saves.push(content),
			{ shown: () => text.shown, all: () => text.all },
			page.visibility,
			performance.now()
		);
		page.set(true);
		expect(saves).toEqual(['Gut, ich']); // started within the event
		await Promise.resolve();
		await Promise.resolve();
		Object.assign(text, { all: 'Gut, ich zähle bis 800' });
		await new Promise((done) => setTimeout(done, SAVE_EVERY_MS + 10));
		saver.tick();
		expect(saves).toEqual(['Gut, ich', 'Gut, ich zähle bis 800']);
		saver.stop();
		expect(page.watched()).toBe(false);
		page.set(true);
		saver.tick();
		expect(saves).toHaveLength(2);
	});
});
