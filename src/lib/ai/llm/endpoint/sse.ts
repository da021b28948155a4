/**
 * Reads a `text/event-stream` body and yields the `data:` payload of each event. Handles events
 * split across network chunks and multi-line data.
 */
export async function* readServerSentEvents(
	body: ReadableStream<Uint8Array>
): AsyncGenerator<string> {
	const reader = body.getReader();
	const decoder = new TextDecoder();
	let buffer = '';
	try {
		for (;;) {
			const { value, done } = await reader.read();
			if (done) break;
			buffer += decoder.decode(value, { stream: true });
			let boundary: number;
			while ((boundary = buffer.search(/\r?\n\r?\n/)) >= 0) {
				const event = buffer.slice(0, boundary);
				buffer = buffer.slice(boundary).replace(/^\r?\n\r?\n/, '');
				const data = dataOf(event);
				if (data !== undefined) yield data;
			}
		}
		const data = dataOf(buffer);
		if (data !== undefined) yield data;
	} finally {
		reader.releaseLock();
	}
}

function dataOf(event: string): string | undefined {
	const lines = event
		.split(/\r?\n/)
		.filter((line) => line.startsWith('data:'))
		.map((line) => line.slice(5).replace(/^ /, ''));
	return lines.length > 0 ? lines.join('\n') : undefined;
}
