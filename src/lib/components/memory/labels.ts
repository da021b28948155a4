import type { MemoryKind } from '$lib/db';

/** How memory kinds are named for people. */
export const KIND_LABELS: Record<MemoryKind, string> = {
	semantic: 'Fact',
	procedural: 'How to treat you',
	episodic: 'Conversation'
};

const DATE = new Intl.DateTimeFormat(undefined, {
	day: 'numeric',
	month: 'short',
	year: 'numeric'
});
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const formatDate = (at: number) => DATE.format(at);
export const formatDateTime = (at: number) => DATE_TIME.format(at);
