import { afterEach, describe, expect, it } from 'vitest';
import { KompanionDb, LATEST_VERSION, SCHEMA_VERSIONS } from '$lib/db/database';
import { TABLE_NAMES } from '$lib/db/tables';

const opened: KompanionDb[] = [];
afterEach(async () => {
	for (const db of opened.splice(0)) await db.delete();
});

describe('schema versions', () => {
	it('are strictly increasing and the latest declares every table', () => {
		const versions = SCHEMA_VERSIONS.map((v) => v.version);
		expect(versions).toEqual([...versions].sort((a, b) => a - b));
		expect(new Set(versions).size).toBe(versions.length);
		expect(LATEST_VERSION).toBe(versions.at(-1));
	});

	it('a new database has every table at the latest version', async () => {
		const db = new KompanionDb(`migrations-${Date.now()}`);
		opened.push(db);
		await db.open();
		expect(db.verno).toBe(LATEST_VERSION);
		expect(db.tables.map((t) => t.name).sort()).toEqual([...TABLE_NAMES].sort());
	});

	it.each(SCHEMA_VERSIONS.slice(0, -1).map((v) => v.version))(
		'a database at version %i upgrades to the latest and keeps its rows',
		async (version) => {
			const name = `migrations-from-${version}-${Date.now()}`;
			const old = new KompanionDb(
				name,
				SCHEMA_VERSIONS.filter((v) => v.version <= version)
			);
			await old.open();
			await old.settings.put({ key: 'presets.seeded', value: true });
			await old.table('memories').add({
				id: 'm1',
				kind: 'semantic',
				namespace: 'shared',
				text: 'Anna lives in Hamburg.',
				importance: 0.8,
				pinned: true,
				version: 1,
				createdAt: 1,
				updatedAt: 5
			});
			old.close();
			const db = new KompanionDb(name);
			opened.push(db);
			await db.open();
			expect(db.verno).toBe(LATEST_VERSION);
			expect(await db.settings.get('presets.seeded')).toEqual({
				key: 'presets.seeded',
				value: true
			});
			// Schema 2: memories record who made them; older ones came from the model.
			expect(await db.memories.get('m1')).toMatchObject({ createdBy: 'model', pinnedAt: 5 });
			expect(await db.memories.where('pinnedAt').above(0).count()).toBe(1);
		}
	);
});
