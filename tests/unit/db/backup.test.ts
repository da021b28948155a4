import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { exportBackup, readBackup, restoreBackup } from '$lib/db/backup';
import { LATEST_VERSION } from '$lib/db/database';
import { ImportError, StorageFullError } from '$lib/errors';
import { companionDraft, makeTestDb } from '../../helpers/factories';

type Ctx = ReturnType<typeof makeTestDb>;
const REV = /^[0-9a-z]{9}-[0-9a-z]{4}-[0-9a-z]{16}$/;
const contexts: Ctx[] = [];
function fresh(): Ctx {
	const ctx = makeTestDb();
	contexts.push(ctx);
	return ctx;
}
afterEach(async () => {
	for (const ctx of contexts.splice(0)) await ctx.db.delete();
});

/** A device with one of everything, recordings (Blobs) included. */
async function populate(ctx: Ctx) {
	await ctx.repos.companions.seedPresets();
	const mia = await ctx.repos.companions.create(companionDraft({ name: 'Mia' }));
	await ctx.repos.profile.save({ name: 'Anna', nativeLanguage: 'en' });
	const chat = await ctx.repos.conversations.create(mia.id, 'call', 'A call');
	await ctx.repos.messages.add({
		conversationId: chat.id,
		role: 'assistant',
		content: 'Grüß dich! 👋',
		status: 'complete',
		metrics: { engine: 'webllm', timeToFirstTokenMs: 120, tokensPerSecond: 31.5 }
	});
	await ctx.db.recordings.add({
		id: 'rec-1',
		conversationId: chat.id,
		companionId: mia.id,
		title: 'A call',
		mimeType: 'video/webm',
		startedAt: 1,
		durationMs: 2000,
		bytes: 6,
		chunkCount: 2,
		status: 'complete'
	});
	await ctx.db.recordingChunks.bulkAdd([
		{
			recordingId: 'rec-1',
			seq: 0,
			data: new Blob([new Uint8Array([1, 2, 3])], { type: 'video/webm' })
		},
		{
			recordingId: 'rec-1',
			seq: 1,
			data: new Blob([new Uint8Array([4, 5, 6])], { type: 'video/webm' })
		}
	]);
	// A memory with its history: formed by the model, then corrected and pinned by the person.
	const fact = await ctx.repos.memories.add(
		{
			kind: 'semantic',
			namespace: 'shared',
			text: 'Anna lives in Hamburg.',
			importance: 0.8,
			sourceConversationId: chat.id
		},
		'model'
	);
	await ctx.repos.memories.update(fact.id, { text: 'Anna lives in Munich.' }, 'person');
	await ctx.repos.memories.setPinned(fact.id, true);
	await ctx.db.settings.put({ key: 'unknown.future', value: { kept: true } });
}

async function dump(ctx: Ctx) {
	const out: Record<string, unknown[]> = {};
	for (const table of ctx.db.tables) {
		// This device's own id and sync bookkeeping, never in a backup.
		if (table.name === 'device' || table.name === 'outbox') continue;
		const rows = await table.toArray();
		out[table.name] = await Promise.all(
			rows.map(async (row) =>
				'data' in row && row.data instanceof Blob
					? { ...row, data: [...new Uint8Array(await row.data.arrayBuffer())], type: row.data.type }
					: row
			)
		);
	}
	return out;
}

/** A Blob that counts the bytes read from it and from its slices. */
class CountingBlob extends Blob {
	constructor(
		parts: BlobPart[],
		options?: BlobPropertyBag,
		readonly read = { bytes: 0 }
	) {
		super(parts, options);
	}
	override slice(start?: number, end?: number, type?: string): Blob {
		return new CountingBlob([super.slice(start, end)], { type }, this.read);
	}
	override async arrayBuffer(): Promise<ArrayBuffer> {
		this.read.bytes += this.size;
		return super.arrayBuffer();
	}
}

