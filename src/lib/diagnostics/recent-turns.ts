import { repos } from '$lib/db';
import { turnLatencies, type TurnLatency } from './latencies';

/** Conversations read for the plot: the most recently active ones. */
const CONVERSATIONS = 12;

/** This person's most recent voice turns with their stage timings, oldest first. */
export async function recentTurns(limit = 40): Promise<TurnLatency[]> {
	const companions = await repos.companions.list();
	const conversations = (
		await Promise.all(companions.map((c) => repos.conversations.listFor(c.id)))
	)
		.flat()
		.sort((a, b) => b.updatedAt - a.updatedAt)
		.slice(0, CONVERSATIONS);
	const messages = (
		await Promise.all(conversations.map((c) => repos.messages.listFor(c.id)))
	).flat();
	return turnLatencies(messages).slice(-limit);
}
