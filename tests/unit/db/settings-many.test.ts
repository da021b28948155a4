import { afterEach, describe, expect, it } from 'vitest';
import type { SettingKey } from '$lib/db/settings';
import { ValidationError } from '$lib/errors';
import { makeTestDb } from '../../helpers/factories';

/** A test database whose bus records the keys of every `settings:changed`. */
function setUp() {
	const t = makeTestDb();
	const changes: (readonly SettingKey[])[] = [];
	t.bus.on('settings:changed', ({ keys }) => changes.push(keys));
	return { ...t, changes };
}

describe('SettingsRepo.setMany', () => {
	let t = setUp();
	afterEach(async () => {
		await t.db.delete();
		t = setUp();
	});

	it('saves every value or none: one invalid value leaves all settings as they were', async () => {
		await t.repos.settings.set('speech.silenceMs', 600);
		t.changes.length = 0;

		const saving = t.repos.settings.setMany({
			'speech.silenceMs': 800,
			'call.debug': true,
			'memory.quietSeconds': 3
		});
		await expect(saving).rejects.toBeInstanceOf(ValidationError);
		await saving.catch((error: ValidationError) =>
			expect(error.issues).toEqual([
				{
					path: 'memory.quietSeconds',
					message: 'The pause is a whole number of seconds from 5 to 600.'
				}
			])
		);
		expect(await t.repos.settings.getMany(['speech.silenceMs', 'call.debug'])).toEqual({
			'speech.silenceMs': 600,
			'call.debug': false
		});
		expect(t.changes).toEqual([]);
	});

	it('writes in one transaction: when one row cannot be stored, none is', async () => {
		// Make the second row's write fail inside the transaction (as a full disk would).
		t.db.settings.hook('creating', (key) => {
			if (key === 'call.debug') throw new Error('disk full');
		});
		await expect(
			t.repos.settings.setMany({ 'speech.silenceMs': 900, 'call.debug': true })
		).rejects.toThrow();
		expect(await t.repos.settings.get('speech.silenceMs')).toBe(400);
		expect(t.changes).toEqual([]);
	});

	it('announces the keys whose values changed, once, after they are stored', async () => {
		const seen: unknown[] = [];
		t.bus.on('settings:changed', () => {
			void t.repos.settings.get('llm.source').then((value) => seen.push(value));
		});
		const changed = await t.repos.settings.setMany({
			'llm.source': '  https://models.example.org/  ',
			'speech.silenceMs': 400, // the default: not a change
			'memory.modelDeletes': true
		});
		expect(changed).toEqual(['llm.source', 'memory.modelDeletes']);
		expect(t.changes).toEqual([['llm.source', 'memory.modelDeletes']]);
		// Stored as the schema outputs it (trimmed), and readable when the event arrives.
		await new Promise((done) => setTimeout(done, 10));
		expect(seen).toEqual(['https://models.example.org/']);

		// Saving the same values again changes nothing and says nothing.
		expect(
			await t.repos.settings.setMany({
				'llm.source': 'https://models.example.org/',
				'memory.modelDeletes': true
			})
		).toEqual([]);
		expect(t.changes).toHaveLength(1);
	});

	it('rejects keys that are not settings', async () => {
		await expect(t.repos.settings.setMany({ 'no.such.key': 1 } as never)).rejects.toBeInstanceOf(
			ValidationError
		);
		expect(t.changes).toEqual([]);
	});
});
