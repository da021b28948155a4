import { describe, expect, it, vi } from 'vitest';
import { recoverDrafts, type ReplyDrafts } from '$lib/chat/reply-drafts';
import { ReplySaver, SAVE_EVERY_MS, type PageVisibility } from '$lib/chat/reply-saver';
import { makeTestDb } from '../../helpers/factories';

function mapDrafts(): ReplyDrafts {
	const kept = new Map<string, string>();
	return {
		put: (id, content) => void kept.set(id, content),
		drop: (id) => void kept.delete(id),
		all: () => [...kept]
	};
}

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
			const saver = new ReplySaver({
				messageId: 'r1',
				write: (content) => {
					saves.push(content);
					return new Promise<void>((done) => (finish = done));
				},
				text: { shown: () => text.shown, all: () => text.all },
				startedAt: performance.now()
			});
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
		const drafts = mapDrafts();
		const saver = new ReplySaver({
			messageId: 'r1',
			write: async (content) => void saves.push(content),
			text: { shown: () => text.shown, all: () => text.all },
			visibility: page.visibility,
			drafts
		});
		page.set(true);
		expect(saves).toEqual(['Gut, ich']); // started within the event
		expect(drafts.all()).toEqual([['r1', 'Gut, ich']]); // and kept synchronously
		page.set(false);
		expect(drafts.all()).toEqual([]); // on screen again: the reply streams on
		page.set(true);
		await Promise.resolve();
		await Promise.resolve();
		Object.assign(text, { all: 'Gut, ich zähle bis 800' });
		await new Promise((done) => setTimeout(done, SAVE_EVERY_MS + 10));
		saver.tick();
		expect(saves).toEqual(['Gut, ich', 'Gut, ich zähle bis 800']);
		saver.stop();
		expect(page.watched()).toBe(false);
		expect(drafts.all()).toEqual([]);
		page.set(true);
		saver.tick();
		expect(saves).toHaveLength(2);
	});
});

describe('recoverDrafts', () => {
	it('completes a reply a reload cut off from what was on screen, and nothing else', async () => {
		const { db, repos } = makeTestDb();
		try {
			const conversation = await repos.conversations.create('lena', 'chat', 'Hallo');
			const add = (content: string, status: 'streaming' | 'complete') =>
				repos.messages.add({ conversationId: conversation.id, role: 'assistant', content, status });
			const cut = await add('Gut, ich', 'streaming');
			const done = await add('Fertig.', 'complete');
			const other = await add('Etwas anderes', 'streaming');
			const drafts = mapDrafts();
			drafts.put(cut.id, 'Gut, ich zähle bis 800: 1, 2');
			drafts.put(done.id, 'Fertig. Und mehr');
			drafts.put(other.id, 'Nicht dasselbe');
			drafts.put('gone', 'Eine gelöschte Antwort');
			await recoverDrafts(drafts, repos.messages);
			expect((await repos.messages.get(cut.id))?.content).toBe('Gut, ich zähle bis 800: 1, 2');
			expect((await repos.messages.get(done.id))?.content).toBe('Fertig.');
			expect((await repos.messages.get(other.id))?.content).toBe('Etwas anderes');
			expect(drafts.all()).toEqual([]);
		} finally {
			await db.delete();
		}
	});
});
