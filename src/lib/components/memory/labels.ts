import { companionNamespace, type MemoryKind, type MemoryVersion } from '$lib/db';

/** How memory kinds are named for people. */
export const KIND_LABELS: Record<MemoryKind, string> = {
	semantic: 'Fact',
	procedural: 'How to treat you',
	episodic: 'Conversation'
};

/** Headings for memories grouped by kind, in the order they are shown. */
export const KIND_GROUPS: readonly { kind: MemoryKind; label: string }[] = [
	{ kind: 'episodic', label: 'Conversations' },
	{ kind: 'procedural', label: 'How to treat you' },
	{ kind: 'semantic', label: 'Facts' }
];

/** Why a version was written, as read in a memory's history ("edited by you"). */
export const REASON_LABELS: Record<MemoryVersion['reason'], string> = {
	created: 'created',
	updated: 'updated',
	merged: 'merged with a similar memory',
	edited: 'edited',
	deleted: 'deleted'
};

export const authorLabel = (by: MemoryVersion['by']) =>
	by === 'person' ? 'you' : 'your companion';

/** Where a memory lives, named for people ("Known to"). */
export interface MemoryPlace {
	namespace: string;
	label: string;
}

export const SHARED_PLACE: MemoryPlace = { namespace: 'shared', label: 'All your companions' };

export const privatePlace = (companion: { id: string; name: string }): MemoryPlace => ({
	namespace: companionNamespace(companion.id),
	label: `Only ${companion.name}`
});

/** Lower case without accents, so a filter for "muller" finds "Müller". */
const fold = (text: string) =>
	text
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase();

/** Whether `text` contains `query`, ignoring case and accents; an empty query matches all. */
export function matchesQuery(text: string, query: string): boolean {
	const needle = fold(query.trim());
	return needle === '' || fold(text).includes(needle);
}

export const plural = (count: number, one: string, many: string) =>
	`${count} ${count === 1 ? one : many}`;

const DATE = new Intl.DateTimeFormat(undefined, {
	day: 'numeric',
	month: 'short',
	year: 'numeric'
});
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const formatDate = (at: number) => DATE.format(at);
export const formatDateTime = (at: number) => DATE_TIME.format(at);
