import { describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import GoalsPanel from '$lib/components/scenarios/GoalsPanel.svelte';
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
