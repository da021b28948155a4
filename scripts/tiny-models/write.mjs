// Writes model files to disk. JSON is serialised with a fixed layout so every run produces the same
// bytes; that is what lets a stamp of the inputs stand in for the outputs.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * @param {Uint8Array | object} content
 * @returns {Uint8Array}
 */
export function serialise(content) {
	if (content instanceof Uint8Array) return content;
	return new TextEncoder().encode(`${JSON.stringify(content, null, 2)}\n`);
}

/**
 * Writes one model below `root` as `<root>/<id>/<file>`.
 * @param {string} root
 * @param {import('./tiny-llm.mjs').ModelFiles} model
 * @returns {Promise<{ path: string, bytes: number }[]>} what was written
 */
export async function writeModel(root, model) {
	const written = [];
	for (const [file, content] of Object.entries(model.files)) {
		const path = join(root, model.id, file);
		const bytes = serialise(content);
		await mkdir(dirname(path), { recursive: true });
		await writeFile(path, bytes);
		written.push({ path, bytes: bytes.length });
	}
	return written;
}
