import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import ScenarioPicker from '$lib/components/scenarios/ScenarioPicker.svelte';
import { builtInScenarios, fitsLevel } from '$lib/tutor/scenarios';

const library = builtInScenarios('de');

describe('ScenarioPicker', () => {
	it('shows what fits the level, searches with or without umlauts, and offers all levels', async () => {
		render(ScenarioPicker, {
			companionId: 'lena',
			level: 'A1',
			scenarios: library,
			played: new Set(['de-kino'])
		});
		const a1 = library.filter((s) => fitsLevel(s.levelRange, 'A1')).length;
		await expect
			.element(page.getByRole('status'))
			.toHaveTextContent(`${a1} scenarios for level A1`);
		await expect.element(page.getByRole('heading', { name: 'WG-Casting' })).not.toBeInTheDocument();
		await expect.element(page.getByText('3 goals · played before')).toBeInTheDocument();

		await page.getByLabelText('Search').fill('baeckerei');
		await expect.element(page.getByRole('status')).toHaveTextContent('1 scenario for level A1');
		await expect
			.element(page.getByRole('link', { name: 'Start in call: In der Bäckerei' }))
			.toHaveAttribute('href', '#/companions/lena/call?scenario=de-baeckerei');

		await page.getByLabelText('Search').fill('kaution');
		await expect.element(page.getByText('Nothing fits.')).toBeVisible();
		await page.getByRole('button', { name: 'Show all levels' }).click();
		await expect.element(page.getByRole('heading', { name: 'WG-Casting' })).toBeVisible();
		await expect.element(page.getByLabelText('Show all levels')).toBeChecked();
	});
});
