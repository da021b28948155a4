import { describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import MemoryEditor, { type MemoryFields } from '$lib/components/memory/MemoryEditor.svelte';
import { matchesQuery } from '$lib/components/memory/labels';
import { ValidationError } from '$lib/errors';

const PLACES = [
	{ namespace: 'shared', label: 'All your companions' },
	{ namespace: 'companion:lena', label: 'Only Lena' }
];
const BLANK: MemoryFields = { text: '', kind: 'semantic', importance: 0.5, namespace: 'shared' };

describe('MemoryEditor', () => {
	it('keeps a text that is too long whole, counts it, and shows what to change', async () => {
		const onsubmit = vi.fn(async () => {
			throw new ValidationError('This memory cannot be saved: A memory holds at most 500… (text)', [
				{ path: 'text', message: 'A memory holds at most 500 characters.' }
			]);
		});
		render(MemoryEditor, {
			initial: BLANK,
			places: PLACES,
			submitLabel: 'Remember this',
			onsubmit,
			oncancel: () => {}
		});
		const text = page.getByLabelText('What to remember');
		await text.fill('y'.repeat(620));
		await expect.element(page.getByText('620 / 500 characters')).toBeVisible();
		await expect.element(text).toHaveAttribute('aria-invalid', 'true');
		await page.getByRole('button', { name: 'Remember this' }).click();
		await expect
			.element(page.getByRole('alert'))
			.toHaveTextContent('A memory holds at most 500 characters.');
		await expect.element(text).toHaveValue('y'.repeat(620));
		expect(onsubmit).toHaveBeenCalledTimes(1);
	});

	it('submits the chosen kind, place and importance as a number', async () => {
		const onsubmit = vi.fn(async (_fields: MemoryFields) => {});
		render(MemoryEditor, {
			initial: BLANK,
			places: PLACES,
			submitLabel: 'Remember this',
			onsubmit,
			oncancel: () => {}
		});
		await page.getByLabelText('What to remember').fill('Speak slowly with me.');
		await page.getByLabelText('Kind').selectOptions('How to treat you');
		await page.getByLabelText('Known to').selectOptions('Only Lena');
		await page.getByRole('button', { name: 'Remember this' }).click();
		await vi.waitFor(() => expect(onsubmit).toHaveBeenCalledTimes(1));
		expect(onsubmit.mock.calls[0][0]).toEqual({
			text: 'Speak slowly with me.',
			kind: 'procedural',
			importance: 0.5,
			namespace: 'companion:lena'
		});
	});

	it('asks no place when there is only one', async () => {
		render(MemoryEditor, {
			initial: BLANK,
			places: PLACES.slice(0, 1),
			submitLabel: 'Remember this',
			onsubmit: async () => {},
			oncancel: () => {}
		});
		await expect.element(page.getByLabelText('Kind')).toBeVisible();
		expect(page.getByLabelText('Known to').elements()).toHaveLength(0);
	});
});

describe('matchesQuery', () => {
	it('ignores case and accents, and an empty query matches everything', () => {
		expect(matchesQuery('Meine Tante wohnt in Zürich.', 'ZURICH')).toBe(true);
		expect(matchesQuery('Herr Müller', 'müll')).toBe(true);
		expect(matchesQuery('I like tea.', 'coffee')).toBe(false);
		expect(matchesQuery('I like tea.', '  ')).toBe(true);
	});
});
