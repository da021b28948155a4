import type { ChatTurn } from '$lib/ai/llm/engine';
import type { Reply, RuntimeGenerateOptions } from '$lib/ai/llm/runtime.svelte';
import type { Memory, MemoryKind, Repos } from '$lib/db';
import { companionNamespace, namespacesFor } from '$lib/db/repos/memories';
import { ExtractionError, extractionPrompt, parseExtraction } from './extraction';
import type { MemoryHit } from './worker/protocol';

/** Similarity above which a new memory is taken as a restatement of an existing one. */
export const DUPLICATE_SCORE = 0.9;
/** Malformed answers for the same turns before they are skipped (and not retried forever). */
export const MAX_FAILURES = 3;
/** Known memories shown to the model so it updates instead of repeating. */
const KNOWN = 8;

export interface FormationDeps {
	repos: Pick<Repos, 'memories' | 'conversations' | 'messages' | 'companions' | 'profile'>;
	/** Called with `background: true`: a reply the person waits for stops it (AbortError). */
	generate: (messages: readonly ChatTurn[], options: RuntimeGenerateOptions) => Promise<Reply>;
	/** Nearest memories per text, or null while memory search is not available. */
	nearest: (
		texts: readonly string[],
		namespaces: readonly string[],
		k: number
	) => Promise<MemoryHit[][] | null>;
	/** Whether the model may delete memories (a setting, off by default). */
	allowDeletes: () => Promise<boolean>;
}

export interface FormationResult {
	added: number;
	updated: number;
	merged: number;
	deleted: number;
	episode: boolean;
	skipped?: 'memory-off' | 'nothing-new';
}

const NOTHING: FormationResult = { added: 0, updated: 0, merged: 0, deleted: 0, episode: false };
const same = (a: string, b: string) =>
	a.trim().toLowerCase().replace(/\s+/g, ' ') === b.trim().toLowerCase().replace(/\s+/g, ' ');

/** Semantic facts are about the person and shared; how to treat them and episodes are private. */
const namespaceOf = (kind: MemoryKind, companionId: string) =>
	kind === 'semantic' ? 'shared' : companionNamespace(companionId);

/**
 * One memory-formation pass over the turns of a conversation not read yet: asks the model for
 * memory changes and an episode summary (background priority), validates them, merges
 * near-duplicates and applies them as new versions. Throws AbortError when a reply needed the
 * model (try later) and ExtractionError for unusable output (after MAX_FAILURES the turns are
 * skipped). A companion with memory off is never read.
 */
