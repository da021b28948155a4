import { blankDraft } from '$lib/companion/presets';
import type { CompanionDraft } from '$lib/companion/schema';
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
