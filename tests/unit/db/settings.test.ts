import { afterEach, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '$lib/errors';
import { isSecretSetting, readSetting, settingIssue } from '$lib/db/settings';
import { StorageStatus } from '$lib/db/storage.svelte';
import { makeTestDb } from '../../helpers/factories';

describe('settings', () => {
	let ctx = makeTestDb();
	afterEach(async () => {
		vi.unstubAllGlobals();
		await ctx.db.delete();
		ctx = makeTestDb();
	});

	it('reads fallbacks for missing or invalid values and validates writes', async () => {
		expect(readSetting('presets.seeded', undefined)).toBe(false);
		expect(readSetting('presets.seeded', 'yes')).toBe(false);
		expect(settingIssue('presets.seeded', 'yes')).toMatch(/boolean/i);
		expect(settingIssue('some.future.key', { any: 1 })).toBeUndefined();
		expect(isSecretSetting('presets.seeded')).toBe(false);

		await ctx.repos.settings.set('presets.seeded', true);
		expect(await ctx.repos.settings.get('presets.seeded')).toBe(true);
		await expect(
			ctx.repos.settings.set('presets.seeded', 'yes' as unknown as boolean)
		).rejects.toBeInstanceOf(ValidationError);
	});

	it('asks for persistent storage once per device, after the first save', async () => {
		const persist = vi.fn(async () => true);
		vi.stubGlobal('navigator', {
			storage: {
				persist,
				persisted: async () => false,
				estimate: async () => ({ usage: 1, quota: 2 })
			}
		});
		const status = new StorageStatus();
		expect(await status.requestPersistenceOnce(ctx.repos.settings)).toBe(true);
		expect(await status.requestPersistenceOnce(ctx.repos.settings)).toBe(true);
		expect(await new StorageStatus().requestPersistenceOnce(ctx.repos.settings)).toBe(false);
		expect(persist).toHaveBeenCalledTimes(1);
		expect(await ctx.repos.settings.get('storage.persistRequested')).toBe(true);

		await status.refresh();
		expect(status.estimate).toEqual({ usage: 1, quota: 2 });
		expect(status.persisted).toBe(false);
	});
});
