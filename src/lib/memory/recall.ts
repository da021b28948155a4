import type { Companion } from '$lib/companion/schema';
import type { Memory, Repos } from '$lib/db';
import { namespacesFor } from '$lib/db/repos/memories';
import type { PromptMemories } from '$lib/prompt/section';
import { estimateTokens } from '$lib/prompt/tokens';
import type { MemoryHit } from './worker/protocol';

/** Similar memories fetched before ranking. */
const CANDIDATES = 30;
/** Below this similarity a memory is off-topic, unless it is important or pinned. */
export const MIN_SIMILARITY = 0.25;
/** Memories this important (who the person is) are worth their place in any reply. */
const CORE = 0.8;
/** Recency halves every this many days. */
const HALF_LIFE_DAYS = 30;
const DAY = 86_400_000;

export interface Candidate {
	memory: Memory;
	/** Cosine similarity to the current turn; undefined when search was not available. */
	similarity?: number;
}

export interface Ranked extends Candidate {
	score: number;
}

/**
 * Orders memories for the prompt. Pinned memories and how the person wants to be treated
 * (procedural) always come first; the rest by relevance to the current turn, importance and
 * recency. Off-topic, unimportant memories are left out.
 */
export function rankMemories(candidates: readonly Candidate[], now: number): Ranked[] {
	const ranked: Ranked[] = [];
	for (const candidate of candidates) {
		const { memory, similarity } = candidate;
		const always = memory.pinned || memory.kind === 'procedural';
		const relevant = similarity === undefined || similarity >= MIN_SIMILARITY;
		if (!always && !relevant && memory.importance < CORE) continue;
		const recency = 0.5 ** (Math.max(0, now - memory.updatedAt) / DAY / HALF_LIFE_DAYS);
		const score =
			(always ? 10 : 0) +
			0.6 * Math.max(0, similarity ?? 0) +
			0.25 * memory.importance +
			0.15 * recency;
		ranked.push({ ...candidate, score });
	}
	return ranked.sort((a, b) => b.score - a.score || a.memory.id.localeCompare(b.memory.id));
}

export interface RecallInput {
	companion: Companion;
	conversationId: string;
	/** What the person just said. */
	text: string;
	/** Tokens the memory sections may take. */
	budgetTokens: number;
}

/** The memories for one reply, as the prompt places them (`prompt/memory.ts` renders them). */
export interface Recalled extends PromptMemories {
	/** Every memory used, in the prompt's order (stored with the reply). */
	memoryIds: string[];
	/** Embedding the query (in the worker). */
	embedMs?: number;
	/** The whole retrieval, as the reply waited for it. */
	totalMs: number;
}

export interface RecallDeps {
	repos: Pick<Repos, 'memories'>;
	/** Similar memories, or null while memory search is not available (then no similarity). */
	search: (
		text: string,
		namespaces: readonly string[],
		k: number
	) => Promise<{ hits: MemoryHit[]; embedMs: number } | null>;
	/** Search hits whose memory no longer exists (the index heals). */
	forget?: (ids: string[]) => void;
	now?: () => number;
}

export const NOTHING_RECALLED: Recalled = {
	pinned: [],
	relevant: [],
	memoryIds: [],
	totalMs: 0
};

/**
 * The memories for one reply: search by the current turn, add pinned and procedural memories and
 * the last episode with this companion (to pick up where it ended), rank, and fit the budget.
 * Pinned memories come first and in a fixed order (oldest first), then the episode: with nothing
 * changed by the person they are the same every turn, so the prompt's stable part stays the same.
 */
export async function recall(input: RecallInput, deps: RecallDeps): Promise<Recalled> {
	const started = performance.now();
	const { companion, conversationId, text, budgetTokens } = input;
	if (!companion.memoryEnabled) return NOTHING_RECALLED;
	const namespaces = namespacesFor(companion.id);
	const [found, pinned, episode] = await Promise.all([
		deps.search(text, namespaces, CANDIDATES),
		deps.repos.memories.pinned(namespaces),
		deps.repos.memories.latestEpisode(companion.id, conversationId)
	]);
	const rows = found ? await deps.repos.memories.bulkGet(found.hits.map((hit) => hit.id)) : [];
	const gone = found?.hits.filter((_, i) => !rows[i]).map((hit) => hit.id) ?? [];
	if (gone.length) deps.forget?.(gone);

	// Pinned memories have their own place; the rest compete for what is left.
	const candidates = new Map<string, Candidate>();
	rows.forEach((memory, i) => {
		if (memory && memory.kind !== 'episodic' && !memory.pinned)
			candidates.set(memory.id, { memory, similarity: found!.hits[i].score });
	});
	if (!found) {
		// Search is not available yet (its model is loading): the most important memories instead.
		const important = (await deps.repos.memories.mostImportant(namespaces, CANDIDATES)).filter(
			(memory) => memory.kind !== 'episodic' && !memory.pinned
		);
		for (const memory of important) candidates.set(memory.id, { memory });
	}
	const ranked = rankMemories([...candidates.values()], deps.now?.() ?? Date.now());

	let budget = budgetTokens;
	const take = (memory: Memory, overhead: number) => {
		const cost = estimateTokens(memory.text) + overhead;
		if (cost > budget) return false;
		budget -= cost;
		return true;
	};
	const chosenPinned = [...pinned]
		.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
		.filter((memory) => take(memory, 2));
	const last =
		episode && estimateTokens(episode.text) <= budget / 2 && take(episode, 12)
			? episode
			: undefined;
	const relevant = ranked.map(({ memory }) => memory).filter((memory) => take(memory, 2));
	return {
		pinned: chosenPinned,
		episode: last,
		relevant,
		memoryIds: [...chosenPinned, ...(last ? [last] : []), ...relevant].map((m) => m.id),
		embedMs: found?.embedMs,
		totalMs: performance.now() - started
	};
}
