import { inflateSync } from 'fflate';

/**
 * Reads a zip lazily from a Blob (a File the person chose): only the central directory at its end
 * is read up front. Each entry is then read on its own, and a stored (uncompressed) entry can be
 * handed out as a slice of the file without reading it at all, so importing a backup with hours of
 * recordings never holds them in memory. Zip64 is not supported: backups stay below 4 GiB.
 */

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const STORED = 0;
const DEFLATED = 8;

export interface ZipEntry {
	path: string;
	method: number;
	compressedSize: number;
	size: number;
	localHeaderOffset: number;
}

/** Thrown for anything that is not a readable zip; the caller words it for the person. */
export class ZipFormatError extends Error {
	override name = 'ZipFormatError';
}

export class ZipReader {
	readonly #file: Blob;
	readonly #entries: Map<string, ZipEntry>;

	private constructor(file: Blob, entries: Map<string, ZipEntry>) {
		this.#file = file;
		this.#entries = entries;
	}

	static async open(file: Blob): Promise<ZipReader> {
		// The end record is the last 22 bytes unless the zip has a comment: look there first.
		let tailStart = Math.max(0, file.size - 4096);
		let tail = await bytesOf(file.slice(tailStart));
		let eocd = findEndRecord(tail);
		if (eocd < 0 && tailStart > 0) {
			tailStart = Math.max(0, file.size - EOCD_SIZE - MAX_COMMENT);
			tail = await bytesOf(file.slice(tailStart));
			eocd = findEndRecord(tail);
		}
		if (eocd < 0) throw new ZipFormatError('no end of central directory');
		const end = new DataView(tail.buffer, tail.byteOffset + eocd, EOCD_SIZE);
		const count = end.getUint16(10, true);
		const directorySize = end.getUint32(12, true);
		const directoryOffset = end.getUint32(16, true);
		if (directoryOffset + directorySize > tailStart + eocd) {
			throw new ZipFormatError('central directory out of bounds');
		}
		const directory = await bytesOf(file.slice(directoryOffset, directoryOffset + directorySize));
		return new ZipReader(file, readDirectory(directory, count, file.size));
	}

	has(path: string): boolean {
		return this.#entries.has(path);
	}

	/** The entry's bytes, inflated. For small entries (JSON); media should use `blob`. */
	async bytes(path: string): Promise<Uint8Array | undefined> {
		const entry = this.#entries.get(path);
		if (!entry) return undefined;
		const raw = await bytesOf(await this.#data(entry));
		if (entry.method === STORED) return raw;
		const inflated = inflateSync(raw, { out: new Uint8Array(entry.size) });
		if (inflated.length !== entry.size) throw new ZipFormatError(`${path} is truncated`);
		return inflated;
	}

	/** The entry as a Blob: a slice of the file when stored, so nothing is read now. */
	async blob(path: string, type: string): Promise<Blob | undefined> {
		const entry = this.#entries.get(path);
		if (!entry) return undefined;
		if (entry.method === STORED) return this.#data(entry, type);
		const bytes = await this.bytes(path);
		return bytes && new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
	}

	async #data(entry: ZipEntry, type = ''): Promise<Blob> {
		const header = await bytesOf(
			this.#file.slice(entry.localHeaderOffset, entry.localHeaderOffset + 30)
		);
		const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
		if (header.length < 30 || view.getUint32(0, true) !== LOCAL_SIGNATURE) {
			throw new ZipFormatError(`${entry.path} has no local header`);
		}
		const start =
			entry.localHeaderOffset + 30 + view.getUint16(26, true) + view.getUint16(28, true);
		const end = start + entry.compressedSize;
		if (end > this.#file.size) throw new ZipFormatError(`${entry.path} is truncated`);
		return this.#file.slice(start, end, type);
	}
}

function findEndRecord(tail: Uint8Array): number {
	const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
	for (let at = tail.length - EOCD_SIZE; at >= 0; at--) {
		if (view.getUint32(at, true) === EOCD_SIGNATURE) return at;
	}
	return -1;
}

function readDirectory(bytes: Uint8Array, count: number, fileSize: number): Map<string, ZipEntry> {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const decoder = new TextDecoder();
	const entries = new Map<string, ZipEntry>();
	let at = 0;
	for (let index = 0; index < count; index++) {
		if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_SIGNATURE) {
			throw new ZipFormatError('damaged central directory');
		}
		const nameLength = view.getUint16(at + 28, true);
		const entry: ZipEntry = {
			path: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
			method: view.getUint16(at + 10, true),
			compressedSize: view.getUint32(at + 20, true),
			size: view.getUint32(at + 24, true),
			localHeaderOffset: view.getUint32(at + 42, true)
		};
		if (entry.method !== STORED && entry.method !== DEFLATED) {
			throw new ZipFormatError(`${entry.path} uses an unsupported compression`);
		}
		if (entry.localHeaderOffset + entry.compressedSize > fileSize) {
			throw new ZipFormatError(`${entry.path} lies outside the file`);
		}
		entries.set(entry.path, entry);
		at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
	}
	return entries;
}

async function bytesOf(blob: Blob): Promise<Uint8Array> {
	return new Uint8Array(await blob.arrayBuffer());
}
