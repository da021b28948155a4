import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { exportBackup, readBackup, restoreBackup } from '$lib/db/backup';
import { AppError, ImportError, ValidationError } from '$lib/errors';
import { cardsFromWords, manualCard } from '$lib/tutor/review/factories';
import { buildQueue, dayAfter, startOfDay } from '$lib/tutor/review/queue';
import { Scheduler } from '$lib/tutor/review/scheduler';
import { DAY_MS, MINUTE_MS } from '$lib/tutor/review/types';
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

// Noon local time, so "today" has room on both sides.
const T0 = new Date(2026, 0, 5, 12, 0).getTime();
const scheduler = new Scheduler({ fuzz: false });
const word = (term: string, now = T0) => manualCard({ term, note: `${term} (note)` }, now);

describe('vocabulary cards', () => {
	it('adds a card once: the same term and language again is not a second card', async () => {
		const { repos, emitted } = fresh();
		const first = await repos.vocabulary.add(
			manualCard({ term: 'Bahnhof', article: 'der', plural: 'Bahnhöfe', note: 'station' }, T0)
		);
		expect(first.added).toBe(true);
		expect(first.card.rev).toMatch(/^[0-9a-z]{9}-/);
		const again = await repos.vocabulary.add(
			manualCard({ term: 'bahnhof ', article: 'der', plural: '-', note: 'x' }, T0)
		);
		expect(again).toMatchObject({ added: false, card: { id: first.card.id } });
		// A verb and a noun of the same letters are two words.
		expect((await repos.vocabulary.add(word('essen'))).added).toBe(true);
		expect(
			(
				await repos.vocabulary.add(
					manualCard({ term: 'Essen', article: 'das', plural: '-', note: 'food' })
				)
			).added
		).toBe(true);
		const many = await repos.vocabulary.addMany(
			cardsFromWords(
				[
					{ term: 'Bahnhof', article: 'der' },
					{ term: 'Gleis', article: 'das' },
					{ term: 'gleis', article: 'das' }
				],
				{
					source: 'scenario',
					language: 'de'
				}
			)
		);
		expect(many.added.map((card) => card.term)).toEqual(['Gleis']);
		expect(many.skipped).toBe(1); // the list's own repeat never became a card
		expect(await repos.vocabulary.count()).toBe(4);
		expect(emitted.filter((e) => e === 'saved:vocabulary')).toHaveLength(4);
	});

	it('edits a card’s words, validates them, and deletes a card', async () => {
		const { repos } = fresh();
		const { card } = await repos.vocabulary.add(word('laufen'));
		const edited = await repos.vocabulary.update(card.id, {
			term: 'Lauf',
			article: 'der',
			plural: 'Läufe'
		});
		expect(edited).toMatchObject({ term: 'Lauf', article: 'der', due: card.due, fsrs: card.fsrs });
		await expect(repos.vocabulary.update(card.id, { term: '  ' })).rejects.toBeInstanceOf(
			ValidationError
		);
		expect((await repos.vocabulary.update(card.id, { article: '' })).article).toBeUndefined();
		await repos.vocabulary.remove(card.id);
		expect(await repos.vocabulary.get(card.id)).toBeUndefined();
	});

	it('stores a review and its log in one transaction, and refuses a stale one', async () => {
		const { repos, db } = fresh();
		const { card } = await repos.vocabulary.add(word('Wohnung'));
		const rated = scheduler.rate(card, 3, T0, { via: 'typed', answer: 'Wohnung' });
		const stored = await repos.vocabulary.review(rated);
		expect(stored).toMatchObject({ due: T0 + 10 * MINUTE_MS, fsrs: { state: 1, reps: 1 } });
		expect(await db.reviewLog.count()).toBe(1);
		// The same review again (another tab showed the old card): refused, nothing written.
		const error = await repos.vocabulary.review(rated).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(AppError);
		expect((error as AppError).code).toBe('data/conflict');
		expect(await db.reviewLog.count()).toBe(1);
		// A failing log write leaves the card as it was.
		const next = scheduler.rate(stored, 3, stored.due);
		db.reviewLog.hook('creating', () => {
			throw new Error('disk broke');
		});
		await expect(repos.vocabulary.review(next)).rejects.toThrow();
		expect(await repos.vocabulary.get(card.id)).toMatchObject({
			due: stored.due,
			fsrs: stored.fsrs
		});
	});

	it('undo restores the card exactly and marks the log row undone', async () => {
		const { repos, db } = fresh();
		const { card } = await repos.vocabulary.add(word('Rechnung'));
		const first = await repos.vocabulary.review(scheduler.rate(card, 3, T0));
		const second = await repos.vocabulary.review(scheduler.rate(first, 4, first.due));
		expect(second.fsrs.state).toBe(2);

		const restored = await repos.vocabulary.undoLast();
		expect(restored).toMatchObject({ id: card.id, due: first.due, fsrs: first.fsrs });
		expect((await repos.vocabulary.get(card.id))?.fsrs).toEqual(first.fsrs);
		await repos.vocabulary.undoLast();
		const original = await repos.vocabulary.get(card.id);
		expect({ due: original?.due, fsrs: original?.fsrs }).toEqual({
			due: card.due,
			fsrs: card.fsrs
		});
		expect(await repos.vocabulary.undoLast()).toBeNull();
		// Append-only: both rows are still there, marked.
		expect((await db.reviewLog.toArray()).map((log) => log.undone)).toEqual([true, true]);
		expect(await repos.vocabulary.reviewLog()).toEqual([]);
	});

	it('lists due cards by [language+due] and counts them per day for the next 14 days', async () => {
		const { repos } = fresh();
		const cards = [
			{ ...word('heute', T0), due: T0 - DAY_MS }, // overdue: counts today
			{ ...word('gleich', T0), due: T0 + 60 * MINUTE_MS },
			{ ...word('morgen', T0), due: dayAfter(T0, 1) + 8 * 3_600_000 },
			{ ...word('später', T0), due: dayAfter(T0, 13) + 1 },
			{ ...word('zu spät', T0), due: dayAfter(T0, 14) + 1 },
			{ ...word('pause', T0), due: T0 - 1, suspended: true },
			{ ...manualCard({ term: 'demain', note: 'x', language: 'fr' }, T0), due: T0 - 1 }
		];
		await repos.vocabulary.addMany(cards);
		expect((await repos.vocabulary.due(T0)).map((card) => card.term)).toEqual(['heute', 'demain']);
		expect(await repos.vocabulary.dueCount(T0, 'de')).toBe(1);
		const days = await repos.vocabulary.dueByDay(14, T0);
		expect(days).toHaveLength(14);
		expect(days[0]).toEqual({ day: startOfDay(T0), count: 3 });
		expect(days[1].count).toBe(1);
		expect(days[13].count).toBe(1);
		expect(days.reduce((sum, day) => sum + day.count, 0)).toBe(5);
	});

	it('counts words learned, reviews per day and what was done today', async () => {
		const { repos } = fresh();
		const { card: a } = await repos.vocabulary.add(word('Apfel'));
		const { card: b } = await repos.vocabulary.add(word('Birne'));
		const yesterday = T0 - DAY_MS;
		const learned = await repos.vocabulary.review(scheduler.rate(a, 4, yesterday));
		expect(learned.fsrs.state).toBe(2);
		await repos.vocabulary.review(scheduler.rate(b, 1, T0));
		expect(await repos.vocabulary.wordsLearned()).toBe(1);
		expect(await repos.vocabulary.wordsLearned('fr')).toBe(0);
		const byDay = await repos.vocabulary.reviewsByDay(7, T0);
		expect(byDay.slice(-2)).toEqual([
			{ day: startOfDay(yesterday), count: 1, again: 0 },
			{ day: startOfDay(T0), count: 1, again: 1 }
		]);
		expect(await repos.vocabulary.learnedByDay(3, T0)).toEqual([
			{ day: startOfDay(T0 - 2 * DAY_MS), count: 0 },
			{ day: startOfDay(yesterday), count: 1 },
			{ day: startOfDay(T0), count: 1 }
		]);
		// A lapse today takes the word out of today's count, not yesterday's.
		await repos.vocabulary.review(scheduler.rate(learned, 1, T0 + 1));
		expect((await repos.vocabulary.learnedByDay(2, T0)).map((day) => day.count)).toEqual([1, 0]);
		await repos.vocabulary.undoLast();
		const today = await repos.vocabulary.today(T0);
		expect([...today.reviewedIds]).toEqual([b.id]);
		expect([...today.newIds]).toEqual([b.id]);
	});

	it('refuses a card that breaks the schema, with a message', async () => {
		const { repos } = fresh();
		const bad = { ...word('x'), due: -1 };
		await expect(repos.vocabulary.add(bad)).rejects.toBeInstanceOf(ValidationError);
		expect(await repos.vocabulary.count()).toBe(0);
	});
});

