import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import MessageBubble from '$lib/components/chat/MessageBubble.svelte';
import type { Message } from '$lib/db';

function reply(overrides: Partial<Message>): Message {
	return {
		id: 'r1',
		conversationId: 'c1',
		role: 'assistant',
		content: '',
		status: 'complete',
		createdAt: 1,
		...overrides
	};
}

describe('MessageBubble', () => {
	it('a reply that failed before its first word shows its error without an empty bubble', async () => {
		const { container } = render(MessageBubble, {
			message: reply({ status: 'error', error: 'The GPU went away.' }),
			canRetry: true
		});
		await expect.element(page.getByText('not finished: The GPU went away.')).toBeVisible();
		await expect.element(page.getByRole('button', { name: 'Retry' })).toBeVisible();
		expect(container.querySelector('.bubble')).toBeNull();
	});

	it('a reply stopped before its first word shows only that it was stopped', async () => {
		const { container } = render(MessageBubble, { message: reply({ status: 'interrupted' }) });
		await expect.element(page.getByText('stopped')).toBeVisible();
		expect(container.querySelector('.bubble')).toBeNull();
	});

	it('a failed reply keeps the bubble with what it said before the error', async () => {
		const { container } = render(MessageBubble, {
			message: reply({ status: 'error', content: 'Das ist ein', error: 'The GPU went away.' })
		});
		await expect.element(page.getByText('Das ist ein')).toBeVisible();
		expect(container.querySelectorAll('.bubble')).toHaveLength(1);
	});

	it('a reply waiting for its first word shows that the companion is thinking', async () => {
		render(MessageBubble, { message: reply({ status: 'streaming' }), live: '' });
		await expect.element(page.getByLabelText('Thinking')).toBeVisible();
	});
});
