import { afterEach, describe, expect, it } from 'vitest';
import { KompanionDb, LATEST_VERSION, SCHEMA_VERSIONS } from '$lib/db/database';
import { parseRev } from '$lib/db/hlc';
import * as v from 'valibot';
import { SYNCED_TABLES, TABLES, TABLE_NAMES } from '$lib/db/tables';
import { companionDraft } from '../../helpers/factories';

const DAY = 86_400_000;
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
			const { description, ...mia } = {
				...companionDraft({
					persona: 'You are Mia, a cheerful friend from Graz! You love hiking.'
				}),
				id: 'c1',
				createdAt: 2,
				updatedAt: 7
			};
			await old.table('companions').add(mia);
			expect(description).toBe(''); // rows before schema 3 had none
			await old.table('companions').add({ ...mia, id: 'c2', persona: '' });
			await old.table('memories').add({
				id: 'm1',
				kind: 'semantic',
				namespace: 'shared',
				text: 'Anna lives in Hamburg.',
				importance: 0.8,
				pinned: true,
				version: 1,
				createdAt: 1,
				updatedAt: 5,
				// As schema 2 stores them.
				...(version >= 2 ? { createdBy: 'model', pinnedAt: 5 } : {})
			});
			// As schemas 1-3 kept cards (SM-2) and scenarios (one goal, one level).
			if (version < 4) await addLegacyTutorRows(old);
			await old.table('recordings').add({
				id: 'r1',
				title: 'Call with Mia',
				mimeType: 'video/webm',
				startedAt: 3 * DAY,
				durationMs: 1000,
				bytes: 10,
				chunkCount: 1,
				status: 'complete'
			});
			old.close();
			const db = new KompanionDb(name);
			opened.push(db);
			await db.open();
			expect(db.verno).toBe(LATEST_VERSION);
			expect(await db.settings.get('presets.seeded')).toMatchObject({
				key: 'presets.seeded',
				value: true
			});
			// Schema 2: memories record who made them; older ones came from the model.
			expect(await db.memories.get('m1')).toMatchObject({ createdBy: 'model', pinnedAt: 5 });
			expect(await db.memories.where('pinnedAt').above(0).count()).toBe(1);

			// Schema 3: this device has an id, and every row that will sync has a rev from it,
			// dated by the row's last change (rows without a time: the upgrade's).
			const device = (await db.device.get('this'))?.id;
			expect(device).toMatch(/^[0-9a-z]{16}$/);
			for (const name of SYNCED_TABLES) {
				for (const row of await db.table(name).toArray()) {
					// From schema 3 on, the rows were written with revs already (by the hooks).
					const expected = version < 3 ? { device, counter: 0 } : { device };
					expect(parseRev(row.rev), `${name} rev`).toMatchObject(expected);
				}
			}
			if (version < 3) {
				expect(parseRev((await db.memories.get('m1'))!.rev).wall).toBe(5);
				expect(parseRev((await db.companions.get('c1'))!.rev).wall).toBe(7);
				const setting = await db.settings.get('presets.seeded');
				expect(parseRev(setting!.rev).wall).toBeGreaterThan(Date.now() - 60_000);
				// Companions get a one-line description from their persona's first sentence.
				expect((await db.companions.get('c1'))?.description).toBe(
					'Mia, a cheerful friend from Graz!'
				);
				expect((await db.companions.get('c2'))?.description).toBe('');
			}

			// Schema 4: SM-2 cards become FSRS cards, scenarios get goals and a level range.
			if (version < 4) await expectTutorRowsUpgraded(db);
			// Schema 5: recordings' metadata syncs, so old recordings have revs too.
			const recording = await db.recordings.get('r1');
			expect(parseRev(recording!.rev!)).toMatchObject({ device });
			if (version < 3) expect(parseRev(recording!.rev!).wall).toBe(3 * DAY);

			// Writes after the upgrade get later revs from the same device.
			const before = (await db.companions.get('c1'))!.rev;
			await db.companions.update('c1', { name: 'Mia B.' });
			const after = (await db.companions.get('c1'))!.rev;
			expect(after > before).toBe(true);
			expect(parseRev(after).device).toBe(device);
		}
	);
});

/** Cards (SM-2) and scenarios (one goal, one level) as schemas 1-3 kept them. */
async function addLegacyTutorRows(old: KompanionDb) {
	await old.table('vocabulary').add({
		id: 'v1',
		language: 'de',
		term: 'das Brötchen',
		translation: 'bread roll',
		due: 10 * DAY,
		intervalDays: 4,
		ease: 2.2,
		reps: 3,
		lapses: 1,
		createdAt: 1,
		updatedAt: 6 * DAY
	});
	await old.table('vocabulary').add({
		id: 'v2',
		language: 'de',
		term: 'die Semmel',
		translation: 'bread roll',
		due: 0,
		intervalDays: 0,
		ease: 2.5,
		reps: 0,
		lapses: 0,
		createdAt: 1,
		updatedAt: 1
	});
	await old.table('scenarios').add({
		id: 's1',
		title: 'Beim Bäcker',
		situation: 'Eine Bäckerei in Berlin, morgens.',
		goal: 'Zwei Brötchen kaufen.',
		cefrLevel: 'A1',
		builtIn: false,
		createdAt: 1,
		updatedAt: 1
	});
}

async function expectTutorRowsUpgraded(db: KompanionDb) {
	expect(await db.vocabulary.get('v1')).toMatchObject({
		source: 'manual',
		due: 10 * DAY,
		fsrs: { state: 2, stability: 4, scheduledDays: 4, reps: 3, lapses: 1, lastReview: 6 * DAY }
	});
	expect((await db.vocabulary.get('v1'))!.fsrs.difficulty).toBeCloseTo(6);
	expect(await db.vocabulary.get('v2')).toMatchObject({
		fsrs: { state: 0, stability: 0, reps: 0 }
	});
	expect(await db.vocabulary.get('v1')).not.toHaveProperty('ease');
	expect(await db.scenarios.get('s1')).toMatchObject({
		setting: 'Eine Bäckerei in Berlin, morgens.',
		goals: [{ text: 'Zwei Brötchen kaufen.', keywords: [] }],
		levelRange: { min: 'A1', max: 'A1' }
	});
	for (const name of ['vocabulary', 'scenarios'] as const) {
		for (const row of await db.table(name).toArray()) {
			expect(v.safeParse(TABLES[name].schema, row).success, `${name} row valid`).toBe(true);
		}
	}
}