describe('the daily limits', () => {
	const none = { reviewedIds: new Set<string>(), newIds: new Set<string>() };
	const old = (term: string, due: number) => ({
		...word(term),
		due,
		fsrs: {
			...word(term).fsrs,
			state: 2 as const,
			reps: 3,
			stability: 5,
			difficulty: 5,
			scheduledDays: 5
		}
	});

	it('starts at most newPerDay new cards, reviews first', () => {
		const due = [word('n1', T0 - 3), word('n2', T0 - 2), word('n3', T0 - 1), old('r1', T0 - 5)];
		const queue = buildQueue(due, none, { newPerDay: 2, maxPerDay: 100 });
		expect(queue.cards.map((card) => card.term)).toEqual(['r1', 'n1', 'n2']);
		expect(queue).toMatchObject({ heldBack: 1, limitReached: 'new' });
	});

	it('counts what was done today, and always lets a card in its learning steps come back', () => {
		const learning = { ...word('lernen'), fsrs: { ...word('x').fsrs, state: 1 as const, reps: 1 } };
		const today = { reviewedIds: new Set([learning.id, 'gone-1']), newIds: new Set([learning.id]) };
		const due = [learning, old('r1', T0 - 5), word('n1')];
		expect(buildQueue(due, today, { newPerDay: 1, maxPerDay: 3 }).cards.map((c) => c.term)).toEqual(
			['r1', 'lernen']
		);
		const capped = buildQueue(due, today, { newPerDay: 5, maxPerDay: 2 });
		expect(capped.cards.map((c) => c.term)).toEqual(['lernen']);
		expect(capped).toMatchObject({ heldBack: 2, limitReached: 'total' });
	});
});