export async function formMemories(
	conversationId: string,
	deps: FormationDeps
): Promise<FormationResult> {
	const { repos } = deps;
	const conversation = await repos.conversations.get(conversationId);
	if (!conversation) return { ...NOTHING, skipped: 'nothing-new' };
	const readUpTo = conversation.updatedAt;
	const companion = await repos.companions.get(conversation.companionId);
	if (!companion?.memoryEnabled) {
		// Memory off means these turns are never remembered, not remembered later.
		await repos.conversations.markMemoryProgress(conversationId, { memoryUntil: readUpTo });
		return { ...NOTHING, skipped: 'memory-off' };
	}
	const since = conversation.memoryUntil ?? 0;
	const turns = (await repos.messages.listFor(conversationId)).filter(
		(m) =>
			m.createdAt > since &&
			m.createdAt <= readUpTo &&
			m.role !== 'system' &&
			m.content.trim() &&
			(m.status === 'complete' || m.status === 'interrupted')
	);
	if (!turns.some((m) => m.role === 'user')) {
		await repos.conversations.markMemoryProgress(conversationId, { memoryUntil: readUpTo });
		return { ...NOTHING, skipped: 'nothing-new' };
	}

	const namespaces = namespacesFor(companion.id);
	const said = turns
		.filter((m) => m.role === 'user')
		.map((m) => m.content)
		.join('\n');
	const [known, episode, profile] = await Promise.all([
		knownMemories(said, namespaces, deps),
		repos.memories.episodeFor(conversationId),
		repos.profile.get()
	]);
	const refs = new Map(known.map((memory, i) => [`m${i + 1}`, memory]));
	const answer = await deps.generate(
		extractionPrompt({
			companionName: companion.name,
			personName: profile?.name,
			known: [...refs].map(([ref, memory]) => ({ ref, memory })),
			episode: episode?.text,
			turns
		}),
		{ background: true, json: true, maxTokens: 600, temperature: 0.1 }
	);

	let extraction;
	try {
		extraction = parseExtraction(answer.text);
	} catch (error) {
		const failures = (conversation.memoryFailures ?? 0) + 1;
		await repos.conversations.markMemoryProgress(
			conversationId,
			failures >= MAX_FAILURES
				? { memoryUntil: readUpTo, memoryFailures: 0 }
				: { memoryUntil: conversation.memoryUntil, memoryFailures: failures }
		);
		throw error instanceof ExtractionError ? error : new ExtractionError(String(error), error);
	}

	const result = { ...NOTHING };
	const allowDeletes = await deps.allowDeletes();
	const addedNow: Memory[] = [];
	for (const change of extraction.memories) {
		const target = change.ref ? refs.get(change.ref) : undefined;
		if (change.op === 'delete') {
			if (target && allowDeletes) {
				await repos.memories.remove([target.id], 'model');
				result.deleted++;
			}
			continue;
		}
		const text = change.text!;
		if (change.op === 'update' && target) {
			await repos.memories.update(
				target.id,
				{ text, importance: change.importance },
				'model',
				'updated'
			);
			result.updated++;
			continue;
		}
		const namespace = namespaceOf(change.kind, companion.id);
		const duplicate =
			addedNow.find((m) => m.namespace === namespace && same(m.text, text)) ??
			(await nearestDuplicate(text, namespace, deps));
		if (duplicate) {
			if (!same(duplicate.text, text) || change.importance > duplicate.importance) {
				await repos.memories.update(
					duplicate.id,
					{ text, importance: Math.max(change.importance, duplicate.importance) },
					'model',
					'merged'
				);
				result.merged++;
			}
			continue;
		}
		addedNow.push(
			await repos.memories.add(
				{
					kind: change.kind === 'episodic' ? 'procedural' : change.kind,
					namespace,
					text,
					importance: change.importance,
					sourceConversationId: conversationId
				},
				'model'
			)
		);
		result.added++;
	}

	if (extraction.episode) {
		if (episode) await repos.memories.update(episode.id, { text: extraction.episode }, 'model');
		else
			await repos.memories.add(
				{
					kind: 'episodic',
					namespace: companionNamespace(companion.id),
					text: extraction.episode,
					importance: 0.4,
					sourceConversationId: conversationId
				},
				'model'
			);
		result.episode = true;
	}
	await repos.conversations.markMemoryProgress(conversationId, {
		memoryUntil: readUpTo,
		memoryFailures: 0
	});
	return result;
}

/** The memories the new turns most likely touch, so the model can update them. */
async function knownMemories(
	said: string,
	namespaces: readonly string[],
	{ repos, nearest }: FormationDeps
): Promise<Memory[]> {
	const hits = await nearest([said], namespaces, KNOWN);
	if (!hits)
		return (await repos.memories.list(namespaces))
			.filter((m) => m.kind !== 'episodic')
			.slice(0, KNOWN);
	const rows = await repos.memories.bulkGet(hits[0].map((hit) => hit.id));
	return rows.filter((m): m is Memory => m !== undefined && m.kind !== 'episodic');
}

async function nearestDuplicate(
	text: string,
	namespace: string,
	{ repos, nearest }: FormationDeps
): Promise<Memory | undefined> {
	const hits = await nearest([text], [namespace], 1);
	const best = hits?.[0][0];
	if (best && best.score >= DUPLICATE_SCORE) return repos.memories.get(best.id);
	// Without search, an exact restatement is still caught.
	if (!hits)
		return (await repos.memories.list([namespace])).find((memory) => same(memory.text, text));
	return undefined;
}
