/** Small HTTP pieces the stand-in's services share. */
import type { IncomingMessage } from 'node:http';
import { PostgrestError } from './errors.ts';

export interface Reply {
	status: number;
	headers: Record<string, string>;
	body?: string | Buffer;
}

export function json(status: number, body: unknown): Reply {
	return {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8' },
		body: JSON.stringify(body)
	};
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export async function readJson(request: IncomingMessage): Promise<unknown> {
	const text = (await readBody(request)).toString('utf8');
	if (text === '') return undefined;
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new PostgrestError(400, {
			code: 'PGRST102',
			message: 'Empty or invalid json',
			details: (error as Error).message,
			hint: null
		});
	}
}

export function headerText(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value.join(',') : value;
}
