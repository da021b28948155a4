import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import RatingButtons from '$lib/components/review/RatingButtons.svelte';
import { DAY_MS, MINUTE_MS } from '$lib/tutor/review/types';

const PREVIEWS = [
	{ rating: 1 as const, due: 0, intervalMs: MINUTE_MS },
	{ rating: 2 as const, due: 0, intervalMs: 6 * MINUTE_MS },
	{ rating: 3 as const, due: 0, intervalMs: 10 * MINUTE_MS },
	{ rating: 4 as const, due: 0, intervalMs: 8 * DAY_MS }
];

describe('RatingButtons', () => {
	it('shows each rating with its next interval and focuses the suggested one', async () => {
		const onrate = vi.fn();
		render(RatingButtons, { previews: PREVIEWS, suggested: 1, onrate });
		const group = page.getByRole('group', { name: /How well did you know it/ });
		await expect.element(group).toBeVisible();
		await expect.element(page.getByRole('button', { name: 'Again 1 min' })).toHaveFocus();
		await expect
			.element(page.getByRole('button', { name: 'Easy 8 d' }))
			.toHaveAttribute('aria-keyshortcuts', '4');
		await userEvent.keyboard('{Enter}');
		expect(onrate).toHaveBeenLastCalledWith(1);
		await page.getByRole('button', { name: 'Hard 6 min' }).click();
		expect(onrate).toHaveBeenLastCalledWith(2);
	});

	it('rates nothing while disabled', async () => {
		const onrate = vi.fn();
		render(RatingButtons, { previews: PREVIEWS, suggested: 3, onrate, disabled: true });
		await expect.element(page.getByRole('button', { name: 'Good 10 min' })).toBeDisabled();
		expect(onrate).not.toHaveBeenCalled();
	});
});
