// Messages per second written through the repos (MessageRepo.addMany: one transaction), in
// Chromium's real IndexedDB. Also one transaction per message, to show why batching matters.
import { expect, test } from 'vitest';
import { KompanionDb } from '$lib/db/database';
import { createRepos } from '$lib/db/repos';
import { EventBus } from '$lib/events';

const SIZES = [1_000, 10_000];

function messages(conversationId: string, count: number) {
	return Array.from({ length: count }, (_, i) => ({
		conversationId,
		role: i % 2 ? ('assistant' as const) : ('user' as const),
		content: `Nachricht ${i}: Ich wohne in Hamburg und lerne seit drei Monaten Deutsch.`,
		status: 'complete' as const
	}));
}

test('Dexie writes through the repos', async () => {
	const results: Record<string, number> = {};
	for (const count of SIZES) {
		const db = new KompanionDb(`bench-${crypto.randomUUID()}`);
		const repos = createRepos(db, new EventBus());
		const conversation = await repos.conversations.create('bench', 'chat');
		const started = performance.now();
		await repos.messages.addMany(messages(conversation.id, count));
		const ms = performance.now() - started;
		results[`oneTransaction_${count}_rowsPerSecond`] = Math.round(count / (ms / 1000));
		expect(await db.messages.count()).toBe(count);
		await db.delete();
	}
	const db = new KompanionDb(`bench-${crypto.randomUUID()}`);
	const repos = createRepos(db, new EventBus());
	const conversation = await repos.conversations.create('bench', 'chat');
	const started = performance.now();
	for (const message of messages(conversation.id, 1_000)) await repos.messages.add(message);
	results.separateTransactions_1000_rowsPerSecond = Math.round(
		1000 / ((performance.now() - started) / 1000)
	);
	await db.delete();
	console.log(`dexie writes: ${JSON.stringify(results)}`);
});
