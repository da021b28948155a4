import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { exportBackup, readBackup, restoreBackup } from '$lib/db/backup';
import { StorageFullError, ValidationError } from '$lib/errors';
import { ChunkWriter } from '$lib/recording/chunk-writer';
import { fixDuration } from '$lib/recording/fix';
import { CRASH_REASON, recoverRecordings } from '$lib/recording/recovery';
import { makeTestDb } from '../../helpers/factories';

type Ctx = ReturnType<typeof makeTestDb>;
const contexts: Ctx[] = [];
function fresh(): Ctx {
	const ctx = makeTestDb();
	contexts.push(ctx);
	return ctx;
}
afterEach(async () => {
	for (const ctx of contexts.splice(0)) await ctx.db.delete();
});

/** Real MediaRecorder output (record-fixture.mjs) cut into the chunks it came in. */
const FIXTURE = readFileSync(new URL('../../fixtures/recording/call.webm', import.meta.url));
const SIZES: number[] = JSON.parse(
	readFileSync(new URL('../../fixtures/recording/call.chunks.json', import.meta.url), 'utf8')
);
function fixtureChunks(): Blob[] {
	let at = 0;
	return SIZES.map((size) => new Blob([FIXTURE.subarray(at, (at += size))]));
}

const roomy = async () => ({ usage: 0, quota: 1e9 });

async function started(ctx: Ctx, id = 'rec-1') {
	return ctx.repos.recordings.create({
		id,
		companionId: 'preset-lena',
		title: 'Call with Lena',
		mimeType: 'video/webm;codecs=vp9,opus',
		startedAt: 1_700_000_000_000
	});
}

describe('recording chunks', () => {
	it('are written in the order they arrive, each after the one before, metadata first', async () => {
		const ctx = fresh();
		await started(ctx);
		expect((await ctx.repos.recordings.get('rec-1'))?.status).toBe('recording');
		const order: number[] = [];
		let release: () => void = () => undefined;
		const writer = new ChunkWriter(async (seq, data, ms) => {
			order.push(seq);
			// The first write is slow: the next ones wait for it instead of overtaking it.
			if (seq === 0) await new Promise<void>((done) => (release = done));
			await ctx.repos.recordings.appendChunk('rec-1', seq, data, ms);
		});
		fixtureChunks().forEach((chunk, i) => writer.push(chunk, (i + 1) * 250));
		expect(writer.pending).toBe(SIZES.length);
		release();
		await writer.flush();
		expect(order).toEqual(SIZES.map((_, i) => i));
		const { recording, blobs } = await ctx.repos.recordings.playable('rec-1');
		expect(recording).toMatchObject({ chunkCount: SIZES.length, durationMs: SIZES.length * 250 });
		expect(recording.bytes).toBe(FIXTURE.length);
		expect(Buffer.from(await new Blob(blobs).arrayBuffer()).equals(FIXTURE)).toBe(true);
		expect(writer.commitAges).toHaveLength(SIZES.length);
	});

	it('are refused out of order, and after a failure no later chunk is written', async () => {
		const ctx = fresh();
		await started(ctx);
		await expect(
			ctx.repos.recordings.appendChunk('rec-1', 1, new Blob(['x']), 1000)
		).rejects.toBeInstanceOf(ValidationError);

		let calls = 0;
		const writer = new ChunkWriter(async (seq, data, ms) => {
			if (++calls === 3) throw new StorageFullError();
			await ctx.repos.recordings.appendChunk('rec-1', seq, data, ms);
		});
		for (const [i, chunk] of fixtureChunks().entries()) writer.push(chunk, i * 250);
		await expect(writer.failure).rejects.toBeInstanceOf(StorageFullError);
		await expect(writer.flush()).rejects.toBeInstanceOf(StorageFullError);
		writer.push(new Blob(['late']), 9999);
		expect(calls).toBe(3);
		expect(writer.written).toBe(2);
		expect((await ctx.repos.recordings.get('rec-1'))?.chunkCount).toBe(2);
	});
});

