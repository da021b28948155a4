import type { Reply } from '$lib/ai/llm/runtime.svelte';
import { blankDraft } from '$lib/companion/presets';
import type { CompanionDraft } from '$lib/companion/schema';
import type { Memory } from '$lib/db';
import { KompanionDb } from '$lib/db/database';
import { createRepos } from '$lib/db/repos';
import { EventBus } from '$lib/events';

let dbCounter = 0;

/** A fresh database (fake-indexeddb in node) with its repos and an event bus that records. */
export function makeTestDb() {
	const db = new KompanionDb(`kompanion-test-${process.pid}-${++dbCounter}`);
	const bus = new EventBus();
	const emitted: string[] = [];
	bus.on('data:saved', ({ table }) => emitted.push(`saved:${table}`));
	bus.on('data:replaced', ({ reason }) => emitted.push(`replaced:${reason}`));
	return { db, bus, repos: createRepos(db, bus), emitted };
}

export function companionDraft(overrides: Partial<CompanionDraft> = {}): CompanionDraft {
	return { ...blankDraft(), name: 'Mia', persona: 'A cheerful friend.', ...overrides };
}

/** A stored memory as the repos return it: a shared fact unless `overrides` say otherwise. */
export function memoryRow(text: string, overrides: Partial<Memory> = {}): Memory {
	return {
		id: `m-${text}`,
		kind: 'semantic',
		namespace: 'shared',
		text,
		importance: 0.5,
		pinned: false,
		version: 1,
		createdBy: 'model',
		createdAt: 1,
		updatedAt: 1,
		...overrides
	};
}

/** What the LLM runtime returns for a reply of `said` words (stopped when `aborted`). */
export function replyOf(said: string, aborted = false): Reply {
	return {
		text: said,
		finishReason: aborted ? 'abort' : 'stop',
		usage: { promptTokens: 10, completionTokens: 5, timeToFirstTokenMs: 1, tokensPerSecond: 50 },
		engine: 'onnx',
		model: 'tiny'
	};
}
