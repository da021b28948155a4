import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { SETTINGS, SETTING_KEYS, type SettingKey } from '$lib/db/settings';
import { SettingsStore, settingRange } from '$lib/settings';
import { makeTestDb } from '../../helpers/factories';

const stores: SettingsStore[] = [];
afterEach(() => stores.splice(0).forEach((store) => store.reset()));

function setUp() {
	const t = makeTestDb();
	const store = new SettingsStore({ repos: t.repos, bus: t.bus });
	stores.push(store);
	const changes: (readonly SettingKey[])[] = [];
	t.bus.on('settings:changed', ({ keys }) => changes.push(keys));
	return { ...t, store, changes };
}

describe('SettingsStore', () => {
	it('holds the schema’s defaults until read, then the stored values', async () => {
		const t = setUp();
		await t.repos.settings.set('speech.silenceMs', 750);
		for (const key of SETTING_KEYS) expect(t.store.get(key)).toEqual(SETTINGS[key].fallback);
		expect(t.store.get('speech.silenceMs')).toBe(400);

		const values = await t.store.load();
		expect(t.store.current).toEqual({ status: 'ready', value: values });
		expect(t.store.get('speech.silenceMs')).toBe(750);
		expect(t.store.get('memory.quietSeconds')).toBe(SETTINGS['memory.quietSeconds'].fallback);
	});

	it('gives forms the schema’s ranges: the bounds are valid, one past them is not', () => {
		for (const key of ['speech.silenceMs', 'memory.quietSeconds'] as const) {
			const { min, max, step } = settingRange(key);
			const valid = (value: number) => v.safeParse(SETTINGS[key].schema, value).success;
			expect([valid(min - 1), valid(min), valid(min + step), valid(max), valid(max + 1)]).toEqual([
				false,
				true,
				true,
				true,
				false
			]);
			expect(valid(SETTINGS[key].fallback)).toBe(true);
		}
		expect(settingRange('speech.silenceMs')).toEqual({ min: 200, max: 2000, step: 50 });
	});

	it('saves a form in one transaction and holds the new values when save returns', async () => {
		const t = setUp();
		await t.store.load();
		const changed = await t.store.save({
			'speech.sttModel': 'whisper-small',
			'speech.silenceMs': 400,
			'call.debug': true
		});
		expect(changed).toEqual(['speech.sttModel', 'call.debug']);
		expect(t.changes).toEqual([['speech.sttModel', 'call.debug']]);
		expect(t.store.get('speech.sttModel')).toBe('whisper-small');
		expect(t.store.get('call.debug')).toBe(true);

		await expect(
			t.store.save({ 'speech.sttModel': 'whisper-base', 'speech.silenceMs': 5000 })
		).rejects.toThrow(/from 200 to 2000/);
		expect(t.store.get('speech.sttModel')).toBe('whisper-small');
		expect(await t.repos.settings.get('speech.sttModel')).toBe('whisper-small');
		expect(t.changes).toHaveLength(1);
	});

	it('follows writes by others and an imported backup', async () => {
		const t = setUp();
		await t.store.load();
		await t.repos.settings.set('llm.engine', 'onnx');
		await expect.poll(() => t.store.get('llm.engine')).toBe('onnx');

		// An import replaces the settings table and says data:replaced, not settings:changed.
		await t.db.settings.put({ key: 'memory.quietSeconds', value: 90 });
		t.bus.emit('data:replaced', { reason: 'import' });
		await expect.poll(() => t.store.get('memory.quietSeconds')).toBe(90);
	});
});
