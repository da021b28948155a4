import { describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import GoalsPanel from '$lib/components/scenarios/GoalsPanel.svelte';
import ScenarioBar from '$lib/components/scenarios/ScenarioBar.svelte';
import { findBuiltIn } from '$lib/tutor/scenarios';

const { goals } = findBuiltIn('de-baeckerei')!;

describe('GoalsPanel', () => {
	it('lists the goals with their checked states and announces a new tick', async () => {
		const screen = render(GoalsPanel, { goals, met: [] });
		await expect.element(page.getByRole('heading', { name: /Your goals\s+0 of 3/ })).toBeVisible();
		const order = page.getByRole('checkbox', {
			name: 'I can order bread rolls and say how many I want.'
		});
		await expect.element(order).not.toBeChecked();
		await expect.element(order).toBeDisabled();
		await screen.rerender({ goals, met: ['order'] });
		await expect.element(order).toBeChecked();
		await expect.element(page.getByRole('heading', { name: /1 of 3/ })).toBeVisible();
		await expect
			.element(page.getByRole('status'))
			.toHaveTextContent('Goal met: I can order bread rolls and say how many I want. 1 of 3 done.');
	});

	it('lets the person tick an open goal when the page allows it', async () => {
		const ontick = vi.fn();
		render(GoalsPanel, { goals, met: ['order'], ontick });
		await expect.element(page.getByRole('checkbox', { name: /order bread rolls/ })).toBeDisabled();
		await page.getByRole('checkbox', { name: 'I can ask what something costs.' }).click();
		expect(ontick).toHaveBeenCalledWith('price');
	});
});

describe('ScenarioBar', () => {
	it('shows the scene and its goals, and finishes or leaves', async () => {
		const scenario = findBuiltIn('de-baeckerei')!;
		const onfinish = vi.fn();
		const onleave = vi.fn();
		render(ScenarioBar, { scenario, met: ['order'], onfinish, onleave });
		await expect
			.element(page.getByRole('complementary', { name: 'Scenario: In der Bäckerei' }))
			.toBeVisible();
		await expect.element(page.getByText('A1–A2 · 1 of 3')).toBeVisible();
		await expect.element(page.getByRole('checkbox', { name: /order bread rolls/ })).toBeChecked();
		await page.getByRole('button', { name: 'Finish and see the recap' }).click();
		await page.getByRole('button', { name: 'Leave the scenario' }).click();
		expect(onfinish).toHaveBeenCalledTimes(1);
		expect(onleave).toHaveBeenCalledTimes(1);
	});
});
