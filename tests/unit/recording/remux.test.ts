import { readFileSync } from 'node:fs';
import { BlobSource, Input, WEBM } from 'mediabunny';
import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE, BlockWriter, remux, type BlockStore } from '$lib/recording/remux';

/** The fixture: MediaRecorder's WebM from real Chromium (record-fixture.mjs), ~3 s, 10 chunks. */
const FIXTURE = readFileSync(new URL('../../fixtures/recording/call.webm', import.meta.url));
const CHUNK_SIZES: number[] = JSON.parse(
	readFileSync(new URL('../../fixtures/recording/call.chunks.json', import.meta.url), 'utf8')
);

function memoryStore(): BlockStore & { blocks: Map<number, Blob>; puts: number } {
	const blocks = new Map<number, Blob>();
	return {
		blocks,
		puts: 0,
		async put(index, data) {
			this.puts++;
			blocks.set(index, data);
		},
		async get(index) {
			return blocks.get(index);
		}
	};
}

async function joined(store: { blocks: Map<number, Blob> }): Promise<Uint8Array> {
	const parts = [...store.blocks.entries()].sort(([a], [b]) => a - b).map(([, blob]) => blob);
	return new Uint8Array(await new Blob(parts).arrayBuffer());
}

async function readDuration(bytes: Uint8Array) {
	const input = new Input({
		source: new BlobSource(new Blob([bytes as Uint8Array<ArrayBuffer>])),
		formats: [WEBM]
	});
	try {
		return {
			fromMetadata: await input.getDurationFromMetadata(),
			computed: await input.computeDuration(),
			tracks: (await input.getTracks()).map((track) => track.type).sort()
		};
	} finally {
		input.dispose();
	}
}

describe('the duration fix', () => {
	it('MediaRecorder’s WebM has no duration; the remuxed file does, with both tracks', async () => {
		const before = await readDuration(FIXTURE);
		expect(before.fromMetadata).toBeNull();

		const store = memoryStore();
		const writer = new BlockWriter(store);
		const { durationMs } = await remux(new Blob([FIXTURE]), writer.stream(), { format: 'webm' });
		const file = await joined(store);
		expect(file.length).toBe(writer.size);

		const after = await readDuration(file);
		expect(after.tracks).toEqual(['audio', 'video']);
		expect(after.fromMetadata).toBeGreaterThan(2.5);
		expect(after.fromMetadata).toBeLessThan(3.6);
		expect(durationMs).toBeCloseTo(before.computed * 1000, -2);
		// Cues (the seek index) are written: the Matroska element id 0x1C53BB6B.
		expect(Buffer.from(file).indexOf(Buffer.from([0x1c, 0x53, 0xbb, 0x6b]))).toBeGreaterThan(0);
	});

	it('also fixes a file cut off mid-recording (the last chunk lost, one torn in half)', async () => {
		const kept = CHUNK_SIZES.slice(0, -1).reduce((sum, size) => sum + size, 0);
		const torn = FIXTURE.subarray(0, kept - Math.floor(CHUNK_SIZES.at(-2)! / 2));
		const store = memoryStore();
		const { durationMs } = await remux(new Blob([torn]), new BlockWriter(store).stream(), {
			format: 'webm'
		});
		const after = await readDuration(await joined(store));
		expect(after.fromMetadata).toBeGreaterThan(1.5);
		expect(after.fromMetadata! * 1000).toBeCloseTo(durationMs, -2);
	});

	it('remuxes VP9 + Opus into MP4 too', async () => {
		const store = memoryStore();
		await remux(new Blob([FIXTURE]), new BlockWriter(store).stream(), { format: 'mp4' });
		const file = await joined(store);
		expect(new TextDecoder().decode(file.subarray(4, 8))).toBe('ftyp');
		expect(Buffer.from(file).indexOf(Buffer.from('moov'))).toBeGreaterThan(0);
	});
});

describe('BlockWriter', () => {
	it('stores a file in blocks, patching blocks already written when the muxer goes back', async () => {
		const store = memoryStore();
		const writer = new BlockWriter(store);
		const size = BLOCK_SIZE * 2 + 10;
		const expected = new Uint8Array(size).map((_, i) => i % 251);
		// Front to back in odd pieces, then a patch in the first block and one across a boundary.
		for (let at = 0; at < size; at += 70_001)
			await writer.write(expected.subarray(at, Math.min(size, at + 70_001)), at);
		expected.set([9, 9, 9], 5);
		await writer.write(Uint8Array.of(9, 9, 9), 5);
		expected.set([7, 7, 7, 7], BLOCK_SIZE - 2);
		await writer.write(Uint8Array.of(7, 7, 7, 7), BLOCK_SIZE - 2);
		await writer.close();
		expect(writer.blocks).toBe(3);
		expect([...store.blocks.keys()].sort()).toEqual([0, 1, 2]);
		expect(store.blocks.get(2)!.size).toBe(10);
		// Compared as Buffers: toEqual over 2 MB element by element takes seconds.
		expect(Buffer.from(await joined(store)).equals(Buffer.from(expected))).toBe(true);
	});
});