describe('cards and their review log in backups', () => {
	/** A device with two cards, one reviewed twice and one of those reviews undone. */
	async function deck(ctx: Ctx) {
		const { card: a } = await ctx.repos.vocabulary.add(
			manualCard({ term: 'Bahnhof', article: 'der', plural: 'Bahnhöfe', note: 'station' }, T0)
		);
		await ctx.repos.vocabulary.add(word('grüßen'));
		const once = await ctx.repos.vocabulary.review(
			scheduler.rate(a, 3, T0, { via: 'typed', answer: 'der Bahnhof' })
		);
		await ctx.repos.vocabulary.review(scheduler.rate(once, 1, once.due));
		await ctx.repos.vocabulary.undoLast();
	}

	const sorted = <T extends { id: string }>(rows: T[]) =>
		[...rows].sort((x, y) => x.id.localeCompare(y.id));

	it('round-trip every card and every log row, undone marks and revs included', async () => {
		const source = fresh();
		await deck(source);
		const parsed = await readBackup(await exportBackup(source.db, 'test'));
		expect(parsed.summary.tables).toMatchObject({ vocabulary: 2, reviewLog: 2 });

		const target = fresh();
		await target.repos.vocabulary.add(word('wird ersetzt'));
		await restoreBackup(target.db, target.bus, parsed);
		expect(sorted(await target.db.vocabulary.toArray())).toEqual(
			sorted(await source.db.vocabulary.toArray())
		);
		expect(sorted(await target.db.reviewLog.toArray())).toEqual(
			sorted(await source.db.reviewLog.toArray())
		);
		// And the restored deck works: the kept review can be undone there.
		expect(await target.repos.vocabulary.undoLast()).toMatchObject({
			term: 'Bahnhof',
			fsrs: { state: 0 }
		});
	});

	/** The source's backup with one card or log row changed by `edit`. */
	async function tampered(
		table: 'vocabulary' | 'reviewLog',
		edit: (row: Record<string, unknown>) => void
	) {
		const source = fresh();
		await deck(source);
		const files = unzipSync(
			new Uint8Array(await (await exportBackup(source.db, 'test')).arrayBuffer())
		);
		const path = `tables/${table}.json`;
		const rows = JSON.parse(new TextDecoder().decode(files[path])) as Record<string, unknown>[];
		edit(rows[0]);
		files[path] = strToU8(JSON.stringify(rows));
		return new Blob([zipSync(files)]);
	}

	it.each([
		[
			'a card with a field this version does not know',
			'vocabulary',
			(row: Record<string, unknown>): unknown => (row.colour = 'red'),
			/item 1 of vocabulary is not valid \(colour: a field this version of Kompanion does not know\)/
		],
		[
			'a card with a due date before 1970',
			'vocabulary',
			(row: Record<string, unknown>): unknown => (row.due = -5),
			/item 1 of vocabulary is not valid \(due: .*>=0.*\)/
		],
		[
			'a card in a state FSRS does not have',
			'vocabulary',
			(row: Record<string, unknown>): unknown => ((row.fsrs as Record<string, unknown>).state = 7),
			/item 1 of vocabulary is not valid \(fsrs\.state: /
		],
		[
			'a log row with a rating of 5',
			'reviewLog',
			(row: Record<string, unknown>): unknown => (row.rating = 5),
			/item 1 of reviewLog is not valid \(rating: /
		],
		[
			'a log row with an unknown field',
			'reviewLog',
			(row: Record<string, unknown>): unknown => (row.device = 'x'),
			/\(device: a field this version of Kompanion does not know\)/
		]
	] as const)(
		'refuses %s with a clear message and stores nothing',
		async (_label, table, edit, message) => {
			const file = await tampered(table, edit);
			const target = fresh();
			await deck(target);
			const before = {
				cards: sorted(await target.db.vocabulary.toArray()),
				log: sorted(await target.db.reviewLog.toArray())
			};
			const error = await readBackup(file).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(ImportError);
			expect((error as ImportError).code).toBe('import/invalid-data');
			expect((error as ImportError).message).toMatch(message);
			expect((error as ImportError).message).toMatch(/Nothing on this device was changed\.$/);
			expect(sorted(await target.db.vocabulary.toArray())).toEqual(before.cards);
			expect(sorted(await target.db.reviewLog.toArray())).toEqual(before.log);
		}
	);

	it('still takes an SM-2 card from an older backup, as an FSRS card', async () => {
		const target = fresh();
		const legacy = {
			id: 'old-1',
			language: 'de',
			term: 'Katze',
			translation: 'cat',
			due: T0,
			intervalDays: 4,
			ease: 2.5,
			reps: 3,
			lapses: 0,
			createdAt: 1,
			updatedAt: 1
		};
		const zip = new Blob([
			zipSync({
				'manifest.json': strToU8(
					JSON.stringify({
						format: 'kompanion-backup',
						formatVersion: 1,
						schemaVersion: 3,
						appVersion: 'old',
						exportedAt: 0,
						tables: { vocabulary: 1 }
					})
				),
				'tables/vocabulary.json': strToU8(JSON.stringify([legacy]))
			})
		]);
		await restoreBackup(target.db, target.bus, await readBackup(zip));
		expect(await target.repos.vocabulary.get('old-1')).toMatchObject({
			term: 'Katze',
			source: 'manual',
			fsrs: { state: 2, stability: 4, difficulty: 5, reps: 3 }
		});
	});
});
