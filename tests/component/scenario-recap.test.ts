import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import RecentRuns from '$lib/components/scenarios/RecentRuns.svelte';
import ScenarioRecap from '$lib/components/scenarios/ScenarioRecap.svelte';
import { repos } from '$lib/db';
import type { ScenarioRun } from '$lib/db/rows';
import { findBuiltIn } from '$lib/tutor/scenarios';

const scenario = findBuiltIn('de-baeckerei')!;
const suggested = findBuiltIn('de-restaurant')!;
const run: ScenarioRun = {
	id: 'r1',
	scenarioId: scenario.id,
	companionId: 'lena',
	conversationId: 'c1',
	status: 'finished',
	goalsMet: [{ goalId: 'order', at: 1, by: 'keywords' }],
	recap: {
		mistakes: [
			{
				category: 'article-gender',
				text: 'Ich nehme den Brezel.',
				corrected: 'Ich nehme die Brezel.'
			},
			{
				category: 'capitalisation',
				text: 'Zwei brötchen, bitte.',
				corrected: 'Zwei Brötchen, bitte.'
			}
		],
		newWords: ['das Brötchen', 'die Brezel'],
		cardIds: ['k1', 'k2'],
		suggestedScenarioId: suggested.id
	},
	startedAt: 1,
	endedAt: 2,
	updatedAt: 2
};

describe('ScenarioRecap', () => {
	it('shows goals met, mistakes by category with corrections, new words and what is next', async () => {
		render(ScenarioRecap, { scenario, run, companionId: 'lena', suggested });
		await expect.element(page.getByRole('heading', { name: 'Goals met: 1 of 3' })).toBeVisible();
		await expect.element(page.getByText('Met: I can order bread rolls')).toBeInTheDocument();
		await expect
			.element(page.getByText('Not yet: I can ask what something costs.'))
			.toBeInTheDocument();
		// The legend's order: noun capitals before article / gender.
		const headings = page.getByRole('heading', { level: 4 });
		await expect.element(headings.nth(0)).toHaveTextContent('Noun capitals (1)');
		await expect.element(headings.nth(1)).toHaveTextContent('Article / gender (1)');
		await expect.element(page.getByText('Ich nehme die Brezel.')).toBeVisible();
		await expect.element(page.getByText('die Brezel', { exact: true })).toBeVisible();
		await expect.element(page.getByText('2 review cards made from this scenario.')).toBeVisible();
		const next = page.getByRole('link', { name: 'Start in chat: Im Restaurant' });
		await expect
			.element(next)
			.toHaveAttribute('href', '#/companions/lena/chat?scenario=de-restaurant');
	});

	it('says so when there were no mistakes and no words', async () => {
		render(ScenarioRecap, {
			scenario,
			run: { ...run, recap: { mistakes: [], newWords: [], cardIds: [] } },
			companionId: 'lena'
		});
		await expect.element(page.getByText('No mistakes were found in this scenario.')).toBeVisible();
		await expect
			.element(page.getByText('None of the scenario’s key words came up this time.'))
			.toBeVisible();
		await expect.element(page.getByRole('heading', { name: 'Next' })).not.toBeInTheDocument();
	});
});

describe('RecentRuns', () => {
	it('lists finished scenarios from the database, each opening its recap', async () => {
		const companionId = `recent-${crypto.randomUUID()}`;
		const started = await repos.scenarios.startRun({
			scenarioId: scenario.id,
			companionId,
			conversationId: `c-${companionId}`
		});
		await repos.scenarios.tickGoals(started.id, [{ goalId: 'order', at: 1, by: 'keywords' }]);
		await repos.scenarios.finishRun(started.id, run.recap!);
		// An abandoned one is not listed.
		const left = await repos.scenarios.startRun({
			scenarioId: 'de-kino',
			companionId,
			conversationId: `d-${companionId}`
		});
		await repos.scenarios.abandonRun(left.id);
		render(RecentRuns, { companionId, stored: [] });
		const summary = page.getByText(/In der Bäckerei\s*· .* · 1 of 3 goals/);
		await expect.element(summary).toBeVisible();
		await expect.element(page.getByText('Im Kino')).not.toBeInTheDocument();
		await summary.click();
		await expect.element(page.getByText('Ich nehme die Brezel.')).toBeVisible();
	});
});
