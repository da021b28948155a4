import type { Message, Recording } from '$lib/db';

/** One line of a call's transcript, placed on the recording's timeline. */
export interface TranscriptLine {
	id: string;
	/** Where in the recording it was said, in ms from its start. */
	atMs: number;
	who: 'person' | 'companion';
	/** Who said it, in a call with people (absent: the person themself, or the companion). */
	name?: string;
	text: string;
}

/** Said after the recording ended, still part of it (the last reply is saved as it finishes). */
const TAIL_MS = 2000;

/**
 * The lines of the conversation said while the recording ran, in order, each at its time in the
 * recording (a message's `createdAt`: a reply's start, an utterance once it was understood).
 */
export function transcriptLines(
	messages: readonly Message[],
	recording: Pick<Recording, 'startedAt' | 'durationMs' | 'people'>
): TranscriptLine[] {
	const end = recording.startedAt + recording.durationMs + TAIL_MS;
	// A call with people: what someone not in the recording said is not shown with it.
	const left = (message: Message) =>
		recording.people !== undefined &&
		message.via === 'peer' &&
		message.role === 'user' &&
		!recording.people.includes(message.speaker ?? '');
	return messages
		.filter(
			(message) =>
				(message.role === 'user' || message.role === 'assistant') &&
				message.status !== 'error' &&
				message.content.trim() !== '' &&
				message.createdAt >= recording.startedAt &&
				message.createdAt <= end &&
				!left(message)
		)
		.sort((a, b) => a.createdAt - b.createdAt)
		.map((message) => ({
			id: message.id,
			atMs: Math.min(message.createdAt - recording.startedAt, recording.durationMs),
			who: message.role === 'user' ? 'person' : 'companion',
			...(message.speaker && (message.via === 'peer' || message.role === 'assistant')
				? { name: message.speaker }
				: {}),
			text: message.content
		}));
}

/** The index of the line being said at `timeMs` (the last one begun), or -1 before the first. */
export function currentLine(lines: readonly TranscriptLine[], timeMs: number): number {
	let low = 0;
	let high = lines.length - 1;
	let found = -1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		if (lines[middle].atMs <= timeMs) {
			found = middle;
			low = middle + 1;
		} else high = middle - 1;
	}
	return found;
}
