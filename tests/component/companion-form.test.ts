import { describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { blankDraft, PRESETS } from '$lib/companion/presets';
import CompanionForm from '$lib/components/companions/CompanionForm.svelte';
import { ValidationError } from '$lib/errors';

describe('CompanionForm', () => {
	it('shows what is wrong next to each field and does not submit', async () => {
		const onsubmit = vi.fn(async () => {});
		render(CompanionForm, {
			initial: blankDraft(),
			submitLabel: 'Create',
			onsubmit,
			oncancel: () => {}
		});
		await page.getByLabelText('Greeting').fill('g'.repeat(301));
		await page.getByRole('button', { name: 'Create' }).click();
		await expect.element(page.getByText('Please give your companion a name.')).toBeVisible();
		await expect
			.element(
				page.getByText('The greeting is too long: 301 characters, at most 300. Please shorten it.')
			)
			.toBeVisible();
		await expect.element(page.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
		expect(onsubmit).not.toHaveBeenCalled();
	});

	it('submits a clean draft: trimmed, with the main language first', async () => {
		const onsubmit = vi.fn(async () => {});
		render(CompanionForm, {
			initial: blankDraft(),
			submitLabel: 'Create',
			onsubmit,
			oncancel: () => {}
		});
		await page.getByLabelText('Name').fill('  Jonas  ');
		await page.getByLabelText('Speaks mainly').selectOptions('de');
		await page.getByRole('group', { name: 'Also speaks' }).getByLabelText('French').click();
		await page.getByRole('button', { name: 'Create' }).click();
		await vi.waitFor(() => expect(onsubmit).toHaveBeenCalledTimes(1));
		expect(onsubmit.mock.calls[0]).toMatchObject([
			{ name: 'Jonas', languages: ['de', 'en', 'fr'] }
		]);
	});

	it('shows the licence of the voice that will speak, `auto` resolved for the main language', async () => {
		render(CompanionForm, {
			initial: blankDraft(),
			submitLabel: 'Create',
			onsubmit: async () => {},
			oncancel: () => {}
		});
		await page.getByLabelText('Speaks mainly').selectOptions('de');
		const licence = page.getByTestId('voice-licence');
		await expect.element(licence).toHaveTextContent(/CC0-1\.0.*commercial too/);
		await page.getByLabelText('Voice').selectOptions('mms:deu');
		await expect.element(licence).toHaveTextContent(/CC-BY-NC-4\.0.*non-commercial/);
	});

	it('keeps what was typed when saving fails, and shows the server-side field error', async () => {
		const onsubmit = vi.fn(async () => {
			throw new ValidationError('The companion was not saved.', [
				{ path: 'name', message: 'That name is taken.' }
			]);
		});
		render(CompanionForm, {
			initial: PRESETS[0].draft,
			submitLabel: 'Save',
			onsubmit,
			oncancel: () => {}
		});
		await page.getByLabelText('Name').fill('Lena B.');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect.element(page.getByText('That name is taken.')).toBeVisible();
		await expect.element(page.getByLabelText('Name')).toHaveValue('Lena B.');
		// The preset passed in was not mutated by editing.
		expect(PRESETS[0].draft.name).toBe('Lena');
	});
});
