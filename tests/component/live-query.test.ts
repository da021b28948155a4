import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { KompanionDb } from '$lib/db/database';
import { createRepos } from '$lib/db/repos';
import { EventBus } from '$lib/events';
import { companionDraft } from '../helpers/factories';
import LiveList from './LiveList.svelte';

describe('live() over real IndexedDB', () => {
	it('goes loading → ready and follows writes', async () => {
		const db = new KompanionDb(`live-${crypto.randomUUID()}`);
		const repos = createRepos(db, new EventBus());
		await repos.companions.create(companionDraft({ name: 'First' }));
		render(LiveList, {
			query: () => repos.companions.list().then((list) => list.map((c) => c.name))
		});
		await expect.element(page.getByTestId('value')).toHaveTextContent('First');
		await repos.companions.create(companionDraft({ name: 'Second' }));
		await expect.element(page.getByTestId('value')).toHaveTextContent('First, Second');
		await db.delete();
	});

	it('reports a failing query as an error state', async () => {
		render(LiveList, { query: () => Promise.reject(new Error('boom')) });
		await expect.element(page.getByTestId('error')).toHaveTextContent('Something went wrong: boom');
	});
});