function backupZip(files: Record<string, unknown>, manifest: Record<string, unknown> = {}) {
	const entries: Record<string, Uint8Array> = {
		'manifest.json': strToU8(
			JSON.stringify({
				format: 'kompanion-backup',
				formatVersion: 1,
				schemaVersion: 1,
				appVersion: 'test',
				exportedAt: 0,
				tables: Object.fromEntries(
					Object.entries(files).map(([name, rows]) => [name, (rows as unknown[]).length])
				),
				...manifest
			})
		)
	};
	for (const [name, rows] of Object.entries(files))
		entries[`tables/${name}.json`] = strToU8(JSON.stringify(rows));
	return new Blob([zipSync(entries)]);
}

describe('backups', () => {
	it('round-trips every table, blobs included, into a fresh database', async () => {
		const source = fresh();
		await populate(source);
		const zip = await exportBackup(source.db, '1.2.3');

		const target = fresh();
		await target.repos.companions.seedPresets();
		const parsed = await readBackup(zip);
		expect(parsed.manifest).toMatchObject({ appVersion: '1.2.3', schemaVersion: LATEST_VERSION });
		expect(parsed.summary).toMatchObject({ blobs: 2, bytes: 6 });
		expect(parsed.summary.tables).toMatchObject({
			companions: 3,
			messages: 1,
			recordingChunks: 2,
			memories: 1,
			memoryVersions: 2
		});
		await restoreBackup(target.db, target.bus, parsed);

		// Every row keeps its rev (dump compares them), so sync later sees no change.
		expect(await dump(target)).toEqual(await dump(source));
		expect((await target.db.companions.toArray()).every((c) => REV.test(c.rev))).toBe(true);
		expect(target.emitted).toContain('replaced:import');
		// Each device keeps its own id; the backup does not carry it.
		const [sourceDevice, targetDevice] = await Promise.all(
			[source, target].map(async ({ db }) => (await db.device.get('this'))?.id)
		);
		expect(targetDevice).toMatch(/^[0-9a-z]{16}$/);
		expect(targetDevice).not.toBe(sourceDevice);
		const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
		expect(Object.keys(files)).not.toContain('tables/device.json');
		expect(new TextDecoder().decode(files['manifest.json'])).not.toContain(sourceDevice);
	});

	it('stages a backup without reading its media: chunks stay slices of the file until restored', async () => {
		const source = fresh();
		await populate(source);
		const media = new Uint8Array(2 * 1024 * 1024);
		for (let i = 0; i < media.length; i++) media[i] = (i * 7) % 251;
		await source.db.recordingChunks.put({
			recordingId: 'rec-1',
			seq: 2,
			data: new Blob([media], { type: 'video/webm' })
		});
		const zip = new CountingBlob([await exportBackup(source.db, 'test')]);

		const parsed = await readBackup(zip);
		expect(parsed.summary.bytes).toBe(6 + media.length);
		// The central directory, the manifest and the tables: nothing of the 2 MB of media.
		expect(zip.read.bytes).toBeLessThan(64 * 1024);

		const target = fresh();
		await restoreBackup(target.db, target.bus, parsed);
		const chunk = await target.db.recordingChunks.get(['rec-1', 2]);
		// Buffer.equals: toEqual walks 2 MB element by element and takes seconds.
		expect(Buffer.from(await chunk!.data.arrayBuffer()).equals(media)).toBe(true);
	});

	it('imports a backup that another tool re-packed with every file compressed', async () => {
		const source = fresh();
		await populate(source);
		const files = unzipSync(
			new Uint8Array(await (await exportBackup(source.db, 'test')).arrayBuffer())
		);
		const target = fresh();
		await restoreBackup(target.db, target.bus, await readBackup(new Blob([zipSync(files)])));
		expect(await dump(target)).toEqual(await dump(source));
	});

	it('gives rows from a backup made before revs a rev, and companions a description', async () => {
		const target = fresh();
		const { rev, ...lena } = await target.repos.companions.create(
			companionDraft({
				name: 'Lena',
				persona: 'You are Lena, 29, a teacher from Berlin. You cycle everywhere.'
			})
		);
		const { description, ...older } = lena;
		const zip = backupZip({ companions: [older] }, { schemaVersion: 2 });
		await restoreBackup(target.db, target.bus, await readBackup(zip));
		const stored = await target.db.companions.get(lena.id);
		expect(stored).toMatchObject({ name: 'Lena', description: 'Lena, 29, a teacher from Berlin.' });
		expect(stored?.rev).toMatch(REV);
	});

	it('imports memories from a schema-1 backup and empties the derived vector blocks', async () => {
		const target = fresh();
		await target.db.memoryVectors.put({
			block: 0,
			model: 'm',
			dims: 2,
			count: 1,
			ids: ['old'],
			namespaces: ['shared'],
			vectors: new Int8Array([1, 2]),
			scales: new Float32Array([1])
		});
		const memory = {
			id: 'm1',
			kind: 'semantic',
			namespace: 'shared',
			text: 'Anna lives in Hamburg.',
			importance: 0.8,
			pinned: false,
			version: 1,
			createdAt: 1,
			updatedAt: 1
		};
		await restoreBackup(target.db, target.bus, await readBackup(backupZip({ memories: [memory] })));
		expect(await target.db.memories.get('m1')).toEqual({
			...memory,
			createdBy: 'model',
			rev: expect.stringMatching(REV)
		});
		expect(await target.db.memoryVectors.count()).toBe(0);
	});

	it('never exports secrets, and keeps this device’s secrets on import', async () => {
		const source = fresh();
		await source.db.settings.bulkPut([
			{ key: 'llm.endpoint.apiKey', value: 'sk-source' },
			{ key: 'presets.seeded', value: true }
		]);
		const zip = await exportBackup(source.db, 'test');
		const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
		const settings = new TextDecoder().decode(files['tables/settings.json']);
		expect(settings).not.toContain('sk-source');
		expect(settings).toContain('presets.seeded');

		const target = fresh();
		await target.db.settings.put({ key: 'llm.endpoint.apiKey', value: 'sk-target' });
		await restoreBackup(target.db, target.bus, await readBackup(zip));
		expect((await target.db.settings.get('llm.endpoint.apiKey'))?.value).toBe('sk-target');
	});

	it.each([
		['not a zip', new Blob(['hello']), 'import/not-a-backup'],
		[
			'a zip without a manifest',
			new Blob([zipSync({ 'a.txt': strToU8('a') })]),
			'import/not-a-backup'
		],
		['a newer format', backupZip({}, { formatVersion: 2 }), 'import/newer-version'],
		['an unknown table', backupZip({ spaceships: [] }), 'import/invalid-data'],
		[
			'a row count that does not match',
			backupZip({ companions: [] }, { tables: { companions: 2 } }),
			'import/corrupt'
		],
		['an invalid row', backupZip({ companions: [{ id: 'x', name: '' }] }), 'import/invalid-data'],
		[
			'an invalid setting value',
			backupZip({ settings: [{ key: 'presets.seeded', value: 'yes' }] }),
			'import/invalid-data'
		],
		[
			'a recording chunk whose media is missing',
			backupZip({
				recordingChunks: [
					{ recordingId: 'r', seq: 0, data: { $blob: 'blobs/7', type: 'video/webm' } }
				]
			}),
			'import/corrupt'
		],
		[
			'a damaged zip',
			new Blob([zipSync({ 'manifest.json': strToU8('{}'.repeat(100)) }).slice(0, 60)]),
			'import/corrupt'
		]
	])('refuses %s with a clear reason', async (_label, file, code) => {
		const error = await readBackup(file).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ImportError);
		expect((error as ImportError).code).toBe(code);
		expect((error as ImportError).message).toMatch(
			/^This file was not imported: .+ Nothing on this device was changed\.$/
		);
	});

	it('a restore that fails half-way changes nothing', async () => {
		const source = fresh();
		await populate(source);
		const parsed = await readBackup(await exportBackup(source.db, 'test'));

		const target = fresh();
		await target.repos.companions.create(companionDraft({ name: 'Already here' }));
		const before = await dump(target);
		target.db.messages.hook('creating', () => {
			throw new DOMException(
				'The current transaction exceeded its quota limitations.',
				'QuotaExceededError'
			);
		});
		await expect(restoreBackup(target.db, target.bus, parsed)).rejects.toBeInstanceOf(
			StorageFullError
		);
		expect(await dump(target)).toEqual(before);
	});
});