describe('recovery', () => {
	it('keeps the gap-free chunks of an unfinished recording, marks it, and makes it seekable', async () => {
		const ctx = fresh();
		await started(ctx);
		await started(ctx, 'live');
		const chunks = fixtureChunks();
		for (const [seq, chunk] of chunks.slice(0, 7).entries())
			await ctx.repos.recordings.appendChunk('rec-1', seq, chunk, (seq + 1) * 300);
		// A stray chunk after a gap (never written in order by the app) cannot be played: it goes.
		await ctx.db.recordingChunks.add({ recordingId: 'rec-1', seq: 9, data: chunks[9] });

		const recovered = await recoverRecordings({
			repos: ctx.repos,
			estimate: roomy,
			isLive: async (id) => id === 'live'
		});
		expect(recovered.map((r) => r.id)).toEqual(['rec-1']);
		expect((await ctx.repos.recordings.get('live'))?.status).toBe('recording');
		const recording = await ctx.repos.recordings.require('rec-1');
		expect(recording).toMatchObject({ status: 'interrupted', stopReason: CRASH_REASON });
		// The duration fix ran: the seekable file replaced the raw chunks.
		expect(recording.fileFrom).toBe(7);
		expect(recording.durationMs).toBeGreaterThan(1500);
		expect(await ctx.db.recordingChunks.where('recordingId').equals('rec-1').count()).toBe(
			recording.chunkCount
		);
	});

	it('leaves the raw chunks playable when the seekable copy would not fit', async () => {
		const ctx = fresh();
		await started(ctx);
		for (const [seq, chunk] of fixtureChunks().entries())
			await ctx.repos.recordings.appendChunk('rec-1', seq, chunk, (seq + 1) * 300);
		await ctx.repos.recordings.finish('rec-1', 'complete');
		const full = async () => ({ usage: 1e9 - 50_000, quota: 1e9 });
		expect(await fixDuration('rec-1', { repos: ctx.repos, estimate: full })).toEqual({
			status: 'no-room'
		});
		const { recording, blobs } = await ctx.repos.recordings.playable('rec-1');
		expect(recording.fileFrom).toBeUndefined();
		expect(Buffer.from(await new Blob(blobs).arrayBuffer()).equals(FIXTURE)).toBe(true);
	});
});

describe('recordings in backups', () => {
	it('come back byte for byte', async () => {
		const source = fresh();
		await started(source);
		for (const [seq, chunk] of fixtureChunks().entries())
			await source.repos.recordings.appendChunk('rec-1', seq, chunk, (seq + 1) * 300);
		await source.repos.recordings.finish('rec-1', 'complete');
		await fixDuration('rec-1', { repos: source.repos, estimate: roomy });
		const before = await source.repos.recordings.playable('rec-1');

		const zip = await exportBackup(source.db, 'test');
		const target = fresh();
		await restoreBackup(target.db, target.bus, await readBackup(zip));
		const after = await target.repos.recordings.playable('rec-1');
		expect(after.recording).toEqual(before.recording);
		const bytes = async (blobs: Blob[]) => Buffer.from(await new Blob(blobs).arrayBuffer());
		expect((await bytes(after.blobs)).equals(await bytes(before.blobs))).toBe(true);
	});

	it('leave out a recording still being made', async () => {
		const source = fresh();
		await started(source, 'done');
		await source.repos.recordings.appendChunk('done', 0, fixtureChunks()[0], 250);
		await source.repos.recordings.finish('done', 'complete');
		await started(source, 'live');
		await source.repos.recordings.appendChunk('live', 0, fixtureChunks()[0], 250);
		const parsed = await readBackup(await exportBackup(source.db, 'test'));
		const target = fresh();
		await restoreBackup(target.db, target.bus, parsed);
		expect((await target.repos.recordings.list()).map((r) => r.id)).toEqual(['done']);
		expect(await target.db.recordingChunks.count()).toBe(1);
	});
});
